"""How tall each finder outcome page is on a phone, in CSS pixels, in headless Chromium.

Families read outcome pages on phones: a page of many screens hides the routes at its end. The
budget (tests/test_site_checks.py) and make bench both measure with this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page

# A common phone (iPhone 12 to 15): 390 x 844 CSS pixels.
PHONE_390 = {"width": 390, "height": 844}


def outcome_urls(site: Path) -> list[str]:
    """Site-relative addresses of every finder outcome page (pages that list routes)."""
    root = site / "which-route" / "questions"
    return sorted(
        page.parent.relative_to(site).as_posix() + "/"
        for page in root.rglob("index.html")
        if 'class="sl-fits"' in page.read_text(encoding="utf-8")
    )


@dataclass(frozen=True)
class OutcomeMeasure:
    height: int  # of the whole page
    first_step_bottom: int  # where the "What to do first" panel ends, from the top


_MEASURE_JS = """() => {
  const panel = document.querySelector('.sl-finder .sl-panel');
  return {
    height: document.documentElement.scrollHeight,
    first_step_bottom: panel ? Math.round(panel.getBoundingClientRect().bottom + window.scrollY)
                             : -1,
  };
}"""


def measure_outcome(page: Page) -> OutcomeMeasure:
    """The page as it is laid out now (the site checks load each page once, at 320 px, then
    measure outcome pages at 390 px)."""
    return OutcomeMeasure(**page.evaluate(_MEASURE_JS))


def measure_outcomes(browser: Browser, base_url: str, urls: list[str]) -> dict[str, OutcomeMeasure]:
    """Each page laid out 390 px wide, without JavaScript as the finder runs."""
    context = browser.new_context(viewport=PHONE_390, java_script_enabled=False)
    page = context.new_page()
    measures = {}
    try:
        for url in urls:
            page.goto(base_url + url)
            measures[url] = measure_outcome(page)
    finally:
        context.close()
    return measures


def page_heights(browser: Browser, base_url: str, urls: list[str]) -> dict[str, int]:
    """{url: height} of each page laid out 390 px wide, without JavaScript as the finder runs."""
    return {url: m.height for url, m in measure_outcomes(browser, base_url, urls).items()}
