"""A letter's own text: the fields its frame shows, and every placeholder in its subject and
paragraphs names something the letter has (records/letters.py)."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage, did_you_mean
from ...records import letters as letter_ids
from ..messages import message_at
from ..model import CheckedContent, CheckedFile

_EXPECTED_PLACEHOLDER = "{a field id}, {deadline:<time limit id>}, {council} or {recipient}"


def letter_text_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Every letter's frame fields and placeholders (each letter file on its own)."""
    problems = []
    for file in checked.letter_files:
        if file.record is None:
            continue
        letter = typing.cast(records.Letter, file.record)
        problems += _frame_problems(file, letter)
        for loc, text in _texts(letter):
            problems += [
                message_at(file, loc, problem)
                for part in records.letter_parts(text)
                if (problem := _placeholder_problem(letter, part)) is not None
            ]
    return problems


def letter_deadline_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Each {deadline:x} can be worked out: a date field of the letter is the date of an event
    x counts from, and x does not count school days (each school sets its own)."""
    time_limit_list = typing.cast(records.TimeLimitList, checked.record("time-limits.yml"))
    limits = {limit.id: limit for limit in time_limit_list.time_limits}
    problems = []
    for file in checked.letter_files:
        if file.record is None:
            continue
        letter = typing.cast(records.Letter, file.record)
        events = {f.event for f in letter.fields.values() if f.event is not None}
        for loc, text in _texts(letter):
            for part in records.letter_parts(text):
                limit = limits.get(part.value) if part.kind == "deadline" else None
                if limit is None or part.value not in letter.time_limits:
                    continue
                problem = _deadline_problem(limit, events)
                if problem is not None:
                    problems.append(message_at(file, loc, problem))
    return problems


def _texts(letter: records.Letter) -> list[tuple[tuple, str]]:
    """The subject and each paragraph of text, with where each is written."""
    texts: list[tuple[tuple, str]] = [(("subject",), letter.subject)]
    texts += [
        (("paragraphs", index), paragraph)
        for index, paragraph in enumerate(letter.paragraphs)
        if isinstance(paragraph, str)
    ]
    return texts


def _frame_problems(file: CheckedFile, letter: records.Letter) -> list[ContentMessage]:
    """The fields the letter's frame shows: its date, who signs it, and, when ``to`` is [],
    who it is to."""
    fields = letter.fields
    problems = []
    needed = [
        (letter_ids.LETTER_DATE_FIELD, "date", "the date line", ("sections",)),
        (letter_ids.SENDER_NAME_FIELD, None, "the signature", ("sections",)),
    ]
    if not letter.to:
        who = "who the letter is to, when to: is []"
        needed.append((letter_ids.RECIPIENT_NAME_FIELD, None, who, ("to",)))
    for field_id, field_type, shows, loc in needed:
        found = fields.get(field_id)
        kind = f"a {field_type} field" if field_type else "a field"
        if found is None:
            problem = f"expected {kind} with id {field_id!r} ({shows}), found none"
            problems.append(message_at(file, loc, problem))
        elif field_type is not None and found.type != field_type:
            where = _field_loc(letter, field_id) + ("type",)
            problem = f"expected type: {field_type} for {field_id!r} ({shows}), found {found.type}"
            problems.append(message_at(file, where, problem))
    return problems


def _field_loc(letter: records.Letter, field_id: str) -> tuple:
    for s_index, section in enumerate(letter.sections):
        for f_index, form_field in enumerate(section.fields):
            if form_field.id == field_id:
                return ("sections", s_index, "fields", f_index)
    return ("sections",)


def _placeholder_problem(letter: records.Letter, part: records.Part) -> str | None:
    """Why a placeholder cannot be filled in, or None (words are never a problem)."""
    if part.kind == "unknown":
        return f"unknown placeholder {part.value!r}: expected {_EXPECTED_PLACEHOLDER}"
    if part.kind == "field":
        fields = letter.fields
        if part.value not in fields:
            hint = did_you_mean(part.value, list(fields))
            return (
                f"unknown placeholder {'{' + part.value + '}'!r}: expected the id of one of "
                f"this letter's fields{hint}, one of: {', '.join(fields)}"
            )
        if fields[part.value].type == "consent":
            return (
                f"placeholder {'{' + part.value + '}'!r}: a consent field has no words to put "
                "in the letter"
            )
    if part.kind == "deadline" and part.value not in letter.time_limits:
        listed = ", ".join(letter.time_limits) or "none"
        return (
            f"placeholder {'{deadline:' + part.value + '}'!r}: expected {part.value!r} in this "
            f"letter's time_limits, found {listed}"
        )
    return None


def _deadline_problem(limit: records.TimeLimit, events: set[str]) -> str | None:
    counts_from = [period.counts_from for period in limit.rule.periods]
    if any(period.unit == "school-days" for period in limit.rule.periods):
        return (
            f"placeholder {'{deadline:' + limit.id + '}'!r}: {limit.id!r} counts school days, "
            "which each school sets, so its date cannot be worked out: say the period in words"
        )
    if not events.intersection(counts_from):
        return (
            f"placeholder {'{deadline:' + limit.id + '}'!r}: expected a date field with "
            f"event: {' or '.join(counts_from)} (what {limit.id!r} counts from), found none"
        )
    return None
