"""How a fact still being checked against the law reads on a family page (issue 23): never a
doubt beside a deadline, the note with what to do once where such facts are shown, and no
"not yet checked" anywhere on the built site."""

from __future__ import annotations

import re

from conftest import shipped_content
from html_text import html_pages, main_text

from macros.components import make_environment
from macros.contradictions import outcome_pages

NOTE = "We are still checking some of these facts against the law. SENDIASS can confirm them"
TEMPLATES = make_environment()


def _deadline_items(html: str) -> list[str]:
    return re.findall(r"<li\b[^>]*data-time-limit=[^>]*>.*?</li>", html, re.DOTALL)


def test_an_outcome_with_an_unconfirmed_deadline_says_so_once_and_not_beside_it():
    content = shipped_content()
    pages = outcome_pages(content, TEMPLATES)
    unconfirmed = {t.id for t in content.time_limits.values() if not t.source.verified}
    shown = {
        outcome_id
        for outcome_id, (_, html) in pages.items()
        if any(f'data-time-limit="{t}"' in html for t in unconfirmed)
    }
    # The certificate after mediation is still unconfirmed (law-verification-2026-12.md, 2).
    assert "mediation-delays" in shown
    for outcome_id, (_, html) in pages.items():
        assert html.count(NOTE) == (1 if outcome_id in shown else 0), outcome_id
        for item in _deadline_items(html):
            assert "being checked" not in item and "<strong" not in item, (outcome_id, item)


def test_no_built_page_says_not_yet_checked(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 50
    said = [p for p in pages if "not yet checked" in main_text(p).lower()]
    assert said == []
