"""Every page of the built site, checked as real users and real tools see it.

Browser checks run in Debian's Chromium through Playwright; see tests/sitecheck/. Each failure
names the page, the rule and the element. Results are also written to reports/site-checks.md.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import COUNCILS, PROJECT
from sitecheck import report
from sitecheck.browser import check_pages
from sitecheck.reading import reading_failures, site_reading_levels
from sitecheck.server import page_urls, serve
from sitecheck.static import link_failures, nu_failures
from sitecheck.tools import require

READING_BUDGET = yaml.safe_load(
    (PROJECT / "tests" / "reading-level.yml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module", params=list(COUNCILS))
def council_site(request, built_sites):
    """Every check runs on every council's site: the shipped one and each example."""
    return request.param, built_sites(request.param)


@pytest.fixture(scope="module")
def built_site(council_site):
    return council_site[1]


@pytest.fixture(scope="module")
def pages(built_site):
    found = page_urls(built_site)
    assert "" in found and "404.html" in found and len(found) >= 8, found
    return found


@pytest.fixture(scope="module")
def browser_results(browser, built_site, pages):
    """Every browser check on every page, run once per council and shared by the tests below."""
    with serve(built_site) as url:
        return check_pages(browser, url, pages)


def test_ibm_equal_access_finds_nothing(browser_results, pages, site_report, council_site):
    failures = browser_results["ibm"]
    site_report.add(
        f"{council_site[0]}: " + "IBM Equal Access (WCAG 2.2 policy, violations, 1280x800)",
        len(pages),
        failures,
    )
    assert failures == [], report(failures)


def test_html_codesniffer_finds_no_error(browser_results, pages, site_report, council_site):
    failures = browser_results["htmlcs"]
    site_report.add(
        f"{council_site[0]}: " + "HTML_CodeSniffer (WCAG 2 AA, errors, 1280x800)",
        len(pages),
        failures,
    )
    assert failures == [], report(failures)


def test_axe_finds_nothing_at_desktop_and_phone_widths(
    browser_results, pages, site_report, council_site
):
    failures = browser_results["axe"]
    site_report.add(
        f"{council_site[0]}: " + "axe-core (WCAG 2.2 AA and best practice, 1280x800 and 320x640)",
        len(pages),
        failures,
    )
    assert failures == [], report(failures)


def test_no_page_scrolls_sideways_at_320px_or_200_percent_zoom(
    browser_results, pages, site_report, council_site
):
    failures = browser_results["reflow"]
    site_report.add(f"{council_site[0]}: " + "Reflow at 320px and 200% zoom", len(pages), failures)
    assert failures == [], report(failures)


def test_no_page_requests_another_host(browser_results, pages, site_report, council_site):
    failures = browser_results["privacy"]
    site_report.add(
        f"{council_site[0]}: " + "Privacy: no request to another host", len(pages), failures
    )
    assert failures == [], report(failures)


def test_every_page_works_without_javascript(browser_results, pages, site_report, council_site):
    failures = browser_results["no-javascript"]
    site_report.add(
        f"{council_site[0]}: " + "No JavaScript: main content shown, links work",
        len(pages),
        failures,
    )
    assert failures == [], report(failures)


def test_keyboard_skip_link_and_visible_focus(browser_results, pages, site_report, council_site):
    failures = browser_results["keyboard"]
    site_report.add(
        f"{council_site[0]}: " + "Keyboard: skip link, visible focus, nothing invisible focused",
        len(pages),
        failures,
    )
    assert failures == [], report(failures)


def test_html_is_valid(built_site, pages, site_report, council_site):
    require("java", "vnu-jar")
    failures = nu_failures(built_site)
    site_report.add(f"{council_site[0]}: " + "W3C Nu HTML checker", len(pages), failures)
    assert failures == [], report(failures)


def test_internal_links_and_anchors_work(built_site, pages, site_report, council_site):
    failures = link_failures(built_site)
    site_report.add(f"{council_site[0]}: " + "Internal links and anchors", len(pages), failures)
    assert failures == [], report(failures)


def test_reading_level_is_within_budget(built_site, site_report, council_site):
    levels = site_reading_levels(built_site, READING_BUDGET)
    site_report.reading_levels[council_site[0]] = levels
    failures = [f for level in levels for f in reading_failures(level, READING_BUDGET)]
    site_report.add(
        f"{council_site[0]}: " + "Reading level (budget in tests/reading-level.yml)",
        len(levels),
        failures,
    )
    assert failures == [], report(failures)
