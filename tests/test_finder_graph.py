"""The route finder's graph as pure functions: paths, page counts, and the faults it rejects.
Broken trees in tests/fixtures/broken-finder/ must each give their exact file:line message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SHIPPED, shipped_content

from macros.content import load_content
from macros.errors import ContentErrors
from macros.finder import count_pages, finder_pages, graph_problems, most_questions
from macros.records import RouteFinder
from macros.urls import relative_url

BROKEN = Path(__file__).parent / "fixtures" / "broken-finder"
CASES = sorted(case.name for case in BROKEN.iterdir() if case.is_dir())
BASE = yaml.safe_load((BROKEN / "over-page-budget" / "route-finder.yml").read_text())


def finder(**changes) -> RouteFinder:
    return RouteFinder.model_validate({**BASE, "page_budget": 20, **changes})


def test_each_path_has_its_own_page_and_address():
    pages = finder_pages(finder())
    assert [(page.url, page.node.id) for page in pages] == [
        ("which-route/questions/", "what-about"),
        ("which-route/questions/plan/", "which-part"),
        ("which-route/questions/plan/school/", "appeal"),
        ("which-route/questions/plan/support/", "appeal"),
        ("which-route/questions/not-sure/", "get-advice"),
    ]
    assert count_pages(finder()) == len(pages) == 5
    last = pages[3]
    assert [(a.question.id, a.option.id) for a in last.answers] == [
        ("what-about", "plan"),
        ("which-part", "support"),
    ]
    assert last.url_after(1) == "which-route/questions/plan/"


def test_most_questions_on_any_path():
    assert most_questions(finder()) == 2


def test_a_sound_tree_has_no_problems():
    assert graph_problems(finder(), ["sendiass", "tribunal-appeal"]) == []


def test_page_count_is_computed_without_listing_paths():
    # 30 questions in a row, each with 2 options both leading on: 2**30 paths, counted at once.
    questions = [
        {
            "id": f"q{n}",
            "text": "Question?",
            "options": [
                {"id": "a", "label": "A", "next": f"q{n + 1}" if n < 29 else "end"},
                {"id": "b", "label": "B", "next": f"q{n + 1}" if n < 29 else "end"},
            ],
        }
        for n in range(30)
    ]
    tree = finder(start="q0", questions=questions, outcomes=[BASE["outcomes"][0] | {"id": "end"}])
    assert count_pages(tree) == (2**30 - 1) + 2**30  # questions, then outcomes
    problems = graph_problems(tree, ["sendiass"])
    assert problems == [
        (
            ("page_budget",),
            f"the questions make {2**31 - 1} pages, more than the page_budget of 20: "
            "share fewer questions between answers, or raise the budget",
        )
    ]


@pytest.mark.parametrize(
    "from_url, to_url, expected",
    [
        ("routes/mediation/", "which-route/", "../../which-route/"),
        ("routes/", "routes/mediation/", "mediation/"),
        ("which-route/questions/a/b/", "which-route/questions/a/", "../"),
        ("which-route/questions/", "which-route/questions/", "./"),
        ("", "sendiass/", "sendiass/"),
    ],
)
def test_relative_url(from_url, to_url, expected):
    assert relative_url(from_url, to_url) == expected


@pytest.mark.parametrize("case", CASES)
def test_broken_tree_is_rejected_with_exact_messages(case, content_copy):
    shutil.copyfile(
        BROKEN / case / "route-finder.yml", content_copy / "national" / "route-finder.yml"
    )
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)
    assert [str(message) for message in raised.value.errors] == [e for e in expected if e]


def test_the_shipped_finder_is_sound():
    content = shipped_content()
    assert graph_problems(content.finder, list(content.routes)) == []
    assert count_pages(content.finder) <= content.finder.page_budget
