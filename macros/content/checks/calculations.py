"""The deadline page's calculations: each must be able to work out its time limits."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage
from ..messages import message_at
from ..model import CheckedContent, CheckedFile


def calculation_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Each period counts from one of its calculation's dates, and in days, weeks, months or
    working days (school days are the school's own), and its first date, the one every
    deadline needs, is required."""
    file = checked.files["time-limits.yml"]
    time_limit_list = typing.cast(records.TimeLimitList, file.record)
    limits = {limit.id: limit for limit in time_limit_list.time_limits}
    problems = []
    for c_index, calculation in enumerate(time_limit_list.calculations):
        loc = ("calculations", c_index)
        if not calculation.dates[0].required:
            problems.append(
                message_at(
                    file,
                    (*loc, "dates", 0, "required"),
                    "expected required: true for the first date (every deadline needs it), "
                    "found required: false",
                )
            )
        asked = [question.event for question in calculation.dates]
        for t_index, limit_id in enumerate(calculation.time_limits):
            limit = limits.get(limit_id)
            if limit is None:
                continue  # an unknown id, reported with the other references
            at = (*loc, "time_limits", t_index)
            problems += _time_limit_errors(file, at, limit, asked)
    return problems


def _time_limit_errors(
    file: CheckedFile, at: tuple, limit: records.TimeLimit, asked: list[str]
) -> list[ContentMessage]:
    """One time limit of a calculation, counted from the dates it asks for."""
    problems = []
    for period in limit.rule.periods:
        if period.counts_from not in asked:
            problems.append(
                message_at(
                    file,
                    at,
                    f"time limit {limit.id!r} counts from {period.counts_from!r}: "
                    f"expected that among this calculation's dates, found "
                    f"{', '.join(repr(event) for event in asked)}",
                )
            )
        elif period.unit == "school-days":
            problems.append(
                message_at(
                    file,
                    at,
                    f"time limit {limit.id!r} counts school days, which only the "
                    "school's term dates decide: expected a time limit in days, weeks, "
                    "months or working days",
                )
            )
    all_asked = all(period.counts_from in asked for period in limit.rule.periods)
    if all_asked and not any(p.counts_from == asked[0] for p in limit.rule.periods):
        problems.append(
            message_at(
                file,
                at,
                f"time limit {limit.id!r} does not count from {asked[0]!r}, "
                "the first date asked for: expected a period that does",
            )
        )
    return problems
