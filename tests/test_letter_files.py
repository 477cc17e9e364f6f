"""What the build adds for the letter pages (issue 28): the file their script looks deadlines up
in (macros/letter_lookup.py, the deadline page's rules) and the Word library it loads when asked
(macros/word_library.py). The pages themselves in a browser: tests/test_letters_browser.py.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from datetime import date

from conftest import PROJECT, shipped_content

from macros.deadlines import series_table
from macros.letter_lookup import letter_series
from macros.urls import DOCX_LIBRARY, DOCX_LIBRARY_LICENCE, LETTERS_LOOKUP_FILE
from macros.word_library import BUNDLE, copy_word_library


def test_the_letters_lookup_is_the_rules_for_the_build_date(built_site):
    """The file letters.js reads is the deadline page's table, from the same rules, for every
    deadline a letter names, and it has every series a letter page looks up."""
    content = shipped_content()
    written = json.loads((built_site / LETTERS_LOOKUP_FILE).read_text(encoding="utf-8"))
    day = date.fromisoformat(written["built_on"])
    assert written == series_table(letter_series(content), content.time_limits, day)
    assert abs((day - date.today()).days) <= 1
    looked_up = set()
    for page in built_site.glob("letters/*/index.html"):
        for series in re.findall(r'data-sl-series="([^"]*)"', page.read_text(encoding="utf-8")):
            looked_up.update(series.split())
    assert looked_up and looked_up <= set(written["series"])


def test_the_site_serves_the_pinned_word_library_and_its_licence(built_site):
    manifest = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))
    package = PROJECT / "node_modules" / "docx"
    installed = json.loads((package / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == manifest["dependencies"]["docx"]
    assert (built_site / DOCX_LIBRARY).read_bytes() == (package / BUNDLE).read_bytes()
    assert "MIT License" in (built_site / DOCX_LIBRARY_LICENCE).read_text(encoding="utf-8")
    # Only that one file of the package: nothing else of node_modules goes into the site.
    assert sorted(p.name for p in (built_site / DOCX_LIBRARY).parent.iterdir()) == sorted(
        [(built_site / DOCX_LIBRARY).name, (built_site / DOCX_LIBRARY_LICENCE).name]
    )


def test_a_build_without_the_word_library_warns_and_still_finishes(tmp_path, caplog, monkeypatch):
    """npm not installed: the site is built without the library, and the build says what to
    run. An installed version that is not the pinned one is copied, with a warning."""
    from macros import word_library

    monkeypatch.setattr(word_library, "warnings_log", lambda: logging.getLogger("word-library"))
    caplog.set_level(logging.WARNING, logger="word-library")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(PROJECT / "package.json", project / "package.json")
    assert copy_word_library(tmp_path / "site", project) is False
    assert not (tmp_path / "site").exists()
    assert "run make node_modules/.installed" in caplog.text
    package = project / "node_modules" / "docx"
    (package / BUNDLE).parent.mkdir(parents=True)
    (package / BUNDLE).write_text("var docx = {};", encoding="utf-8")
    (package / "LICENSE").write_text("MIT License", encoding="utf-8")
    (package / "package.json").write_text('{"version": "1.0.0"}', encoding="utf-8")
    caplog.clear()
    assert copy_word_library(tmp_path / "site", project) is True
    assert f"docx 1.0.0, but package.json pins {word_library.pinned_version()}" in caplog.text
    assert (tmp_path / "site" / DOCX_LIBRARY).read_text(encoding="utf-8") == "var docx = {};"
