"""Letters against the rest of the content: each letter's legal basis is a record that exists,
and the contradiction check between the route finder's outcomes and their letters.

Every outcome links the letter for its first step, unless its first route starts with a form
the body publishes (Route.first_step_form: official), when it links none. A linked letter fits
the outcome's situation, serves its first route (the letter's ``routes`` names it), and the
finder's answers it carries are choices the letter asks.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from ... import records
from ...citations import law_sources
from ...errors import ContentMessage, did_you_mean
from ..messages import message_at
from ..model import CheckedContent, CheckedFile


def letter_basis_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Each id in a letter's legal_basis is a time limit or a route with a source that cites
    the law, and every fact the letter states (its legal basis, the time limits it cites and
    whose deadlines it names) is verified: a letter uses only verified facts."""
    time_limit_list = typing.cast(records.TimeLimitList, checked.record("time-limits.yml"))
    national_layer = typing.cast(records.NationalLayer, checked.record("national.yml"))
    sources = {t.id: [t.source] for t in time_limit_list.time_limits}
    for file in checked.route_files:
        route = typing.cast(records.Route, file.record)
        sources.setdefault(route.id, list(route.sources))
    places = _BasisPlaces(
        f"{checked.layers.shown_national}/time-limits.yml",
        checked.folder_place("routes"),
        f"{checked.layers.shown_national}/national.yml",
    )
    problems = []
    for file in checked.letter_files:
        letter = typing.cast(records.Letter, file.record)
        for loc, _, problem in _basis_problems(letter, sources, national_layer.legislation, places):
            problems.append(message_at(file, loc, problem))
    return problems


@dataclass(frozen=True)
class _BasisPlaces:
    """Where the records a letter's legal basis names are written, for messages."""

    time_limits: str
    routes: str
    national: str


def _basis_problems(
    letter: records.Letter,
    sources: dict[str, list[records.Source]],
    legislation: list[records.LegislationAddress],
    places: _BasisPlaces,
) -> list[tuple[tuple, str, str]]:
    """(where, id, problem) for each legal_basis id that is unknown or cites no law, and each
    fact of the letter whose source is not verified."""
    found = []
    for index, basis in enumerate(letter.legal_basis):
        loc = ("legal_basis", index)
        if basis not in sources:
            hint = did_you_mean(basis, list(sources))
            problem = (
                f"expected the id of a time limit in {places.time_limits} or of a route in "
                f"{places.routes}{hint}, found {basis!r}"
            )
        elif not (law := law_sources(sources[basis], legislation)):
            problem = (
                f"{basis!r} has no source that cites the law (a title under legislation: in "
                f"{places.national}), so it gives the letter no legal basis"
            )
        else:
            problem = _unverified(basis, law)
        if problem:
            found.append((loc, basis, problem))
    stated = [("time_limits", index, limit) for index, limit in enumerate(letter.time_limits)]
    stated += [
        ("paragraphs", index, paragraph.cite)
        for index, paragraph in enumerate(letter.paragraphs)
        if isinstance(paragraph, records.Citation)
    ]
    for field, index, limit in stated:
        problem = _unverified(limit, sources.get(limit, []))
        if problem:
            found.append(((field, index), limit, problem))
    return found


def _unverified(record_id: str, sources: list[records.Source]) -> str | None:
    unverified = next((source for source in sources if not source.verified), None)
    if unverified is None:
        return None
    return (
        f"{record_id!r} rests on a source that is not verified yet ({unverified.citation!r}, "
        "verified: false), and a letter states only verified facts"
    )


def letter_outcome_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Each outcome of the route finder (the council's own included) against its letter."""
    finder_file = checked.files["route-finder.yml"]
    finder = typing.cast(records.RouteFinder, finder_file.record)
    routes = {
        route.id: route
        for route in (typing.cast(records.Route, f.record) for f in checked.route_files)
    }
    letters = {
        letter.id: letter
        for letter in (typing.cast(records.Letter, f.record) for f in checked.letter_files)
    }
    problems = []
    for index, outcome in enumerate(finder.outcomes):
        first = routes.get(outcome.routes[0].route)
        if first is None:  # an unknown route: the finder's own check reports it
            continue
        problems += _outcome_problems(finder_file, index, outcome, first, letters)
    return problems


def _outcome_problems(
    finder_file: CheckedFile,
    index: int,
    outcome: records.Outcome,
    first: records.Route,
    letters: dict[str, records.Letter],
) -> list[ContentMessage]:
    loc = ("outcomes", index)
    link = outcome.letter
    official = first.first_step_form == "official"
    if link is None and not official:
        problem = (
            f"expected letter: (the letter for its first step), found none: its first route, "
            f"{first.id!r}, does not start with an official form (first_step_form: official), "
            "so give the outcome the letter that starts it"
        )
        return [message_at(finder_file, loc, problem)]
    if link is not None and official:
        problem = (
            f"expected no letter: the first route {first.id!r} starts with an official form "
            f"(first_step_form: official), found letter {link.id!r}"
        )
        return [message_at(finder_file, (*loc, "letter"), problem)]
    letter = letters.get(link.id) if link is not None else None
    if letter is None:  # none needed, or an unknown id: a reference error (checks/ids.py)
        return []
    return [
        message_at(finder_file, (*loc, *place), problem)
        for place, problem in [
            *_fit_problems(letter, outcome, first),
            *_answer_problems(letter, link.answers),
        ]
    ]


def _fit_problems(
    letter: records.Letter, outcome: records.Outcome, first: records.Route
) -> list[tuple[tuple, str]]:
    """The letter does not fit the outcome's situation, or is not for its first route."""
    problems = []
    misfits = letter.fits.misfits(outcome.situation)
    if misfits:
        fact, allowed, actual = misfits[0]
        problems.append(
            (
                ("letter", "id"),
                f"letter {letter.id!r} fits only where {fact} is {' or '.join(allowed)}, but "
                f"this outcome's situation has {fact}: {actual}: choose another letter, or "
                "correct the situation",
            )
        )
    if first.id not in letter.routes:
        named = ", ".join(letter.routes) or "none"
        problems.append(
            (
                ("letter", "id"),
                f"letter {letter.id!r} is not for this outcome's first step: its routes "
                f"({named}) do not name the first route, {first.id!r}: choose its letter, or "
                f"add {first.id!r} to the letter's routes",
            )
        )
    return problems


def _answer_problems(letter: records.Letter, answers: dict[str, str]) -> list[tuple[tuple, str]]:
    """Each answer carried is a choice field of the letter and one of its options."""
    fields = letter.fields
    problems = []
    for field_id, option_id in answers.items():
        place = ("letter", "answers", field_id)
        choice = fields.get(field_id)
        if choice is None or choice.control not in ("choose-one", "choose-any"):
            choices = [f.id for f in fields.values() if f.control in ("choose-one", "choose-any")]
            problems.append(
                (
                    place,
                    f"expected a tick-one, tick-any or yes-no field of letter {letter.id!r}"
                    f"{did_you_mean(field_id, choices)}, one of: {', '.join(choices) or 'none'}; "
                    f"found {field_id!r}",
                )
            )
            continue
        options = ["yes", "no"] if choice.type == "yes-no" else [o.id for o in choice.options]
        if option_id not in options:
            problems.append(
                (
                    place,
                    f"expected one of the options of {field_id!r}"
                    f"{did_you_mean(option_id, options)}: {', '.join(options)}; "
                    f"found {option_id!r}",
                )
            )
    return problems
