"""Each site check, run on a page broken on purpose (tests/fixtures/bad-pages/), fails with a
message naming that page and the problem; the good page passes every check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import PROJECT
from sitecheck.browser import check_pages
from sitecheck.reading import reading_failures, site_reading_levels
from sitecheck.server import serve
from sitecheck.static import link_failures, nu_failures
from sitecheck.tools import require

BAD_PAGES = Path(__file__).parent / "fixtures" / "bad-pages"
READING_BUDGET = yaml.safe_load(
    (PROJECT / "tests" / "reading-level.yml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def bad_site_url():
    with serve(BAD_PAGES) as url:
        yield url


@pytest.fixture(scope="module")
def bad_results(browser, bad_site_url):
    """Every browser check over every bad page and the good one, in one pass."""
    pages = sorted(f"{case.name}/" for case in BAD_PAGES.iterdir() if case.is_dir())
    return check_pages(browser, bad_site_url, pages)


def _found(failures, page: str) -> str:
    return "\n".join(str(f) for f in failures if f.page == page)


@pytest.mark.parametrize(
    "check, page, expected",
    [
        ("axe", "axe/", ["axe image-alt at 1280x800", "axe color-contrast at 320x640", "img"]),
        ("ibm", "axe/", ["IBM Equal Access img_alt_valid", "IBM Equal Access text_contrast"]),
        ("htmlcs", "axe/", ["HTML_CodeSniffer WCAG2AA.Principle1.Guideline1_1.1_1_1.H37"]),
        ("reflow", "wide/", ["reflow at 320px", "div", "page scrolls sideways"]),
        ("reflow", "clipped/", ["text cut off at 200% zoom", "p: This sentence"]),
        (
            "privacy",
            "offsite/",
            ["https://fonts.example.com/font.css", "https://tracker.example.com/pixel.gif"],
        ),
        ("no-javascript", "js-only/", ["no JavaScript", "the main content is empty"]),
        ("no-javascript", "broken-links/", ["no-such-page/", "no #no-such-anchor on that page"]),
        ("keyboard", "no-skip-link/", ["keyboard: skip link", "not a skip link"]),
        (
            "keyboard",
            "skip-goes-nowhere/",
            ["#nowhere", "does not move focus to the main content"],
        ),
        (
            "keyboard",
            "focus-hidden/",
            [
                "no visible focus indicator",
                "A link with no focus style",
                "invisible element takes focus",
                "An invisible link",
            ],
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_browser_check_fails_on_its_bad_page(bad_results, check, page, expected):
    failures = bad_results[check]
    found = _found(failures, page)
    for text in expected:
        assert text in found, f"{check} on {page}: {text!r} not in:\n{found}"
    assert _found(failures, "good/") == ""


def test_nu_checker_fails_on_invalid_html():
    require("java", "vnu-jar")
    failures = nu_failures(BAD_PAGES)
    found = _found(failures, "invalid-html/index.html")
    assert "nu-html" in found and "Duplicate ID" in found, found
    assert "Stray end tag" in found, found
    assert _found(failures, "good/index.html") == ""


def test_link_check_fails_on_broken_links():
    failures = link_failures(BAD_PAGES)
    found = _found(failures, "broken-links/index.html")
    assert "broken link: ../no-such-page/: no such page or file in the site" in found, found
    assert "broken link: ../good/#no-such-anchor: no #no-such-anchor on that page" in found, found
    assert _found(failures, "good/index.html") == ""


def test_reading_level_fails_on_hard_text():
    budget = {**READING_BUDGET, "not_family_facing": []}
    levels = {level.page: level for level in site_reading_levels(BAD_PAGES, budget)}
    hard = reading_failures(levels["hard-to-read/"], budget)
    rules = {f.rule for f in hard}
    assert rules == {"reading level", "reading level: long sentence"}, hard
    assert all(f.page == "hard-to-read/" for f in hard)
    assert reading_failures(levels["good/"], budget) == []
