"""Every outcome page says only what fits its situation (macros/contradictions.py), for each
council's content, and `make check` reports each contradiction at the outcome's file and line.
Each check is proven to fail on a broken copy of the content (tests/fixtures/contradictions/:
changes.yml as in tests/fixtures/broken/; expected.txt, what `make check` prints for every
council in the broken copy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from broken_copies import broken_copy, check_every_council, expected_output
from conftest import COUNCILS, SHIPPED_COUNCIL, loaded_council, shipped_content
from html_text import main_text

from macros.components import make_environment
from macros.contradictions import (
    contradictions,
    deadline_texts,
    outcome_contradictions,
    outcome_pages,
)
from macros.finder import finder_pages

FIXTURES = Path(__file__).parent / "fixtures" / "contradictions"
CASES = sorted(case.name for case in FIXTURES.iterdir() if case.is_dir())
TEMPLATES = make_environment()


def content_folder(council: str) -> Path:
    return COUNCILS[council] or SHIPPED_COUNCIL


@pytest.mark.parametrize("council", COUNCILS)
def test_no_outcome_contradicts_its_situation(council):
    content = loaded_council(content_folder(council)).content
    assert outcome_contradictions(content, TEMPLATES) == {}


def test_the_built_outcome_pages_say_the_same_as_the_checked_text(built_site):
    """The checks read rendered templates; the built pages must not say anything else."""
    content = shipped_content()
    seen = set()
    for page in finder_pages(content.finder):
        if page.is_outcome and page.node.id not in seen:
            seen.add(page.node.id)
            built = built_site / page.url / "index.html"
            html = built.read_text(encoding="utf-8")
            assert contradictions(page.node, main_text(built), deadline_texts(html)) == [], page.url


def test_every_kind_of_situation_is_checked_somewhere():
    content = shipped_content()
    situations = {o.situation for o in content.finder.outcomes}
    assert {s.appeal for s in situations} >= {"with-certificate", "without-certificate", "none"}
    assert {s.claim for s in situations} >= {"tribunal", "county-court"}
    assert {s.mediation for s in situations} >= {"council", "icb"}
    assert {s.plan for s in situations} >= {"none", "has-plan"}


@pytest.mark.parametrize("case", CASES)
def test_make_check_reports_each_contradiction_at_its_outcome(case, tmp_path, capsys, monkeypatch):
    folder = broken_copy(FIXTURES / case, tmp_path)
    monkeypatch.chdir(tmp_path)
    results = check_every_council(folder)
    expected = expected_output(FIXTURES / case)
    # The loader accepts the broken copy: only the contradiction check can catch it. (A council
    # the loader refused would print the loader's messages, which are none of these.)
    problems = [line for line in expected.splitlines() if line.startswith("  ")]
    assert problems and all("its page contradicts its situation" in line for line in problems)
    assert capsys.readouterr().err == expected
    assert not all(results)


def test_every_outcome_is_checked():
    content = shipped_content()
    assert set(outcome_pages(content, TEMPLATES)) == {o.id for o in content.finder.outcomes}
