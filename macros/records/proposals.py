"""The records of content/proposed-changes.yml: proposals that are not law, shown as such."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from .fields import Name, Record, RecordId, Source, Text


class ProposedChange(Record):
    record_kind: ClassVar[str] = "proposal"
    id: RecordId
    title: Name
    text: Text
    status: Literal["proposed", "announced"]
    # When it was published or announced.
    published_on: date
    sources: list[Source] = Field(min_length=1)


class ProposedChanges(Record):
    record_kind: ClassVar[str] = "proposed changes"
    introduction: Text
    # When someone must check these again: make check warns in the last 30 days, and the build
    # fails once it has passed, so a page about proposals never goes stale unnoticed.
    review_by: date
    last_checked: date
    proposals: list[ProposedChange] = Field(min_length=1)
