"""Each time limit's words say what its rule counts (macros/content/checks/wording.py), and
`make check` reports a time limit whose words and rule disagree at its file and line, for every
council: proven on broken copies of the content (tests/fixtures/wording/: changes.yml edits a
copy as in tests/fixtures/contradictions/; expected.txt, what `make check` prints for every
council in the broken copy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from broken_copies import broken_copy, check_every_council, expected_output
from conftest import shipped_content

from macros.content.checks.wording import period_in_words, wording_problems

FIXTURES = Path(__file__).parent / "fixtures" / "wording"
CASES = sorted(case.name for case in FIXTURES.iterdir() if case.is_dir())
APPEAL = shipped_content().time_limit("appeal-to-the-tribunal")
SAY_IT = "families read the text, not the rule, so say it there, or correct the rule"


def test_the_shipped_time_limits_say_what_their_rules_count():
    assert {
        limit.id: problems
        for limit in shipped_content().time_limits.values()
        if (problems := wording_problems(limit))
    } == {}


@pytest.mark.parametrize(
    ("length", "unit", "words"),
    [
        (2, "months", "2 months"),
        (1, "months", "1 month"),
        (3, "working-days", "3 working days"),
        (1, "school-days", "1 school day"),
        (10, "days", "10 days"),
        (0, "days", "at once"),
    ],
)
def test_a_period_in_words(length, unit, words):
    period = APPEAL.rule.periods[0].model_copy(update={"length": length, "unit": unit})
    assert period_in_words(period) == words


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (
            {"text": APPEAL.text.replace("2 months", "two months")},
            [
                (
                    "text",
                    "expected '2 months' in the text, as its rule counts it (rule.periods.1: "
                    f"length: 2, unit: months): {SAY_IT}",
                )
            ],
        ),
        (
            {"text": APPEAL.text.replace("in August", "in summer")},
            [
                (
                    "text",
                    "expected 'August' in the text, as its rule moves a last day from 25 December "
                    f"to 1 January, or in August (rule.sen_holiday_extension: true): {SAY_IT}",
                )
            ],
        ),
        (
            {"text": APPEAL.text.replace("5pm", "the end of the day")},
            [
                (
                    "text",
                    "expected '5pm' in the text, as its rule sets the time it must be received "
                    f"by (rule.received_by: '17:00'): {SAY_IT}",
                )
            ],
        ),
        (
            {"name": "Appeal within 2 months"},
            [
                (
                    "name",
                    "expected a name without a number, found 'Appeal within 2 months': a name is "
                    "for links to the time limit, and how long it is belongs in its text",
                )
            ],
        ),
    ],
    ids=["period", "august", "5pm", "name"],
)
def test_each_thing_the_rule_says_must_be_in_the_words(changed, expected):
    assert wording_problems(APPEAL.model_copy(update=changed)) == expected


def test_promptly_must_be_in_the_words():
    rule = APPEAL.rule.model_copy(update={"promptly": True})
    assert wording_problems(APPEAL.model_copy(update={"rule": rule})) == [
        (
            "text",
            "expected 'promptly' in the text, as its rule asks for it to be done promptly "
            f"(rule.promptly: true): {SAY_IT}",
        )
    ]


@pytest.mark.parametrize("case", CASES)
def test_make_check_reports_words_that_disagree_with_the_rule(case, tmp_path, capsys, monkeypatch):
    folder = broken_copy(FIXTURES / case, tmp_path)
    monkeypatch.chdir(tmp_path)
    results = check_every_council(folder)
    expected = expected_output(FIXTURES / case)
    assert capsys.readouterr().err == expected
    assert not all(results)
