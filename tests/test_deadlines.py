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
    EARLIER_WORKING_DAY,
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
        assert not {s.kind for s in deadline.steps} & {AUGUST, CHRISTMAS, NEXT_WORKING_DAY}
    # 26 December 2026 is a Saturday: the claim is due the working day before, never after.
    boxing_day = work_out(claim, {"unfair-treatment": date(2026, 6, 27)})
    assert [(s.kind, s.date) for s in boxing_day.steps] == [
        (PERIOD_END, date(2026, 12, 26)),
        (EARLIER_WORKING_DAY, date(2026, 12, 24)),
    ]


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
    """Every entry of every series, read back as the page's script reads it, is the working
    work_out gives for that date; and the file is small (issue 16: under 20 KB gzip)."""
    import gzip
    import json
    from datetime import timedelta

    from macros.deadlines import decode_steps, lookup_table, one_period, series_name

    content = shipped_content()
    built_on = date(2026, 12, 3)
    table = lookup_table(content.calculations, content.time_limits, built_on)
    assert (table["first"], table["last"]) == ("2025-11-03", "2028-12-03")
    first = date.fromisoformat(table["first"])
    days = (date(2028, 12, 3) - first).days + 1
    expected_series = {
        series_name("contact-mediation-adviser", "decision-letter-sent"),
        series_name("appeal-to-the-tribunal", "decision-letter-sent"),
        series_name("appeal-to-the-tribunal", "mediation-certificate-issued"),
        series_name("discrimination-claim", "unfair-treatment"),
    }
    assert set(table["series"]) == expected_series
    for name, entries in table["series"].items():
        limit_id, event = name.split("/")
        limit = one_period(content.time_limit(limit_id), event)
        assert len(entries) == days, name
        for index, code in enumerate(entries):
            start = first + timedelta(days=index)
            worked = work_out(limit, {event: start})
            assert decode_steps(start, code) == [(s.kind, s.date) for s in worked.steps], (
                name,
                start,
            )
    size = len(gzip.compress(json.dumps(table, separators=(",", ":")).encode()))
    assert size < 20_000, size


def test_the_later_of_two_looked_up_dates_is_the_date_the_rules_give():
    """The page takes the later of the two looked-up appeal dates; for every pair of a decision
    date and a certificate date up to 3 months after it, that is work_out's date."""
    from datetime import timedelta

    from macros.deadlines import decode_steps, lookup_table, series_name

    content = shipped_content()
    table = lookup_table(content.calculations, content.time_limits, date(2026, 12, 3))
    first = date.fromisoformat(table["first"])
    appeal = content.time_limit("appeal-to-the-tribunal")
    by_decision = table["series"][series_name("appeal-to-the-tribunal", "decision-letter-sent")]
    by_certificate = table["series"][
        series_name("appeal-to-the-tribunal", "mediation-certificate-issued")
    ]
    for decision_index in range(0, 400, 3):
        decided = first + timedelta(days=decision_index)
        for gap in range(0, 92, 5):
            issued = decided + timedelta(days=gap)
            looked_up = max(
                decode_steps(decided, by_decision[decision_index])[-1][1],
                decode_steps(issued, by_certificate[decision_index + gap])[-1][1],
            )
            worked = work_out(
                appeal,
                {"decision-letter-sent": decided, "mediation-certificate-issued": issued},
            )
            assert looked_up == worked.date, (decided, issued)


def test_the_build_warns_only_when_the_lookup_range_ends_within_6_months():
    from macros.deadlines import lookup_ends_soon

    # Built 2 December 2024: the range ends 2 December 2026.
    assert lookup_ends_soon(date(2024, 12, 2), date(2026, 6, 1)) is None
    assert lookup_ends_soon(date(2024, 12, 2), date(2026, 6, 2)) == date(2026, 12, 2)
    assert lookup_ends_soon(date(2024, 12, 2), date(2027, 1, 5)) == date(2026, 12, 2)
    assert lookup_ends_soon(date(2026, 12, 3), date(2026, 12, 3)) is None


def test_the_printable_page_lists_each_date_whose_deadline_is_still_open():
    """Built on Saturday 5 December 2026: a letter of 5 October gives an appeal on Monday 7
    December (after the weekend), one of 4 October Friday 4 December, passed; a certificate
    counts from 5 November; unfair treatment from 8 June, as 6 and 7 June give 5 and 6 December,
    a weekend, and so Friday 4 December (the working day before)."""
    from macros.deadlines import open_dates

    content = shipped_content()
    built_on = date(2026, 12, 5)
    appeal = content.time_limit("appeal-to-the-tribunal")
    adviser = content.time_limit("contact-mediation-adviser")
    claim = content.time_limit("discrimination-claim")
    for limits, event, first in [
        ([appeal, adviser], "decision-letter-sent", date(2026, 10, 5)),
        ([appeal], "mediation-certificate-issued", date(2026, 11, 5)),
        ([claim], "unfair-treatment", date(2026, 6, 8)),
    ]:
        dates = open_dates(limits, event, built_on)
        assert dates[0] == built_on and dates[-1] == first, event
        assert len(dates) == (built_on - first).days + 1
    # A last day on the build's date is still open: built on Friday 4 December 2026.
    assert open_dates([appeal], "decision-letter-sent", date(2026, 12, 4))[-1] == date(2026, 10, 4)
    # The adviser's last day alone would start the letters 2 days later: the appeal's counts.
    assert open_dates([adviser], "decision-letter-sent", built_on)[-1] == date(2026, 10, 7)
