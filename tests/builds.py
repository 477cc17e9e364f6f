"""Whole builds of the site for the tests: each council's site and the variant council's, made
once per test run whichever pytest-xdist worker asks first (a file lock holds the others until
it is there), and the build budget: every build is noted, and the run fails when the extra
builds grow past MAX_EXTRA_BUILDS (tests/conftest.py reports them)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from project_paths import COUNCILS, PDF_CACHE, PROJECT, SHIPPED

MKDOCS = [sys.executable, "-m", "mkdocs"]


# Every build the suite starts is noted here (one line each, from any worker), so the end of
# the run can say how many there were and fail if the extra ones grow past the budget: each
# costs seconds, and most can be a check of content or of one of the shared builds instead.
BUILD_LOG = "SL_TEST_BUILD_LOG"
# Seven: the variant, two atomic builds, `mkdocs serve`, the hostile council (issue 25), a
# new council made by `make new-council` and the browser editor's preview (issue 29).
MAX_EXTRA_BUILDS = 7


def start_build_log() -> None:
    """A new, empty log for this run, named in the environment before pytest-xdist starts
    its workers, which inherit it."""
    fd, log = tempfile.mkstemp(prefix="sl-builds-", suffix=".log")
    os.close(fd)
    os.environ[BUILD_LOG] = log


def remove_build_log() -> None:
    Path(os.environ.pop(BUILD_LOG, "")).unlink(missing_ok=True)


def note_build(kind: str, what: str) -> None:
    """Record a build: kind is "council" (one per council, shared) or "extra"."""
    log = os.environ.get(BUILD_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{kind}\t{what}\n")


def builds_noted() -> list[tuple[str, str]]:
    """Every build this run noted so far: (kind, what)."""
    log = Path(os.environ.get(BUILD_LOG, "/nonexistent"))
    if not log.is_file():
        return []
    return [tuple(line.split("\t", 1)) for line in log.read_text(encoding="utf-8").splitlines()]


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
    The npm packages are linked, not copied: the build only reads the Word library from them.
    """
    target.mkdir(parents=True, exist_ok=True)
    names = ("mkdocs.yml", "package.json", "docs", "content", "macros", "overrides", PDF_CACHE)
    for name in names:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.part")
            )
        elif source.is_file():
            shutil.copy2(source, target / name)
    if (PROJECT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(PROJECT / "node_modules", target_is_directory=True)
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


@dataclass(frozen=True)
class VariantBuild:
    project: Path  # a copy of the project, with the PDF cache it carried
    content: Path  # the changed content, in a folder outside the project
    site: Path
    output: str
    pdfs_carried: frozenset[str]  # the PDF cache's files before the build


def build_variant(tmp_path_factory) -> VariantBuild:
    """The variant council (tests/variant.py): a changed copy of the project, built once per
    run. Call it after the shipped council's build, so it carries that build's PDF cache."""
    from variant import make_variant_content, old_build_epoch

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
