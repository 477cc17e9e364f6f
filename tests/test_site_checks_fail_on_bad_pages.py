"""Each site check, run on a page broken on purpose (tests/fixtures/bad-pages/), fails with a
message naming that page and the problem; the good page passes every check. The browser
sample's coverage test catches a component no sampled page has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT
from sitecheck.browser import SETTINGS, check_pages, load_every_page
from sitecheck.reading import reading_failures, site_reading_levels
from sitecheck.sample import built_pages, choose_sample, uncovered
from sitecheck.server import page_urls, serve
from sitecheck.static import every_page_failures, link_failures, nu_failures
from sitecheck.tools import require

pytestmark = pytest.mark.site

BAD_PAGES = Path(__file__).parent / "fixtures" / "bad-pages"
READING_BUDGET = yaml.safe_load(
    (PROJECT / "tests" / "reading-level.yml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="session")
def bad_site_url():
    with serve(BAD_PAGES) as url:
        yield url


BAD_PAGE_URLS = sorted(f"{case.name}/" for case in BAD_PAGES.iterdir() if case.is_dir())


# Each browser setting loads the bad pages its checks must fail on, and the good page, which
# must pass every check in every setting.
BAD_PAGES_BY_SETTING = {
    "desktop": ["axe/", "no-skip-link/", "skip-goes-nowhere/", "focus-hidden/", "offsite/"],
    "phone": ["axe/", "wide/"],
    "tablet": ["focus-hidden/"],
    "zoom": ["clipped/"],
    "no-javascript": ["js-only/", "broken-links/", "offsite/"],
}


@pytest.fixture(scope="session")
def bad_results(browser, bad_site_url):
    """Each browser setting's checks over its bad pages and the good one."""
    assert set(BAD_PAGES_BY_SETTING) == set(SETTINGS)
    failures: dict[str, list] = {}
    for setting, pages in BAD_PAGES_BY_SETTING.items():
        run = check_pages(browser, bad_site_url, [*pages, "good/"], [setting])
        for check, found in run.failures.items():
            failures.setdefault(check, []).extend(found)
    return failures


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
@pytest.mark.a11y
@pytest.mark.browser
def test_browser_check_fails_on_its_bad_page(bad_results, check, page, expected):
    failures = bad_results[check]
    found = _found(failures, page)
    for text in expected:
        assert text in found, f"{check} on {page}: {text!r} not in:\n{found}"
    assert _found(failures, "good/") == ""


@pytest.mark.a11y
@pytest.mark.browser
def test_the_every_page_reflow_pass_fails_on_a_wide_page_and_an_offsite_request(
    browser, bad_site_url
):
    results = load_every_page(browser, bad_site_url, BAD_PAGE_URLS)
    assert "page scrolls sideways" in _found(results.reflow, "wide/")
    offsite = _found(results.privacy, "offsite/")
    assert "https://fonts.example.com/font.css" in offsite, offsite
    assert _found(results.reflow + results.privacy, "good/") == ""


@pytest.mark.parametrize(
    "check, page, expected",
    [
        ("lang", "no-lang/index.html", "expected lang='en-GB', found None"),
        ("skip-link", "no-skip-link/index.html", "expected a skip link, found nothing"),
        ("skip-link", "skip-goes-nowhere/index.html", "#nowhere: no element with id 'nowhere'"),
        ("other-host", "offsite/index.html", "https://tracker.example.com/pixel.gif"),
        ("other-host", "offsite/index.html", "https://fonts.example.com/font.css"),
    ],
)
@pytest.mark.a11y
def test_every_page_check_fails_on_its_bad_page(check, page, expected):
    failures = every_page_failures(BAD_PAGES)[check]
    assert expected in _found(failures, page), report_of(failures)
    assert _found(failures, "good/index.html") == ""


def report_of(failures) -> str:
    return "\n".join(str(f) for f in failures)


@pytest.mark.a11y
def test_a_new_component_on_a_page_outside_the_sample_is_caught_and_then_sampled(
    built_site, tmp_path
):
    """A component added to one page of a template, where no page in the browser sample has
    it: the coverage test names the page and the component, and the sample then takes it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    sample = choose_sample(built_pages(site))
    outside = next(
        url for url in page_urls(site) if url.startswith("routes/") and url not in sample
    )
    page = site / outside / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "<h1>", '<div class="sl-new-widget"><button type="button">Show</button></div><h1>', 1
        ),
        encoding="utf-8",
    )
    pages = built_pages(site)
    checked = [p for p in pages if p.url in sample]
    problems = "\n".join(uncovered(pages, checked))
    assert f"{outside} (route_page): not covered" in problems, problems
    assert ".sl-new-widget" in problems and "<button type=button>" in problems, problems
    assert outside in choose_sample(pages)
    assert uncovered(pages, [p for p in pages if p.url in choose_sample(pages)]) == []


@pytest.mark.html
def test_nu_checker_fails_on_invalid_html():
    require("java", "vnu-jar")
    failures = nu_failures(BAD_PAGES)
    found = _found(failures, "invalid-html/index.html")
    assert "nu-html" in found and "Duplicate ID" in found, found
    assert "Stray end tag" in found, found
    assert _found(failures, "good/index.html") == ""


@pytest.mark.links
def test_link_check_fails_on_broken_links():
    failures = link_failures(BAD_PAGES)
    found = _found(failures, "broken-links/index.html")
    assert "broken link: ../no-such-page/: no such page or file in the site" in found, found
    assert "broken link: ../good/#no-such-anchor: no #no-such-anchor on that page" in found, found
    for message in [
        "malformed link: http://www.gov.uk/appeal-ehc-plan-decision: expected https:, mailto: or "
        "tel:, found http:",
        "malformed link: https://gov uk/appeal: expected no spaces in the address",
        "malformed link: https://localhost/appeal: expected a host name like www.gov.uk, found "
        "'localhost'",
        "malformed link: mailto:sendist queries: expected no spaces in the address",
        "malformed link: mailto:not-an-address: expected one email address after mailto:",
        "malformed link: tel:01325: expected tel:+ and the number's digits",
        "malformed link: https://user@www.gov.uk/: expected a host name alone, with no user name "
        "or port",
    ]:
        assert message in found, (message, found)
    assert _found(failures, "good/index.html") == ""


@pytest.mark.reading
def test_reading_level_fails_on_hard_text():
    budget = {**READING_BUDGET, "not_family_facing": []}
    levels = {level.page: level for level in site_reading_levels(BAD_PAGES, budget)}
    hard = reading_failures(levels["hard-to-read/"], budget)
    rules = {f.rule for f in hard}
    assert rules == {"reading level", "reading level: long sentence"}, hard
    assert all(f.page == "hard-to-read/" for f in hard)
    assert reading_failures(levels["good/"], budget) == []
