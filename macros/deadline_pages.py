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
    series_name,
    table_dates,
    work_out,
)
from .records import Calculation
from .urls import SENDIASS_PAGE, relative_url

DEADLINES_PAGE = "deadlines/"
DATES_LIST_PAGE = "deadlines/by-date/"
LOOKUP_FILE = "deadlines/lookup.json"


def calculation_anchor(calculation_id: str) -> str:
    return f"work-out-{calculation_id}"


def calculator_links(content: Content, shown: list[str], from_url: str) -> dict[str, str]:
    """{time limit id: link to the deadline page's form that works it out}, for a list of time
    limits shown in this order on the page at ``from_url``: one link for each form, beside the
    last time limit it works out there (the appeal, after the step that comes before it)."""
    page = relative_url(from_url, DEADLINES_PAGE)
    calculation_of = {
        limit_id: calculation.id
        for calculation in reversed(content.calculations.values())
        for limit_id in calculation.time_limits
    }
    last_shown = {calculation_of[t]: t for t in shown if t in calculation_of}
    return {
        limit_id: f"{page}#{calculation_anchor(calculation_id)}"
        for calculation_id, limit_id in last_shown.items()
    }


def _series(content: Content, calculation: Calculation) -> list[dict]:
    """Each time limit of a calculation, with its periods that count from a date it asks for."""
    questions = {question.event: question for question in calculation.dates}
    return [
        {
            "limit": content.time_limit(limit_id),
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
        for limit_id in calculation.time_limits
    ]


def calculator_view(content: Content, built_on: date, from_url: str) -> dict:
    first, last = lookup_range(built_on)
    return {
        "calculations": [
            {
                "calculation": calculation,
                "anchor": calculation_anchor(calculation.id),
                "limits": _series(content, calculation),
            }
            for calculation in content.calculations.values()
        ],
        "rules": content.counting_rules,
        "built_on": built_on,
        "first": first,
        "last": last,
        "lookup_url": relative_url(from_url, DEADLINES_PAGE).removeprefix("./")
        + LOOKUP_FILE.rsplit("/", 1)[1],
        "dates_list_url": relative_url(from_url, DATES_LIST_PAGE),
        "sendiass_url": relative_url(from_url, SENDIASS_PAGE),
    }


def dates_list_view(content: Content, built_on: date, from_url: str) -> dict:
    """The printable page: for each date asked for, a table of the deadlines it gives for each
    day of the 3 months before the build."""
    days = table_dates(built_on)
    tables = []
    for calculation in content.calculations.values():
        for question in calculation.dates:
            columns = [
                (content.time_limit(limit_id), index)
                for limit_id in calculation.time_limits
                for index, period in enumerate(content.time_limit(limit_id).rule.periods)
                if period.counts_from == question.event
            ]
            rows = []
            for day in days:
                cells = []
                for limit, _ in columns:
                    worked = work_out(one_period(limit, question.event), {question.event: day})
                    cells.append(worked.date)
                rows.append({"date": day, "deadlines": cells})
            tables.append(
                {
                    "calculation": calculation,
                    "question": question,
                    "limits": [limit for limit, _ in columns],
                    # A second date of a time limit whose later end counts.
                    "later_of": any(
                        limit.rule.combine == "later" and index > 0 for limit, index in columns
                    ),
                    "rows": rows,
                }
            )
    rules = content.counting_rules
    return {
        "tables": tables,
        "rules": rules,
        "all_rules": [getattr(rules, name) for name in type(rules).model_fields],
        "built_on": built_on,
        "from_date": days[-1],
        "calculator_url": relative_url(from_url, DEADLINES_PAGE),
        "sendiass_url": relative_url(from_url, SENDIASS_PAGE),
    }
