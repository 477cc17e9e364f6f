"""What the "Work out your deadlines" page and its printable list of dates show.

Pure: content and the build's date in, plain dicts out for the templates. The dates themselves
come from macros/deadlines.py, the one implementation of the rules.
"""

from __future__ import annotations

from datetime import date

from .content import Content
from .deadlines import (
    lookup_range,
    one_period,
    open_dates,
    series_name,
    work_out,
)
from .records import Calculation
from .urls import (
    DATES_LIST_PAGE,
    DEADLINES_PAGE,
    LOOKUP_FILE,
    SENDIASS_PAGE,
    anchored_url,
    calculation_anchor,
    relative_file_url,
    relative_url,
)


def calculator_links(content: Content, shown: list[str], from_url: str) -> dict[str, dict]:
    """{time limit id: the link to the deadline page's form that works it out, with that form's
    heading}, for a list of time limits shown in this order on the page at ``from_url``: one link
    for each form, beside the last time limit it works out there (the appeal, after the step that
    comes before it). The heading tells two such links apart (time_limit_item.html)."""
    calculation_of = {
        limit_id: calculation
        for calculation in reversed(content.calculations.values())
        for limit_id in calculation.time_limits
    }
    last_shown = {calculation_of[t].id: t for t in shown if t in calculation_of}
    return {
        limit_id: {
            "url": anchored_url(from_url, DEADLINES_PAGE, calculation_anchor(calculation_id)),
            "heading": content.calculations[calculation_id].heading,
        }
        for calculation_id, limit_id in last_shown.items()
    }


def _series(content: Content, calculation: Calculation) -> list[dict]:
    """Each time limit of a calculation, the main one first, with its periods that count from a
    date it asks for, and the first step's words for the time limit that is the first step."""
    questions = {question.event: question for question in calculation.dates}
    first_step = calculation.first_step
    return [
        {
            "limit": content.time_limit(limit_id),
            "main": index == 0,
            "first_step": first_step if first_step and first_step.time_limit == limit_id else None,
            "periods": [
                {
                    "series": series_name(limit_id, period.counts_from),
                    "period": period,
                    "question": questions[period.counts_from],
                }
                # Every period counts from a date asked for (content._calculation_errors).
                for period in content.time_limit(limit_id).rule.periods
            ],
        }
        for index, limit_id in enumerate(calculation.time_limits)
    ]


def _sources(content: Content, calculation: Calculation) -> list:
    """Every source a calculation's results can show (its time limits, its first step and the
    rules for counting time), for the one note about facts still being checked."""
    rules = content.counting_rules
    return [
        *(content.time_limit(t).source for t in calculation.time_limits),
        *([calculation.first_step.source] if calculation.first_step else []),
        *(getattr(rules, name).source for name in type(rules).model_fields),
    ]


def calculator_view(content: Content, built_on: date, from_url: str) -> dict:
    first, last = lookup_range(built_on)
    return {
        "calculations": [
            {
                "calculation": calculation,
                "anchor": calculation_anchor(calculation.id),
                "limits": _series(content, calculation),
                "sources": _sources(content, calculation),
            }
            for calculation in content.calculations.values()
        ],
        "rules": content.counting_rules,
        "built_on": built_on,
        "first": first,
        "last": last,
        "lookup_url": relative_file_url(from_url, LOOKUP_FILE),
        "dates_list_url": relative_url(from_url, DATES_LIST_PAGE),
        "sendiass_url": relative_url(from_url, SENDIASS_PAGE),
    }


def _dates_table(content: Content, calculation: Calculation, event: str, built_on: date) -> dict:
    """One table of the printable page: for each date of ``event`` whose deadline is still open
    on the day of the build, the last day of each time limit that counts from it, each marked
    passed if it is before that day."""
    columns = [
        (content.time_limit(limit_id), index)
        for limit_id in calculation.time_limits
        for index, period in enumerate(content.time_limit(limit_id).rule.periods)
        if period.counts_from == event
    ]
    limits = [limit for limit, _ in columns]
    step = calculation.first_step
    rows = []
    for day in open_dates(limits, event, built_on):
        ends = [work_out(one_period(limit, event), {event: day}).date for limit in limits]
        rows.append(
            {"date": day, "deadlines": [{"date": end, "passed": end < built_on} for end in ends]}
        )
    return {
        "question": next(q for q in calculation.dates if q.event == event),
        "limits": limits,
        # A second date of a time limit whose later end counts.
        "later_of": any(limit.rule.combine == "later" and index > 0 for limit, index in columns),
        "rows": rows,
        # The first thing to do, with its time limit, where this table has its column.
        "first_step": next(
            ((step, limit) for limit in limits if step and limit.id == step.time_limit), None
        ),
    }


def dates_list_view(content: Content, built_on: date, from_url: str) -> dict:
    """The printable page: for each calculation, a table for each date it asks for, listing
    every date whose deadline is still open on the day of the build; and what to do when a
    last day has passed."""
    rules = content.counting_rules
    return {
        "calculations": [
            {
                "calculation": calculation,
                "tables": [
                    _dates_table(content, calculation, question.event, built_on)
                    for question in calculation.dates
                ],
            }
            for calculation in content.calculations.values()
        ],
        "rules": rules,
        "all_rules": [getattr(rules, name) for name in type(rules).model_fields],
        # Every other time limit, so each one the site states says where it comes from.
        "other_limits": [
            limit
            for limit in content.time_limits.values()
            if not any(limit.id in c.time_limits for c in content.calculations.values())
        ],
        "built_on": built_on,
        "sendiass_url": relative_url(from_url, SENDIASS_PAGE),
    }
