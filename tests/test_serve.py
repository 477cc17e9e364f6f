"""`make serve` (mkdocs serve) previews the site: it leaves out the slow whole-guide PDF and
says so, and it rebuilds the preview when a file in content/ changes. One preview server shows
all of it."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from conftest import SHIPPED, copy_project, note_build
from sitecheck.server import fetch, mkdocs_serve, seconds_until


@pytest.mark.extra_build
def test_the_preview_leaves_out_the_guide_pdf_and_rebuilds_when_content_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    note_build("extra", "mkdocs serve")
    with mkdocs_serve(project) as base_url:
        url = base_url + "disagreement-resolution/who-provides-it/"
        assert seconds_until(url, "The Together Trust", 60) is not None, "no preview"

        assert "It is not made while you preview the site." in fetch(base_url)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base_url + "guide/whole-guide.pdf", timeout=5)
        assert missing.value.code == 404

        providers = project / "content" / SHIPPED / "providers.yml"
        providers.write_text(
            providers.read_text(encoding="utf-8").replace(
                "name: The Together Trust", "name: Riverside Mediation Trust"
            ),
            encoding="utf-8",
        )
        rebuilt = seconds_until(url, "Riverside Mediation Trust", 60)
        assert rebuilt is not None, "no rebuild after a content edit"
