"""`make site` builds into a new folder and swaps it in only when the build succeeds: a build
that fails, early (broken content) or late (a broken link, found in strict mode after every
page and PDF is made), leaves the existing site byte-identical."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PDF_CACHE, copy_project, note_build
from test_content_loading import break_content, expected_messages

from macros.build import replace_site

# Broken content in five files at once: a YAML syntax error, a missing file and three records
# with a wrong value. Each case is checked on its own, message by message, in-process
# (tests/test_content_loading.py); this shows the real build command reports them all at once.
BROKEN_AT_ONCE = [
    "yaml-syntax-error",
    "missing-content-file",
    "colour-too-light",
    "form-unknown-field-type",
    "time-limit-unknown-unit",
]


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _make_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`make site`'s command, run on a copy of the project."""
    note_build("extra", f"make site in {project.name}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEND_CONTENT", None)
    return subprocess.run(
        [sys.executable, "-m", "macros.build", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def existing_site(tmp_path, built_site) -> Path:
    """A published site: a copy of the shipped council's."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    return site


def _assert_unchanged(site: Path, before: dict[str, str], output: str) -> None:
    assert "Traceback" not in output
    assert "site/ has not been changed" in output
    assert _tree_digest(site) == before
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


@pytest.mark.extra_build
def test_broken_content_stops_the_build_with_every_error_and_leaves_the_site(
    tmp_path, existing_site
):
    project = copy_project(tmp_path / "project")
    for case in BROKEN_AT_ONCE:
        break_content(project / "content", case)
    before = _tree_digest(existing_site)

    result = _make_site(project, existing_site)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for case in BROKEN_AT_ONCE:
        for message in expected_messages(case):
            assert message in output, f"{case}: {message!r} not in:\n{output}"
    _assert_unchanged(existing_site, before, output)


@pytest.mark.extra_build
def test_a_broken_link_fails_the_strict_build_late_and_leaves_the_site(tmp_path, existing_site):
    """The strict check fails the build after every page and PDF is made. Those PDFs all come
    from the cache the copy carried: nothing in the content changed, so none is made again."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Missing](no-such-page.md)\n")
    cache = project / PDF_CACHE
    cached = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    before = _tree_digest(existing_site)

    result = _make_site(project, existing_site)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "no-such-page.md" in output
    # MkDocs stops a strict build only after on_post_build, where the guide PDF is made.
    assert "in strict mode" in output, output
    _assert_unchanged(existing_site, before, output)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == cached


def test_a_finished_build_replaces_the_site_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    new_site = tmp_path / ".site-build-1"
    new_site.mkdir()
    (new_site / "index.html").write_text("new")

    replace_site(new_site, site)

    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_the_first_build_makes_the_site_folder(tmp_path):
    new_site = tmp_path / ".site-build-1"
    new_site.mkdir()
    (new_site / "index.html").write_text("new")
    replace_site(new_site, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "new"
