"""The records of content/route-finder.yml: the "which route is for me" questions, as data.

Also a council's own route-finder.yml, which adds questions and outcomes.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ..bounds import MAX_PAGE_BUDGET
from .fields import (
    LetterId,
    Name,
    ProposalId,
    Record,
    RecordId,
    Source,
    Text,
    TimeLimitId,
    _number_at_most,
)
from .time_limits import Situation


class Option(Record):
    record_kind: ClassVar[str] = "option"
    id: RecordId
    label: Name
    hint: Text | None = None
    # The id of the next question, or of an outcome.
    next: RecordId


class Question(Record):
    record_kind: ClassVar[str] = "question"
    id: RecordId
    text: Text
    hint: Text | None = None
    options: list[Option] = Field(min_length=2)


class OutcomeRoute(Record):
    route: RecordId
    # Which case of the route fits, for a route that has cases.
    case: RecordId | None = None
    why: Text


class OutcomeLetter(Record):
    """The letter (content/letters/) for an outcome's first step, and the finder's answers it
    carries into the letter: {a choice field of the letter: the option the answers give}."""

    id: LetterId
    answers: dict[RecordId, RecordId] = {}


class Outcome(Record):
    record_kind: ClassVar[str] = "outcome"
    id: RecordId
    # The page's heading and title: the situation in a few words, so each page can be told apart.
    title: Name
    summary: Text
    situation: Situation = Situation()
    routes: list[OutcomeRoute] = Field(min_length=1)
    first_step: Text
    # Time limit ids (content/time-limits.yml); the time limits of its routes' cases are added.
    deadlines: list[TimeLimitId] = []
    # Proposed changes (content/proposed-changes.yml) that would touch this situation.
    proposals: list[ProposalId] = []
    # The letter for the first step, unless the first route starts with an official form.
    letter: OutcomeLetter | None = None


class YoungPeopleNote(Record):
    """Who acts for a young person aged 16 to 25: shown on outcomes with an appeal, a claim or
    mediation, where it changes who acts."""

    heading: Name
    points: list[Text] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class RouteFinder(Record):
    record_kind: ClassVar[str] = "route finder"
    start: RecordId
    # The most pages the finder may generate (one per path through the questions).
    page_budget: _number_at_most(MAX_PAGE_BUDGET, "each page is built and checked")
    young_people: YoungPeopleNote
    questions: list[Question] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)


class FinderAdditions(Record):
    """A council's own questions and outcomes, added to the national route finder."""

    questions: list[Question] = []
    outcomes: list[Outcome] = []
