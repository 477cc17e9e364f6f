"""`make serve` (mkdocs serve) rebuilds the preview when a file in content/ changes."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import copy_project
from sitecheck.server import mkdocs_serve, seconds_until


def test_serve_rebuilds_when_content_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    with mkdocs_serve(project) as base_url:
        url = base_url + "disagreement-resolution/who-provides-it/"
        assert seconds_until(url, "The Together Trust", 60) is not None, "no preview"
        providers = project / "content" / "providers.yml"
        providers.write_text(
            providers.read_text(encoding="utf-8").replace(
                "name: The Together Trust", "name: Riverside Mediation Trust"
            ),
            encoding="utf-8",
        )
        rebuilt = seconds_until(url, "Riverside Mediation Trust", 60)
        assert rebuilt is not None, "no rebuild after a content edit"


def test_a_preview_build_leaves_out_the_guide_pdf(tmp_path):
    """make serve (SEND_PREVIEW=1) skips the slow whole-guide PDF and says so on the page."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEND_PREVIEW": "1"}
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "guide" / "whole-guide.pdf").exists()
    assert (
        "It is not made while you preview the site."
        in (tmp_path / "site" / "index.html").read_text()
    )
