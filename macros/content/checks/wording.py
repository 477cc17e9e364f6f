"""A time limit's words say what its rule counts: families read the text, the deadline page
counts from the rule, and the two must agree."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage
from ..messages import message_at
from ..model import CheckedContent

# How each unit of a period is written in a time limit's text: '2 months', '1 working day'.
UNIT_WORDS = {
    "months": "month",
    "weeks": "week",
    "days": "day",
    "working-days": "working day",
    "school-days": "school day",
}
_SAY_IT = "families read the text, not the rule, so say it there, or correct the rule"


def period_in_words(period: records.Period) -> str:
    """'2 months', '3 working days', '1 week' as a text should say them; 'at once' for 0."""
    if period.length == 0:
        return "at once"
    unit = UNIT_WORDS[period.unit]
    return f"{period.length} {unit}" + ("" if period.length == 1 else "s")


def wording_problems(limit: records.TimeLimit) -> list[tuple[str, str]]:
    """(field, problem) for each thing the rule says that the time limit's words do not."""
    rule, text = limit.rule, limit.text
    problems = []
    for number, period in enumerate(rule.periods, start=1):
        words = period_in_words(period)
        if words not in text:
            problems.append(
                f"expected {words!r} in the text, as its rule counts it (rule.periods.{number}: "
                f"length: {period.length}, unit: {period.unit}): {_SAY_IT}"
            )
    if rule.sen_holiday_extension:
        problems += [
            f"expected {word!r} in the text, as its rule moves a last day from 25 December to "
            f"1 January, or in August (rule.sen_holiday_extension: true): {_SAY_IT}"
            for word in ("August", "25 December")
            if word not in text
        ]
    if rule.received_by and "5pm" not in text:
        problems.append(
            "expected '5pm' in the text, as its rule sets the time it must be received by "
            f"(rule.received_by: '{rule.received_by}'): {_SAY_IT}"
        )
    if rule.promptly and "promptly" not in text:
        problems.append(
            "expected 'promptly' in the text, as its rule asks for it to be done promptly "
            f"(rule.promptly: true): {_SAY_IT}"
        )
    found = [("text", problem) for problem in problems]
    if any(character.isdigit() for character in limit.name):
        found.append(
            (
                "name",
                f"expected a name without a number, found {limit.name!r}: a name is for links "
                "to the time limit, and how long it is belongs in its text",
            )
        )
    return found


def wording_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Each time limit's wording problems, at its text (or name) in the file that wrote it:
    a council's change to a national time limit's text is reported in its changes.yml."""
    file = checked.files["time-limits.yml"]
    time_limit_list = typing.cast(records.TimeLimitList, file.record)
    return [
        message_at(file, ("time_limits", index, field_name), problem)
        for index, limit in enumerate(time_limit_list.time_limits)
        for field_name, problem in wording_problems(limit)
    ]
