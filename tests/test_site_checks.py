"""Every council's built site, checked as real users and real tools see it.

Two kinds of check (CONTRIBUTING.md, "Tests", says why this is enough):
- Checks where content alone can break a page run on every page: internal links and anchors,
  the W3C Nu HTML checker, the page's language, the skip link's target, nothing loaded from
  another host, the reading level, and reflow at 320 px (one phone-width load a page).
- Checks of what templates, components and the theme make (axe-core, IBM Equal Access,
  HTML_CodeSniffer, the keyboard walk at three widths, 200% zoom, no JavaScript) run in
  Chromium on a sample of pages that covers every page's signature (tests/sitecheck/sample.py).
  The second council's sample is only its pages the first council's sample does not cover,
  and its home page, where its own colour and logo show.

Each failure names the page, the rule and the element. Results are also written to
reports/site-checks-<council>.md. A council's checks all run in one pytest-xdist worker
(xdist_order.py, work_group), so its browser pass runs once.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import COUNCILS, PROJECT, SHIPPED_COUNCIL, loaded_council
from sitecheck.browser import SETTINGS, BrowserRun, check_pages, load_every_page
from sitecheck.checks import assert_only_listed, check_id
from sitecheck.height import outcome_urls
from sitecheck.names import heading_failures, link_name_failures, title_failures
from sitecheck.reading import reading_failures, site_reading_levels
from sitecheck.sample import built_pages, choose_sample, uncovered
from sitecheck.server import page_urls, serve
from sitecheck.static import every_page_failures, link_failures, nu_failures
from sitecheck.tools import require

# A council's checks run on one pytest-xdist worker (xdist_order.py, work_group), so its browser
# pass runs once.
pytestmark = [
    pytest.mark.site,
    pytest.mark.parametrize("council", list(COUNCILS), scope="module"),
]

READING_BUDGET = yaml.safe_load(
    (PROJECT / "tests" / "reading-level.yml").read_text(encoding="utf-8")
)
# The council whose sample the others' samples build on.
FIRST_COUNCIL = next(iter(COUNCILS))
HOME = ""


@pytest.fixture(scope="module")
def built_site(council, built_sites):
    return built_sites(council)


@pytest.fixture(scope="module")
def pages(built_site):
    found = page_urls(built_site)
    assert HOME in found and "404.html" in found and len(found) >= 8, found
    return found


def first_council_sample(built_sites):
    """The first council's pages and its browser sample: what every other council builds on."""
    first_pages = built_pages(built_sites(FIRST_COUNCIL))
    chosen = set(choose_sample(first_pages))
    return [page for page in first_pages if page.url in chosen]


@pytest.fixture(scope="module")
def sample(council, built_site, built_sites, site_report):
    """The pages this council's browser pass checks."""
    if council == FIRST_COUNCIL:
        urls = choose_sample(built_pages(built_site))
    else:
        own = built_pages(built_site)
        new = set(choose_sample(own, already_checked=first_council_sample(built_sites)))
        urls = [page.url for page in own if page.url in new or page.url == HOME]
    site_report.browser_samples[council] = urls
    return urls


@pytest.fixture(scope="session")
def once_per_council():
    """Results kept for the whole session: a test of another module in between (pytest-xdist
    interleaves them) would otherwise end a module fixture and make it run again."""
    results: dict[tuple[str, str], object] = {}

    def get(council: str, name: str, make):
        if (council, name) not in results:
            results[council, name] = make()
        return results[council, name]

    return get


@pytest.fixture(scope="module")
def browser_pass(browser, built_site, sample, council, once_per_council):
    """One setting's browser pass over the sample (sitecheck.browser.SETTINGS), run once per
    council and setting, and shared by the tests of that setting."""

    def run(setting: str) -> BrowserRun:
        def check() -> BrowserRun:
            with serve(built_site) as url:
                return check_pages(browser, url, sample, [setting])

        return once_per_council(council, setting, check)

    return run


@pytest.fixture(scope="module")
def every_page_in_browser(browser, built_site, pages, sample, council, once_per_council):
    """Every page loaded once at 320 px: its reflow, any request it makes elsewhere, and each
    finder outcome page's height at 390 px. Pages of the browser sample are left out unless
    they are outcome pages: the phone pass loads them at 320 px, records their requests and
    checks their reflow (test_no_page_scrolls_sideways and the privacy tests)."""
    outcomes = set(outcome_urls(built_site))
    to_load = [page for page in pages if page not in sample or page in outcomes]

    def run():
        with serve(built_site) as url:
            return load_every_page(browser, url, to_load, outcomes)

    return once_per_council(council, "every page in the browser", run)


