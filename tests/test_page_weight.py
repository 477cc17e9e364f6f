"""The first view of each page type stays within its page-weight budget (tests/page-weight.yml).
Bytes are stable from run to run, so unlike times they can be tested."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import PROJECT

BUDGET = yaml.safe_load((PROJECT / "tests" / "page-weight.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page_type", BUDGET["pages"])
def test_first_view_is_within_budget(browser, site_url, page_type):
    from sitecheck.weight import page_weight

    weight = page_weight(browser, site_url, BUDGET["pages"][page_type])
    limit = BUDGET["kilobytes_gzip"][page_type] * 1024
    assert weight.total_gzip <= limit, (
        f"{page_type}: {weight.total_gzip / 1024:.1f} KB gzip is over the budget of "
        f"{limit // 1024} KB: {weight.gzip}"
    )


def test_finder_pages_load_no_javascript(browser, site_url):
    from sitecheck.weight import page_weight

    for page_type in ("finder question", "finder outcome"):
        weight = page_weight(browser, site_url, BUDGET["pages"][page_type])
        assert "javascript" not in weight.raw and "data" not in weight.raw, page_type


def test_the_sites_own_styles_and_scripts_are_published_without_comments(browser, built_site):
    """The comments in overrides/assets/ are for developers: the site publishes its own
    stylesheet and scripts without them (macros/published_assets.py), which took a letter page
    from 46.8 to 40.8 KB gzip. What is left is the same: the browser reads the same rules from
    the stylesheet, and each script still parses."""
    from macros.published_assets import (
        SCRIPTS,
        STYLESHEETS,
        script_without_comments,
        stylesheet_without_comments,
    )

    sources = PROJECT / "overrides"
    page = browser.new_page()
    try:
        for name in SCRIPTS:
            source = (sources / name).read_text(encoding="utf-8")
            # No string goes over lines, so a line that starts with // is always a comment.
            assert all(line.count("`") % 2 == 0 for line in source.splitlines()), name
            published = (built_site / name).read_text(encoding="utf-8")
            assert published == script_without_comments(source)
            assert not re.search(r"^\s*//", published, re.M), name
            page.evaluate("text => { new Function(text); }", published)  # a SyntaxError fails
        for name in STYLESHEETS:
            source = (sources / name).read_text(encoding="utf-8")
            published = (built_site / name).read_text(encoding="utf-8")
            assert published == stylesheet_without_comments(source) and "/*" not in published
            rules = page.evaluate(
                """texts => texts.map(text => {
                  const sheet = new CSSStyleSheet();
                  sheet.replaceSync(text);
                  return [...sheet.cssRules].map(rule => rule.cssText);
                })""",
                [source, published],
            )
            assert rules[0] == rules[1] and len(rules[0]) > 100, name
    finally:
        page.close()
