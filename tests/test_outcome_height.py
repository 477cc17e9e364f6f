"""Finder outcome pages fit a phone: at 390 px wide (without JavaScript, as the finder runs),
every outcome page is at most 4,000 CSS px tall, and its summary and "What to do first" are on
the first screen (844 px). Measured in headless Chromium (tests/sitecheck/height.py)."""

from __future__ import annotations

import pytest
from conftest import COUNCILS

MAX_HEIGHT = 4000
FIRST_SCREEN = 844


@pytest.mark.parametrize("council", COUNCILS)
def test_every_outcome_page_fits_the_height_budget(browser, built_sites, council):
    from sitecheck.height import outcome_urls, page_heights
    from sitecheck.server import serve

    site = built_sites(council)
    urls = outcome_urls(site)
    assert len(urls) >= 30, f"only {len(urls)} outcome pages found in {site}"
    with serve(site) as base:
        heights = page_heights(browser, base, urls)
    too_tall = {url: height for url, height in heights.items() if height > MAX_HEIGHT}
    assert too_tall == {}, f"taller than {MAX_HEIGHT} px at 390 px wide: {too_tall}"


def test_the_summary_and_first_step_are_on_the_first_screen(browser, built_site):
    from sitecheck.height import PHONE_390, outcome_urls
    from sitecheck.server import serve

    with serve(built_site) as base:
        context = browser.new_context(viewport=PHONE_390, java_script_enabled=False)
        page = context.new_page()
        late = {}
        for url in outcome_urls(built_site):
            page.goto(base + url)
            bottom = page.evaluate(
                "() => document.querySelector('.sl-finder .sl-panel').getBoundingClientRect()"
                ".bottom + window.scrollY"
            )
            if bottom > FIRST_SCREEN:
                late[url] = round(bottom)
        context.close()
    assert late == {}, f"'What to do first' ends below the first screen: {late}"
