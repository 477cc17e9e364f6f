"""The deadline rules (macros/deadlines.py), against a table of dates worked out by hand
(tests/deadline_cases.yml): month ends, leap years, August and Christmas for an appeal but not a
claim, weekends and bank holidays with substitute days, the later of two dates, a certificate
before its decision, and dates far from today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import shipped_content

from macros.deadlines import (
    AUGUST,
    CHRISTMAS,
    LATER_OF,
    NEXT_WORKING_DAY,
    PERIOD_END,
    DateProblem,
    add_months,
    is_working_day,
    work_out,
)

CASES = yaml.safe_load((Path(__file__).parent / "deadline_cases.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: f"{c['limit']}-{'-'.join(str(d) for d in c['dates'].values())}"
)
def test_each_deadline_in_the_table(case):
    limit = shipped_content().time_limit(case["limit"])
    if "problem" in case:
        with pytest.raises(DateProblem) as raised:
            work_out(limit, case["dates"])
        assert raised.value.kind == case["problem"], case["why"]
        return
    deadline = work_out(limit, case["dates"])
    found = deadline.date if deadline else None
    assert found == case["expect"], case["why"]


def test_the_table_covers_every_kind_the_research_names():
    whys = " ".join(case["why"] for case in CASES)
    for kind in ("August", "December", "January", "leap", "bank holiday", "substitute", "Good"):
        assert kind in whys, kind
    assert {case["limit"] for case in CASES} >= {"appeal-to-the-tribunal", "discrimination-claim"}


def test_the_working_shows_each_step_that_moved_the_date():
    appeal = shipped_content().time_limit("appeal-to-the-tribunal")
    deadline = work_out(
        appeal,
        {
            "decision-letter-sent": date(2026, 5, 20),
            "mediation-certificate-issued": date(2026, 7, 10),
        },
    )
    assert [(s.kind, s.date) for s in deadline.steps] == [
        (PERIOD_END, date(2026, 7, 20)),
        (PERIOD_END, date(2026, 8, 10)),
        (LATER_OF, date(2026, 8, 10)),
        (AUGUST, date(2026, 9, 1)),
    ]
    christmas = work_out(appeal, {"decision-letter-sent": date(2026, 10, 25)})
    assert [s.kind for s in christmas.steps] == [PERIOD_END, CHRISTMAS]
    weekend = work_out(appeal, {"decision-letter-sent": date(2025, 12, 31)})
    assert [s.kind for s in weekend.steps] == [PERIOD_END, NEXT_WORKING_DAY]


def test_a_claim_never_takes_the_holiday_extension():
    claim = shipped_content().time_limit("discrimination-claim")
    assert claim.rule.sen_holiday_extension is False
    for day in (date(2026, 2, 1), date(2026, 2, 15), date(2026, 6, 27), date(2026, 7, 1)):
        deadline = work_out(claim, {"unfair-treatment": day})
        assert [s.kind for s in deadline.steps] == [PERIOD_END]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 2, date(2027, 2, 15)),
        (date(2026, 8, 30), 6, date(2027, 2, 28)),
    ],
)
def test_the_corresponding_date_rule(start, months, end):
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 25), False),
        (date(2026, 12, 28), False),  # Boxing Day falls on a Saturday: the Monday is off
        (date(2026, 12, 29), True),
        (date(2027, 8, 30), False),
        (date(2028, 1, 3), False),  # New Year's Day falls on a Saturday
        (date(2026, 4, 3), False),
        (date(2026, 4, 6), False),
        (date(2026, 6, 6), False),  # a Saturday
        (date(2026, 6, 8), True),
    ],
)
def test_working_days_leave_out_weekends_and_bank_holidays_in_england(day, working):
    assert is_working_day(day) is working


def test_the_lookup_file_gives_the_same_dates_as_the_rules_and_stays_small():
    import gzip
    import json
    from datetime import timedelta

    from macros.deadlines import LOOKUP_SERIES, lookup_table

    content = shipped_content()
    table = lookup_table(content.time_limits, date(2026, 12, 3))
    assert table["first"] == "2025-11-03" and table["last"] == "2028-12-03"
    first = date.fromisoformat(table["first"])
    for name in LOOKUP_SERIES:
        offsets = table["series"][name]["offsets"]
        assert len(offsets) == (date(2028, 12, 3) - first).days + 1
    appeal = content.time_limit("appeal-to-the-tribunal")
    for case in [c for c in CASES if c["limit"] == "appeal-to-the-tribunal" and "expect" in c]:
        letter = case["dates"]["decision-letter-sent"]
        if not first <= letter <= date(2028, 12, 3):
            continue
        looked_up = [
            letter
            + timedelta(
                days=table["series"]["appeal-from-decision"]["offsets"][(letter - first).days]
            )
        ]
        if "mediation-certificate-issued" in case["dates"]:
            issued = case["dates"]["mediation-certificate-issued"]
            offset = table["series"]["appeal-from-certificate"]["offsets"][(issued - first).days]
            looked_up.append(issued + timedelta(days=offset))
        # The page takes the later of the two: the same date the rules give.
        assert max(looked_up) == work_out(appeal, case["dates"]).date == case["expect"]
    size = len(gzip.compress(json.dumps(table, separators=(",", ":")).encode()))
    assert size < 20 * 1024, size
