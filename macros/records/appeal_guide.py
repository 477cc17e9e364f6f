"""The records of content/national/appeal-guide.yml: how to send an appeal or claim, and what
happens next.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from .fields import (
    Name,
    ProviderId,
    Record,
    RecordId,
    RouteId,
    Source,
    Text,
    TimeLimitId,
    _problem,
)
from .national import OfficialPage
from .time_limits import Fits, Situation


class GuidePoint(Record):
    """One statement on the appeal guide page (a step, where its part is numbered), with how
    long it takes (time limit ids: the law's, or usual times) and where it comes from."""

    record_kind: ClassVar[str] = "point"
    id: RecordId
    # A step's own heading, in a numbered part.
    title: Name | None = None
    text: Text
    time_limits: list[TimeLimitId] = []
    sources: list[Source] = Field(min_length=1)


class PaperForm(Record):
    """One of the tribunal's forms, by its name, and what it is for."""

    record_kind: ClassVar[str] = "paper form"
    id: RecordId
    name: Name
    use_for: Text


class GuidePart(Record):
    """A part of the appeal guide page, under its own heading, shown in this order: its
    introduction, time limits (linked to the deadline page where it works them out), points
    (numbered steps where ``numbered``), the tribunal's forms, what follows them (``after``),
    links to official pages and contact details."""

    record_kind: ClassVar[str] = "part"
    id: RecordId
    heading: Name
    intro: list[Text] = []
    time_limits: list[TimeLimitId] = []
    numbered: bool = False
    points: list[GuidePoint] = []
    forms: list[PaperForm] = []
    after: list[Text] = []
    links: list[OfficialPage] = []
    # Bodies whose contact details the part shows (the tribunal), or roles.
    contacts: list[ProviderId] = []
    # Where the introduction, the forms and what follows the points come from.
    sources: list[Source] = []


class NarrowFits(Fits):
    """Situations that name at least one fact: one that names none would fit every outcome."""

    @model_validator(mode="after")
    def _names_a_fact(self) -> NarrowFits:
        if all(getattr(self, fact) is None for fact in type(self).model_fields):
            raise _problem(
                "names no situation, so it would fit every outcome: give it appeal:, claim:, "
                "mediation: or plan:"
            )
        return self


class AppealGuide(Record):
    """The "How to appeal" page: how to send an appeal or a claim to the tribunal, and what
    happens next. Route pages (routes) and finder outcomes whose situation fits one of
    ``outcomes`` link to it."""

    record_kind: ClassVar[str] = "appeal guide"
    title: Name
    introduction: list[Text] = Field(min_length=1)
    # The words of the link to the page from routes and finder outcomes.
    link_text: Name
    routes: list[RouteId] = Field(min_length=1)
    outcomes: list[NarrowFits] = Field(min_length=1)
    # When the pages the sources cite were read.
    read_on: date
    parts: list[GuidePart] = Field(min_length=1)

    def links_from(self, situation: Situation) -> bool:
        """Whether a finder outcome in this situation links to the page."""
        return any(not fits.misfits(situation) for fits in self.outcomes)
