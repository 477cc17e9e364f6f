"""Finder outcome pages fit a phone: at 390 px wide (without JavaScript, as the finder runs),
every outcome page of every council is at most 4,000 CSS px tall, and its summary and "What to
do first" are on the first screen (844 px). Measured in headless Chromium, one load a page
(tests/sitecheck/height.py)."""

from __future__ import annotations

import pytest
from conftest import COUNCILS

MAX_HEIGHT = 4000
FIRST_SCREEN = 844

pytestmark = pytest.mark.parametrize("council", list(COUNCILS), scope="module")


@pytest.fixture(scope="module")
def measures(browser, built_sites, council):
    from sitecheck.height import measure_outcomes, outcome_urls
    from sitecheck.server import serve

    site = built_sites(council)
    urls = outcome_urls(site)
    assert len(urls) >= 30, f"only {len(urls)} outcome pages found in {site}"
    with serve(site) as base:
        return measure_outcomes(browser, base, urls)


def test_every_outcome_page_fits_the_height_budget(measures):
    too_tall = {url: m.height for url, m in measures.items() if m.height > MAX_HEIGHT}
    assert too_tall == {}, f"taller than {MAX_HEIGHT} px at 390 px wide: {too_tall}"


def test_the_summary_and_first_step_are_on_the_first_screen(measures):
    late = {
        url: m.first_step_bottom
        for url, m in measures.items()
        if not 0 < m.first_step_bottom <= FIRST_SCREEN
    }
    assert late == {}, f"'What to do first' missing or below the first screen: {late}"
