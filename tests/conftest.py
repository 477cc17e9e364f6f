"""Shared fixtures: the project's paths and one strict build of the real site per test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def run_mkdocs_build(project: Path, site_dir: Path, content_dir: Path | None = None):
    """``mkdocs build --strict`` of ``project``'s mkdocs.yml; returns the CompletedProcess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEND_CONTENT", None)
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
    """A throwaway copy of everything the build reads, to break or change safely."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "content", "macros", "overrides"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


# The councils whose content is built and checked: the shipped one and each example.
COUNCILS = {
    "default": None,
    **{p.name: p / "content" for p in sorted((PROJECT / "examples").glob("*")) if p.is_dir()},
}


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory):
    """Each council's site, built once with --strict into a temporary folder, on first use."""
    sites: dict[str, Path] = {}

    def build(council: str) -> Path:
        if council not in sites:
            site = tmp_path_factory.mktemp(f"built-{council}") / "site"
            result = run_mkdocs_build(PROJECT, site, COUNCILS[council])
            assert result.returncode == 0, result.stdout + result.stderr
            sites[council] = site
        return sites[council]

    return build


@pytest.fixture(scope="session")
def built_site(built_sites) -> Path:
    """The shipped council's site."""
    return built_sites("default")


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
    """Collects what every site check found; written to reports/site-checks.md at the end."""
    from sitecheck.report import SiteReport

    report = SiteReport()
    yield report
    report.write(PROJECT / "reports" / "site-checks.md")


def pytest_terminal_summary(terminalreporter):
    from sitecheck.tools import missing_tools

    for message in sorted(set(missing_tools)):
        terminalreporter.write_line(message, red=True, bold=True)
