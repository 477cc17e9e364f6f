"""Dates from the time-limit records: the one implementation of the rules for counting time.

Pure functions. Each deadline comes with its working: the steps that made it, each a kind of
step (an id the templates word) and the date after it. The rules, from
shared/research/deadlines-and-changes.md section 1:

- a period in months ends on the same-numbered day of the later month, or that month's last day
  when it has no such day (the corresponding-date rule, Dodds v Walker [1981]);
- a period "starting with" a day counts that day, so it ends the day before the corresponding
  date. Where that date does not exist (31 August + 6 months), the end is the day before the
  month's last day: the earlier of the two ways the rule is read, so the date is safe under
  both;
- where the law gives two periods and the later end counts, the later one is taken;
- an SEN appeal whose time ends from 25 December to 1 January, or in August, is in time on the
  first working day after 1 January or 31 August (HESC Rules 2008, rule 12(3)); never a
  disability discrimination claim (the record says which, sen_holiday_extension);
- a period that ends on a day that is not a working day moves to the next working day (rule
  12(2)), where the record says so; where no source says it moves and the family must act, the
  working day before is shown, the date safe under every reading;
- working days leave out Saturdays, Sundays and bank holidays in England (the `holidays`
  package, which works them out from the rules, offline, for any year);
- school days are set by each school's own term dates, so they are stated, never computed.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from .records import Calculation, Period, TimeLimit

# Ids of the kinds of step in a deadline's working; macros/templates word them.
PERIOD_END = "period-end"
LATER_OF = "later-of"
CHRISTMAS = "christmas-extension"
AUGUST = "august-extension"
NEXT_WORKING_DAY = "next-working-day"
EARLIER_WORKING_DAY = "earlier-working-day"


@dataclass(frozen=True)
class Step:
    kind: str  # one of the ids above
    date: date
    period: int | None = None  # for PERIOD_END: which of the record's periods


@dataclass(frozen=True)
class Deadline:
    time_limit: str  # the record's id
    date: date
    steps: tuple[Step, ...]


class DateProblem(ValueError):
    """Dates that cannot go together, such as a certificate before the decision it follows."""

    def __init__(self, kind: str, *dates: str):
        self.kind, self.dates = kind, dates
        super().__init__(f"{kind}: {', '.join(dates)}")


@functools.cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]))


def is_working_day(day: date) -> bool:
    """Not a Saturday, a Sunday or a bank holiday in England (substitute days included)."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """The day itself if it is a working day, else the one before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_months(day: date, months: int) -> date:
    """The corresponding date ``months`` later: 31 January + 1 month → 28 or 29 February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day``."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def period_end(start: date, period: Period) -> date | None:
    """The last day of a period from ``start``; None for school days (the school's own term
    dates decide them)."""
    if period.unit == "months":
        end = add_months(start, period.length)
    elif period.unit == "weeks":
        end = start + timedelta(weeks=period.length)
    elif period.unit == "days":
        end = start + timedelta(days=period.length)
    elif period.unit == "working-days":
        end = add_working_days(start, period.length)
    else:
        return None
    return end - timedelta(days=1) if period.counting == "starting-with" else end


def holiday_extension(day: date) -> tuple[str, date] | None:
    """Rule 12(3)(a): an end from 25 December to 1 January, or in August, moves to the first
    working day after 1 January or 31 August."""
    if day.month == 8:
        return AUGUST, next_working_day(date(day.year, 9, 1))
    if (day.month, day.day) >= (12, 25):
        return CHRISTMAS, next_working_day(date(day.year + 1, 1, 2))
    if (day.month, day.day) == (1, 1):
        return CHRISTMAS, next_working_day(date(day.year, 1, 2))
    return None


def work_out(limit: TimeLimit, dates: dict[str, date]) -> Deadline | None:
    """The deadline a time-limit record gives from the dates of the events it counts from.

    ``dates`` maps event ids (the record's counts_from) to dates. A period whose event has no
    date is left out (a certificate not yet issued); None when no period can be worked out.
    Raises DateProblem when a later event is dated before the one it follows.
    """
    rule = limit.rule
    first = rule.periods[0].counts_from
    for period in rule.periods[1:]:
        later = dates.get(period.counts_from)
        if later is not None and first in dates and later < dates[first]:
            raise DateProblem("before-first-event", period.counts_from, first)
    steps: list[Step] = []
    for index, period in enumerate(rule.periods):
        start = dates.get(period.counts_from)
        end = period_end(start, period) if start is not None else None
        if end is not None:
            steps.append(Step(PERIOD_END, end, index))
    if not steps:
        return None
    end = max(step.date for step in steps)
    if len(steps) > 1:
        steps.append(Step(LATER_OF, end))
    if rule.sen_holiday_extension and (moved := holiday_extension(end)):
        kind, end = moved
        steps.append(Step(kind, end))
    if not is_working_day(end):
        if rule.non_working_day == "next-working-day":
            end = next_working_day(end)
            steps.append(Step(NEXT_WORKING_DAY, end))
        elif rule.who_acts == "you":
            # No source says this end moves: the working day before is safe under every reading.
            end = previous_working_day(end)
            steps.append(Step(EARLIER_WORKING_DAY, end))
    return Deadline(limit.id, end, tuple(steps))


# --- The lookup file the "Work out your deadlines" page reads (issue 16) ---

# The page's script applies no rule: it looks each date up in a file the build writes. A series
# is one time limit worked out from one of a calculation's dates (records.Calculation); where a
# time limit has two periods (combine: later) the page looks both up and shows the later, which
# is the same date work_out gives, because the holiday extensions and the move to a working day
# never put a later end before an earlier one (tests/test_deadlines.py checks every date).
# Letter dates from 13 months before the build to 24 months after it.
MONTHS_BEFORE, MONTHS_AFTER = 13, 24
# The build warns when the dates a site can work out end within this many months of today.
WARN_WITHIN_MONTHS = 6
# One letter per kind of step in the file; each step is its letter and its date, as days after
# the date looked up: "p61" (the period ends 61 days later), "p59a63" (then August moved it).
STEP_CODES = {
    PERIOD_END: "p",
    CHRISTMAS: "c",
    AUGUST: "a",
    NEXT_WORKING_DAY: "w",
    EARLIER_WORKING_DAY: "e",
}


def series_name(time_limit_id: str, event_id: str) -> str:
    return f"{time_limit_id}/{event_id}"


def one_period(limit: TimeLimit, event_id: str) -> TimeLimit:
    """The time limit with only its period counting from ``event_id``."""
    rule = limit.rule.model_copy(
        update={
            "periods": [p for p in limit.rule.periods if p.counts_from == event_id],
            "combine": "only",
        }
    )
    return limit.model_copy(update={"rule": rule})


def calculation_series(
    calculations: dict[str, Calculation], time_limits: dict[str, TimeLimit]
) -> list[tuple[str, str]]:
    """(time limit id, event id) of every series the calculations need, each once."""
    series = {}
    for calculation in calculations.values():
        asked = [question.event for question in calculation.dates]
        for limit_id in calculation.time_limits:
            for period in time_limits[limit_id].rule.periods:
                if period.counts_from in asked:
                    series[(limit_id, period.counts_from)] = None
    return list(series)


def encode_steps(start: date, deadline: Deadline) -> str:
    return "".join(f"{STEP_CODES[step.kind]}{(step.date - start).days}" for step in deadline.steps)


def decode_steps(start: date, code: str) -> list[tuple[str, date]]:
    """The steps a series' entry for ``start`` holds, as the page's script reads them."""
    kinds = {letter: kind for kind, letter in STEP_CODES.items()}
    steps, index = [], 0
    while index < len(code):
        letter, index = code[index], index + 1
        digits = ""
        while index < len(code) and code[index].isdigit():
            digits, index = digits + code[index], index + 1
        steps.append((kinds[letter], start + timedelta(days=int(digits))))
    return steps


def lookup_range(built_on: date) -> tuple[date, date]:
    """The first and last dates the page can work out from, for a site built on ``built_on``."""
    return add_months(built_on, -MONTHS_BEFORE), add_months(built_on, MONTHS_AFTER)


def lookup_table(
    calculations: dict[str, Calculation], time_limits: dict[str, TimeLimit], built_on: date
) -> dict:
    """Every series' steps for each date in the range: {"first": "2025-11-03", "last": ...,
    "series": {"appeal-to-the-tribunal/decision-letter-sent": ["p61", ...], ...}}."""
    return series_table(calculation_series(calculations, time_limits), time_limits, built_on)


def series_table(
    pairs: list[tuple[str, str]], time_limits: dict[str, TimeLimit], built_on: date
) -> dict:
    """lookup_table's file for any (time limit id, event id) series, such as the letters'
    (macros/letter_lookup.py). A date no period can be worked out from (school days) is ""."""
    first, last = lookup_range(built_on)
    days = (last - first).days + 1
    series = {}
    for limit_id, event in pairs:
        limit = one_period(time_limits[limit_id], event)
        entries = []
        for index in range(days):
            start = first + timedelta(days=index)
            deadline = work_out(limit, {event: start})
            entries.append(encode_steps(start, deadline) if deadline else "")
        series[series_name(limit_id, event)] = entries
    return {
        "built_on": built_on.isoformat(),
        "first": first.isoformat(),
        "last": last.isoformat(),
        "series": series,
    }


def lookup_ends_soon(built_on: date, today: date) -> date | None:
    """The last date the page can work out from, if that is within WARN_WITHIN_MONTHS of
    ``today`` (a site built long ago, or built with an old SOURCE_DATE_EPOCH)."""
    last = lookup_range(built_on)[1]
    return last if last <= add_months(today, WARN_WITHIN_MONTHS) else None


def open_dates(limits: list[TimeLimit], event: str, built_on: date) -> list[date]:
    """The dates the printable page lists for ``event``: each day, newest first from the build's,
    whose deadline is still open on ``built_on``, that is whose last day for one of ``limits``
    (each counted from ``event`` alone) is on or after it. A later date never gives an earlier
    last day, so the list ends at the first date whose last days have all passed (or at the
    first date the page works out from)."""
    first = lookup_range(built_on)[0]
    periods = [one_period(limit, event) for limit in limits]
    days, day = [], built_on
    while day >= first:
        ends = [work_out(limit, {event: day}) for limit in periods]
        if not any(end is not None and end.date >= built_on for end in ends):
            break
        days.append(day)
        day -= timedelta(days=1)
    return days
