"""The time limits as data (content/time-limits.yml): each legal period is written once, its
wording and its rule agree, and every route, case, outcome and form refers to them by id.

The deadline calculator will compute dates from these rules, so the tests check that each rule
is complete and that the words families read say the same as the rule."""

from __future__ import annotations

import pytest
from conftest import shipped_content

from macros.content.checks.wording import wording_problems

CONTENT = shipped_content()
LIMITS = list(CONTENT.time_limits.values())


@pytest.mark.parametrize("limit", LIMITS, ids=lambda t: t.id)
def test_the_wording_states_the_rule(limit):
    """Each period "N unit(s)" ('at once' for 0), August and 25 December with the holiday
    extension, 5pm with a time to be received by, 'promptly', and no number in the name: the
    check make check runs for every council (macros/content/checks/wording.py)."""
    assert wording_problems(limit) == [], f"{limit.id}: {limit.text}"


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