@pytest.fixture(scope="module")
def every_page(built_site, council, once_per_council):
    return once_per_council(council, "every page", lambda: every_page_failures(built_site))


@pytest.fixture
def only_listed(request, council):
    """Asserts the check found exactly the known problems the accessibility statement lists for
    it (sitecheck/checks.py): any other failure fails, and so does a listed problem it no longer
    finds."""
    setting = request.node.callspec.params.get("setting")
    check = check_id(request.node.originalname, setting)
    content = loaded_council(COUNCILS[council] or SHIPPED_COUNCIL).content
    return lambda failures: assert_only_listed(check, content.accessibility_problems, failures)


@pytest.mark.a11y
def test_the_browser_sample_covers_every_page(council, built_site, built_sites, sample):
    """Any page the browser does not check has a page it does check with the same template and
    every component, control and ARIA attribute it has: a new component is always checked."""
    pages = built_pages(built_site)
    checked = [page for page in pages if page.url in sample]
    if council != FIRST_COUNCIL:
        checked += first_council_sample(built_sites)
    problems = uncovered(pages, checked)
    assert problems == [], "\n".join(problems)


@pytest.mark.a11y
@pytest.mark.parametrize("setting", ["desktop"])
def test_ibm_equal_access_finds_nothing(
    browser_pass, setting, sample, site_report, council, only_listed
):
    failures = browser_pass(setting).failures["ibm"]
    site_report.add(
        council, "IBM Equal Access (WCAG 2.2 policy, violations, 1280x800)", len(sample), failures
    )
    only_listed(failures)


@pytest.mark.a11y
@pytest.mark.parametrize("setting", ["desktop"])
def test_html_codesniffer_finds_no_error(
    browser_pass, setting, sample, site_report, council, only_listed
):
    failures = browser_pass(setting).failures["htmlcs"]
    site_report.add(
        council, "HTML_CodeSniffer (WCAG 2 AA, errors, 1280x800)", len(sample), failures
    )
    only_listed(failures)


@pytest.mark.a11y
@pytest.mark.parametrize("setting", ["desktop", "phone"])
def test_axe_finds_nothing(browser_pass, setting, sample, site_report, council, only_listed):
    failures = browser_pass(setting).failures["axe"]
    site_report.add(
        council, f"axe-core (WCAG 2.2 AA and best practice), {setting}", len(sample), failures
    )
    only_listed(failures)


@pytest.mark.a11y
@pytest.mark.parametrize("setting", ["phone", "zoom", "no-javascript"])
def test_no_page_scrolls_sideways(browser_pass, setting, sample, site_report, council, only_listed):
    """At 320 px with and without JavaScript, and at 200% zoom (where no text is cut off)."""
    failures = browser_pass(setting).failures["reflow"]
    site_report.add(council, f"Reflow, {setting}", len(sample), failures)
    only_listed(failures)


@pytest.mark.a11y
def test_every_page_fits_320px(every_page_in_browser, pages, site_report, council, only_listed):
    failures = every_page_in_browser.reflow
    site_report.add(council, "Reflow at 320px, every page", len(pages), failures)
    only_listed(failures)


# Finder outcome pages fit a phone: at 390 px wide, every outcome page is at most 4,000 CSS px
# tall, and its summary and "What to do first" are on the first screen (844 px). Outcome pages
# load no JavaScript (tests/test_page_weight.py), so they are the same with it on or off.
MAX_OUTCOME_HEIGHT = 4000
FIRST_SCREEN = 844


def test_every_outcome_page_fits_the_height_budget(every_page_in_browser, built_site):
    measures = every_page_in_browser.outcomes
    assert len(measures) >= 30, f"only {len(measures)} outcome pages found in {built_site}"
    too_tall = {url: m.height for url, m in measures.items() if m.height > MAX_OUTCOME_HEIGHT}
    assert too_tall == {}, f"taller than {MAX_OUTCOME_HEIGHT} px at 390 px wide: {too_tall}"


