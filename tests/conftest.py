"""Shared fixtures: the project's paths and one strict build of each council's site per test
run, shared by every pytest-xdist worker."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
# The national layer and the councils' folders (content/councils/<name>/).
NATIONAL = PROJECT / "content" / "national"
COUNCIL_FOLDERS = PROJECT / "content" / "councils"
# Where the shipped Example Council sits inside a content/ folder (the project's or a copy's).
SHIPPED = Path("councils") / "example-council"
SHIPPED_COUNCIL = PROJECT / "content" / SHIPPED


@functools.cache
def shipped_content():
    """The shipped council's records, loaded once per test process (for parametrizing and
    for tests that read the real content)."""
    from macros.content import load_content

    return load_content(SHIPPED_COUNCIL).content


MKDOCS = [sys.executable, "-m", "mkdocs"]
# Where a build keeps the PDFs it made (macros/__init__.py), relative to mkdocs.yml.
PDF_CACHE = ".cache/pdfs"


# Every build the suite starts is noted here (one line each, from any worker), so the end of
# the run can say how many there were and fail if the extra ones grow past the budget: each
# costs seconds, and most can be a check of content or of one of the shared builds instead.
BUILD_LOG = "SL_TEST_BUILD_LOG"
# Five: the variant, two atomic builds, `mkdocs serve`, and the hostile council (issue 25).
MAX_EXTRA_BUILDS = 5


def note_build(kind: str, what: str) -> None:
    """Record a build: kind is "council" (one per council, shared) or "extra"."""
    log = os.environ.get(BUILD_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{kind}\t{what}\n")


def run_mkdocs_build(
    project: Path,
    site_dir: Path,
    content_dir: Path | None = None,
    preview: bool = False,
    extra_env: dict[str, str] | None = None,
):
    """``mkdocs build --strict`` of ``project``'s mkdocs.yml; returns the CompletedProcess.
    A preview build leaves out the whole-guide PDF, as `make serve` does."""
    note_build("extra", f"mkdocs build of {project.name}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SEND_CONTENT", None)
    if preview:
        env["SEND_PREVIEW"] = "1"
    if content_dir is not None:
        env["SEND_CONTENT"] = str(content_dir)
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(project / "mkdocs.yml")]
        + ["--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_project(target: Path) -> Path:
    """A throwaway copy of everything the build reads, to break or change safely.

    The PDF cache comes too: it is keyed by a hash of each PDF's source, so a copy reuses
    every PDF its changes leave alone (building them again was most of a copy's build time).
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "content", "macros", "overrides", PDF_CACHE):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.part")
            )
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


