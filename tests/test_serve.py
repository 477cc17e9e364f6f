"""`make serve` (mkdocs serve) previews the site: it leaves out the slow whole-guide PDF and
says so, and it rebuilds the preview when a file in content/ changes. One preview server shows
all of it."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from builds import copy_project, note_build
from conftest import SHIPPED
from sitecheck.server import fetch, mkdocs_serve, seconds_until


@pytest.mark.extra_build
def test_the_preview_leaves_out_the_guide_pdf_and_rebuilds_when_content_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    note_build("extra", "mkdocs serve")
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as base_url:
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

        # Broken content: the preview keeps answering with the last good pages, and lists the
        # problem on every page and in the terminal; the next good save takes it away.
        good = providers.read_text(encoding="utf-8")
        providers.write_text(
            good.replace("name: Riverside Mediation Trust", "name: [Riverside"), encoding="utf-8"
        )
        banner = "This preview is out of date: the content has problems"
        assert seconds_until(url, banner, 60) is not None, "no error banner"
        page = fetch(url)
        assert "Riverside Mediation Trust" in page
        assert "providers.yml" in page and "this is not valid YAML" in page
        assert banner in fetch(base_url + "routes/mediation/")
        assert "this is not valid YAML" in log.read_text(encoding="utf-8")
        providers.write_text(
            good.replace("name: Riverside Mediation Trust", "name: Lakeside Mediation Trust"),
            encoding="utf-8",
        )
        assert seconds_until(url, "Lakeside Mediation Trust", 60) is not None, "no recovery"
        assert banner not in fetch(url)
