"""The records of content/providers.yml: the national bodies, or a council's own providers."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from .contacts import Organization
from .fields import NationalBodyId, Record, Text


class ProviderList(Record):
    providers: list[Organization] = Field(min_length=1)


class NationalNote(Record):
    """A council's own note about a national body, such as where the tribunal usually holds
    hearings for its area, shown on the body's contact card. A note cannot change the body's
    contact details: a change in changes.yml can."""

    record_kind: ClassVar[str] = "national note"
    provider: NationalBodyId = Field(description="The id of the national body the note is about.")
    note: Text
    last_checked: date = Field(
        description="The date someone last checked this note is right, as 2026-11-28."
    )


class CouncilProviderList(ProviderList):
    """A council's providers.yml: its own providers, and its notes about national bodies."""

    national_notes: list[NationalNote] = []
