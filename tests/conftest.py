"""Shared fixtures: the project's paths (tests/project_paths.py), the shipped content loaded
once per process, and one strict build of each council's site per test run, shared by every
pytest-xdist worker (tests/builds.py)."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from pathlib import Path

import pytest
from builds import (
    MAX_EXTRA_BUILDS,
    VariantBuild,
    build_council,
    build_variant,
    builds_noted,
    remove_build_log,
    start_build_log,
)
from project_paths import (
    COUNCIL_FOLDERS,
    COUNCILS,
    NATIONAL,
    PDF_CACHE,
    PROJECT,
    SHIPPED,
    SHIPPED_COUNCIL,
)
from xdist_order import scheduler_by_work_group, slowest_first

# The tests import the project's paths from here.
__all__ = [
    "COUNCILS",
    "COUNCIL_FOLDERS",
    "NATIONAL",
    "PDF_CACHE",
    "PROJECT",
    "SHIPPED",
    "SHIPPED_COUNCIL",
    "loaded_council",
    "shipped_content",
]


@functools.cache
def loaded_council(folder: Path):
    """A council's real folder, loaded once per test process, for the tests that read the
    content the project ships without changing it (its records and its warnings). Loaded from
    the project folder, so its messages name files as content/... wherever a test has gone."""
    from macros.content import load_content

    with contextlib.chdir(PROJECT):
        return load_content(folder)


def shipped_content():
    """The shipped council's records (for parametrizing and for tests that read the real
    content)."""
    return loaded_council(SHIPPED_COUNCIL).content


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real content/ (both layers) at tmp_path/content, with tmp_path as the
    working directory, so messages name files as content/national/... and content/councils/..."""
    target = tmp_path / "content"
    shutil.copytree(PROJECT / "content", target)
    monkeypatch.chdir(tmp_path)
    return target


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


@pytest.fixture(scope="session")
def variant_build(tmp_path_factory, built_sites) -> VariantBuild:
    """The variant council (tests/variant.py), built once per run. It waits for the shipped
    council's build, so it carries that build's PDF cache."""
    built_sites("default")
    return build_variant(tmp_path_factory)


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
        start_build_log()


def pytest_unconfigure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        remove_build_log()


# The fixtures that build a whole site, or start from one: a test using any of them, directly
# or through another fixture, is marked `build`, which `make test-fast` leaves out.
WHOLE_BUILD_FIXTURES = {
    "built_sites", "built_site", "default_build_output", "variant_build", "site_url",
    "hostile_build",
}  # fmt: skip


def pytest_collection_modifyitems(items):
    """Mark tests by what they use, so `make test-fast` (-m "not browser ...") can never run
    one that starts Chromium or a whole build. Under pytest-xdist, put the slowest work
    first (each worker collects, and must order, the same way)."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "variant_build" in fixtures:
            item.add_marker(pytest.mark.extra_build)
        if WHOLE_BUILD_FIXTURES.intersection(fixtures):
            item.add_marker(pytest.mark.build)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: slowest_first(item.nodeid))


# Optional: `pytest -p no:xdist` runs without pytest-xdist, and so without this hook.
@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    return scheduler_by_work_group(config, log)


_TOO_MANY_BUILDS = pytest.StashKey[list]()


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    extra = [what for kind, what in builds_noted() if kind == "extra"]
    if len(extra) > MAX_EXTRA_BUILDS:
        session.config.stash[_TOO_MANY_BUILDS] = extra
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    builds = builds_noted()
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
