"""The first view of each page type stays within its page-weight budget (tests/page-weight.yml).
Bytes are stable from run to run, so unlike times they can be tested."""

from __future__ import annotations

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