def test_the_summary_and_first_step_are_on_the_first_screen(every_page_in_browser):
    late = {
        url: m.first_step_bottom
        for url, m in every_page_in_browser.outcomes.items()
        if not 0 < m.first_step_bottom <= FIRST_SCREEN
    }
    assert late == {}, f"'What to do first' missing or below the first screen: {late}"


@pytest.mark.a11y
@pytest.mark.parametrize("setting", list(SETTINGS))
def test_no_page_requests_another_host_in_the_browser(
    browser_pass, setting, sample, site_report, council, only_listed
):
    """Recorded as each page of the sample loads, in every setting (JavaScript on and off)."""
    failures = browser_pass(setting).failures["privacy"]
    site_report.add(
        council, f"Privacy: nothing loaded from another host, {setting}", len(sample), failures
    )
    only_listed(failures)


@pytest.mark.a11y
def test_no_page_requests_another_host(
    every_page_in_browser, every_page, pages, site_report, council, only_listed
):
    """Recorded in the browser as every page loads, and read from every page's HTML and the
    site's stylesheets."""
    failures = every_page_in_browser.privacy + every_page["other-host"]
    site_report.add(
        council, "Privacy: nothing loaded from another host, every page", len(pages), failures
    )
    only_listed(failures)


@pytest.mark.a11y
@pytest.mark.parametrize("setting", ["no-javascript"])
def test_every_page_works_without_javascript(
    browser_pass, setting, sample, site_report, council, only_listed
):
    failures = browser_pass(setting).failures["no-javascript"]
    site_report.add(council, "No JavaScript: main content shown, links work", len(sample), failures)
    only_listed(failures)


@pytest.mark.a11y
@pytest.mark.parametrize("setting", ["desktop", "phone", "tablet"])
def test_keyboard_skip_link_and_visible_focus(
    browser_pass, setting, sample, site_report, council, only_listed
):
    failures = browser_pass(setting).failures["keyboard"]
    site_report.add(
        council,
        f"Keyboard: skip link, visible focus, nothing invisible focused, {setting}",
        len(sample),
        failures,
    )
    only_listed(failures)


@pytest.mark.a11y
def test_every_page_starts_with_a_skip_link_to_an_element_on_it(
    every_page, pages, site_report, council, only_listed
):
    failures = every_page["skip-link"]
    site_report.add(council, "Skip link first, and its target on the page", len(pages), failures)
    only_listed(failures)


@pytest.mark.a11y
def test_every_page_says_its_language(every_page, pages, site_report, council, only_listed):
    failures = every_page["lang"]
    site_report.add(council, "Language of the page (lang)", len(pages), failures)
    only_listed(failures)


@pytest.mark.a11y
def test_no_two_pages_share_a_title(built_site, pages, site_report, council, only_listed):
    failures = title_failures(built_site)
    site_report.add(council, "Page titles, each used once", len(pages), failures)
    only_listed(failures)


@pytest.mark.a11y
def test_every_heading_has_text_and_something_under_it(
    built_site, pages, site_report, council, only_listed
):
    failures = heading_failures(built_site)
    site_report.add(council, "Headings with text and content under them", len(pages), failures)
    only_listed(failures)


@pytest.mark.a11y
def test_each_link_text_leads_to_one_place(built_site, pages, site_report, council, only_listed):
    failures = link_name_failures(built_site)
    site_report.add(council, "One destination per link text", len(pages), failures)
    only_listed(failures)


@pytest.mark.html
def test_html_is_valid(built_site, pages, site_report, council, only_listed):
    require("java", "vnu-jar")
    failures = nu_failures(built_site)
    site_report.add(council, "W3C Nu HTML checker", len(pages), failures)
    only_listed(failures)


@pytest.mark.links
def test_internal_links_and_anchors_work(built_site, pages, site_report, council, only_listed):
    failures = link_failures(built_site)
    site_report.add(council, "Internal links and anchors", len(pages), failures)
    only_listed(failures)


@pytest.mark.reading
def test_reading_level_is_within_budget(built_site, site_report, council, only_listed):
    levels = site_reading_levels(built_site, READING_BUDGET)
    site_report.reading_levels[council] = levels
    failures = [f for level in levels for f in reading_failures(level, READING_BUDGET)]
    site_report.add(
        council, "Reading level (budget in tests/reading-level.yml)", len(levels), failures
    )
    only_listed(failures)
