"""The time limits as data (content/time-limits.yml): each legal period is written once, its
wording and its rule agree, and every route, case, outcome and form refers to them by id.

The deadline calculator will compute dates from these rules, so the tests check that each rule
is complete and that the words families read say the same as the rule."""

from __future__ import annotations

import pytest
from conftest import shipped_content

from macros.records import TimeLimit

CONTENT = shipped_content()
LIMITS = list(CONTENT.time_limits.values())
UNIT_WORDS = {
    "months": "month",
    "weeks": "week",
    "days": "day",
    "working-days": "working day",
    "school-days": "school day",
}


def periods_in_words(limit: TimeLimit) -> list[str]:
    """'2 months', '3 working days' ... as the text should say them (singular for 1)."""
    words = []
    for period in limit.rule.periods:
        if period.length == 0:
            words.append("at once")
            continue
        unit = UNIT_WORDS[period.unit]
        words.append(f"{period.length} {unit}" + ("" if period.length == 1 else "s"))
    return words


@pytest.mark.parametrize("limit", LIMITS, ids=lambda t: t.id)
def test_the_wording_states_the_rule(limit):
    for words in periods_in_words(limit):
        assert words in limit.text, f"{limit.id}: the text does not say {words!r}: {limit.text}"
    if limit.rule.sen_holiday_extension:
        assert "August" in limit.text and "25 December" in limit.text, limit.id
    if limit.rule.received_by:
        assert "5pm" in limit.text, limit.id
    if limit.rule.promptly:
        assert "promptly" in limit.text, limit.id
    assert not any(ch.isdigit() for ch in limit.name), f"{limit.id}: a name has no number"


def test_several_periods_are_the_later_of_them():
    appeal = CONTENT.time_limit("appeal-to-the-tribunal")
    assert appeal.rule.combine == "later"
    assert [(p.counts_from, p.length, p.unit) for p in appeal.rule.periods] == [
        ("decision-letter-sent", 2, "months"),
        ("mediation-certificate-issued", 1, "months"),
    ]
    assert appeal.rule.sen_holiday_extension
    assert appeal.rule.non_working_day == "next-working-day"
    assert appeal.rule.received_by == "17:00"


def test_a_discrimination_claim_never_gets_the_holiday_extension():
    claim = CONTENT.time_limit("discrimination-claim")
    assert not claim.rule.sen_holiday_extension
    assert "does not move" in claim.text


def test_every_time_limit_is_used_somewhere():
    used = {
        *(t for route in CONTENT.routes.values() for t in route.all_time_limits),
        *(t for outcome in CONTENT.finder.outcomes for t in outcome.deadlines),
        *(t for form in CONTENT.forms.values() for t in form.time_limits),
        # The "How to appeal" page: its parts' time limits and its steps' usual times.
        *(t for part in CONTENT.appeal_guide.parts for t in part.time_limits),
        *(t for part in CONTENT.appeal_guide.parts for p in part.points for t in p.time_limits),
    }
    assert set(CONTENT.time_limits) - used == set()