# The councils whose content is built and checked: the shipped one ("default", what `make site`
# builds) and every other council folder.
COUNCILS = {
    "default": None,
    **{p.name: p for p in sorted(COUNCIL_FOLDERS.iterdir()) if p.is_dir() and p != SHIPPED_COUNCIL},
}


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real content/ (both layers) at tmp_path/content, with tmp_path as the
    working directory, so messages name files as content/national/... and content/councils/..."""
    target = tmp_path / "content"
    shutil.copytree(PROJECT / "content", target)
    monkeypatch.chdir(tmp_path)
    return target


def shared_folder(tmp_path_factory) -> Path:
    """A folder all of this run's pytest-xdist workers share (each has its own below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def one_at_a_time(lock_file: Path):
    """Hold a lock across processes, so the first worker to need a build makes it and any
    other waits for it instead of building the same thing again."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` run once in the whole test run, whichever worker asks first; the
    folder it filled is returned to every caller. A failed ``make`` is tried again by the
    next caller, so each one reports the failure."""
    folder = shared_folder(tmp_path_factory) / "once" / name
    done = folder.with_suffix(".done")
    with one_at_a_time(folder.with_suffix(".lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder


@dataclass(frozen=True)
class BuiltSite:
    site: Path
    output: str  # what the build printed: its warnings


def build_council(tmp_path_factory, council: str) -> BuiltSite:
    """A council's site, built once per test run by `make site`'s own command (into a new
    folder, swapped in when the build succeeds)."""

    def make(folder: Path) -> None:
        note_build("council", council)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SEND_CONTENT", None)
        if COUNCILS[council] is not None:
            env["SEND_CONTENT"] = str(COUNCILS[council])
        result = subprocess.run(
            [sys.executable, "-m", "macros.build", "--site-dir", str(folder / "site")],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        (folder / "output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")

    folder = once_per_run(tmp_path_factory, f"council-{council}", make)
    return BuiltSite(folder / "site", (folder / "output.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory):
    """Each council's site folder, built once per run on first use."""
    return lambda council: build_council(tmp_path_factory, council).site


@pytest.fixture(scope="session")
def built_site(built_sites) -> Path:
    """The shipped council's site."""
    return built_sites("default")


@pytest.fixture(scope="session")
def default_build_output(tmp_path_factory) -> str:
    return build_council(tmp_path_factory, "default").output


@dataclass(frozen=True)
class VariantBuild:
    project: Path  # a copy of the project, with the PDF cache it carried
    content: Path  # the changed content, in a folder outside the project
    site: Path
    output: str
    pdfs_carried: frozenset[str]  # the PDF cache's files before the build


@pytest.fixture(scope="session")
def variant_build(tmp_path_factory, built_sites) -> VariantBuild:
    """The variant council (tests/variant.py): a changed copy of the project, built once per
    run. It waits for the shipped council's build, so it carries that build's PDF cache."""
    from variant import make_variant_content, old_build_epoch

    built_sites("default")

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        make_variant_content(
            project / "content", project / "content" / SHIPPED, folder / "other-council"
        )
        carried = sorted(p.name for p in (project / PDF_CACHE).glob("*.pdf"))
        (folder / "carried.txt").write_text("\n".join(carried), encoding="utf-8")
        # A preview build: the guide PDF, 150 pages made anew for the changed content, would
        # be a third of the build. Its cache is tested by tests/test_atomic_build.py.
        result = run_mkdocs_build(
            project,
            folder / "site",
            folder / "other-council",
            preview=True,
            extra_env={"SOURCE_DATE_EPOCH": old_build_epoch(date.today())},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        (folder / "output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")

    folder = once_per_run(tmp_path_factory, "variant", make)
    return VariantBuild(
        folder / "project",
        folder / "other-council",
        folder / "site",
        (folder / "output.txt").read_text(encoding="utf-8"),
        frozenset((folder / "carried.txt").read_text(encoding="utf-8").split()),
    )


@pytest.fixture(scope="session")
def site_url(built_site):
    """The shipped council's site, served on 127.0.0.1."""
    from sitecheck.server import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser check (fails on CI if it cannot start)."""
    from sitecheck.tools import require

    require(
        "playwright", "chromium", "axe-core", "accessibility-checker-engine", "html_codesniffer"
    )
    from playwright.sync_api import sync_playwright
    from sitecheck.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_report():
    """Collects what every site check found; written to reports/site-checks-<council>.md."""
    from sitecheck.report import SiteReport

    report = SiteReport()
    yield report
    report.write(PROJECT / "reports")


def pytest_configure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        # Set before pytest-xdist starts its workers, which inherit it.
        fd, log = tempfile.mkstemp(prefix="sl-builds-", suffix=".log")
        os.close(fd)
        os.environ[BUILD_LOG] = log


def pytest_unconfigure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        Path(os.environ.pop(BUILD_LOG, "")).unlink(missing_ok=True)


def pytest_collection_modifyitems(items):
    """Mark tests by what they use, so `make test-fast` (-m "not browser ...") can never run
    one that starts Chromium or the variant build. Under pytest-xdist, put the slowest work
    first (each worker collects, and must order, the same way)."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "variant_build" in fixtures:
            item.add_marker(pytest.mark.extra_build)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: _slowest_first(item.nodeid))


# The slowest work, started first so that no long unit is left for the end: the browser
# passes (in sitecheck.browser.SETTINGS' order, slowest first), then single long tests.
_SLOW_MODULES = (
    "test_site_checks.py",
    "test_injection.py",
    "test_hostile_crawl.py",
    "test_fuzz_content.py",
    "test_site_checks_fail_on_bad_pages.py",
)


def _slowest_first(nodeid: str) -> tuple:
    path, _, name = nodeid.partition("::")
    module = next((i for i, m in enumerate(_SLOW_MODULES) if path.endswith(m)), len(_SLOW_MODULES))
    from sitecheck.browser import SETTINGS

    params = name[name.rfind("[") + 1 : -1] if name.endswith("]") else ""
    setting = next((i for i, s in enumerate(SETTINGS) if params.startswith(s + "-")), len(SETTINGS))
    later_council = not params.endswith(next(iter(COUNCILS)))
    return (module, setting, later_council)


def work_group(nodeid: str) -> str:
    """Which tests pytest-xdist must run on one worker, from the test's id: a council's site
    checks share one browser pass over its site, and the checks of the bad pages share
    another. Every other test is its own unit, sent to whichever worker is free."""
    path, _, name = nodeid.partition("::")
    if path.endswith("test_site_checks.py") and name.endswith("]"):
        return "site-" + name[name.rindex("[") + 1 : -1]
    if path.endswith("test_site_checks_fail_on_bad_pages.py") and name.startswith(
        "test_browser_check"
    ):
        return "bad-pages-in-the-browser"
    return nodeid


def pytest_xdist_make_scheduler(config, log):
    """Groups by ``work_group``, in the order of ``_slowest_first``.

    (pytest-xdist's own --dist loadgroup does this from xdist_group marks, but it stopped
    grouping anything with pytest 9.2: pytest-dev/pytest-xdist#1386.)
    """
    from xdist.scheduler import LoadScopeScheduling

    # Keep the order pytest_collection_modifyitems gave: slowest first, not largest group first.
    config.option.loadscopereorder = False

    class ByWorkGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_group(nodeid)

    return ByWorkGroup(config, log)


def _builds() -> list[tuple[str, str]]:
    log = Path(os.environ.get(BUILD_LOG, "/nonexistent"))
    if not log.is_file():
        return []
    return [tuple(line.split("\t", 1)) for line in log.read_text(encoding="utf-8").splitlines()]


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    extra = [what for kind, what in _builds() if kind == "extra"]
    if len(extra) > MAX_EXTRA_BUILDS:
        session.config.stash[_TOO_MANY_BUILDS] = extra
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_TOO_MANY_BUILDS = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter):
    builds = _builds()
    if builds:
        councils = sum(1 for kind, _ in builds if kind == "council")
        terminalreporter.write_line(
            f"Builds: {councils} council site(s), {len(builds) - councils} extra "
            f"(at most {MAX_EXTRA_BUILDS} extra)"
        )
    too_many = terminalreporter.config.stash.get(_TOO_MANY_BUILDS, None)
    if too_many:
        terminalreporter.write_line(
            f"TOO MANY BUILDS: {len(too_many)} extra builds, at most {MAX_EXTRA_BUILDS}: "
            + "; ".join(too_many)
            + ". Check a changed copy without a build, or use a shared build (conftest.py).",
            red=True,
            bold=True,
        )

    from sitecheck.tools import missing_tools

    for message in sorted(set(missing_tools)):
        terminalreporter.write_line(message, red=True, bold=True)
