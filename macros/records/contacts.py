"""How families reach an organisation (content/providers.yml, a council's site.yml).

Contact channels: each carries the date someone last checked it still works, and the page it was
read on (``source``: a national body's must have one, content.national_body_errors).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from .fields import (
    DayCode,
    EmailAddress,
    Name,
    Postcode,
    Record,
    RecordId,
    Text,
    Time,
    UkPhone,
    WebAddress,
    _problem,
)


class PhoneChannel(Record):
    number: UkPhone
    description: Text | None = None
    source: WebAddress | None = None
    last_checked: date


class EmailChannel(Record):
    address: EmailAddress
    source: WebAddress | None = None
    last_checked: date


class WebsiteChannel(Record):
    url: WebAddress
    # What the page is, where it is not the organisation's own site.
    description: Text | None = None
    source: WebAddress | None = None
    last_checked: date


class PostalAddress(Record):
    """A postal address as the page it was read on gives it: its lines, and its postcode only
    where that page gives one."""

    lines: list[Name] = Field(min_length=1)
    postcode: Postcode | None = None
    source: WebAddress | None = None
    last_checked: date


class WebPage(Record):
    """A page about the organisation families can read (GOV.UK's guide, a fact sheet)."""

    title: Name
    url: WebAddress
    last_checked: date


class Schedule(Record):
    """Opening hours, as in Open Referral UK: days (RFC 5545 codes) and times."""

    byday: list[DayCode] = Field(min_length=1)
    opens_at: Time
    closes_at: Time
    description: Text | None = None
    source: WebAddress | None = None
    last_checked: date

    @model_validator(mode="after")
    def _opens_before_closing(self) -> Schedule:
        if self.opens_at >= self.closes_at:
            raise _problem(
                f"expected opens_at before closes_at, found {self.opens_at} to {self.closes_at}"
            )
        return self


class Organization(Record):
    """An organisation families can contact (Open Referral UK: organization with its contacts)."""

    record_kind: ClassVar[str] = "provider"
    id: RecordId
    name: Name
    description: Text
    # What families can ask them for, one short statement each.
    help_with: list[Text] = []
    phones: list[PhoneChannel] = []
    email: EmailChannel | None = None
    website: WebsiteChannel | None = None
    address: PostalAddress | None = None
    schedules: list[Schedule] = []
    pages: list[WebPage] = []

    def can_be_contacted(self) -> bool:
        return bool(self.phones or self.email or self.website)


class NotedOrganization(Organization):
    """A national body as a council's pages show it: with the council's own notes about it
    (NationalNote). Made by the loader, never read from a file."""

    local_notes: list[Text] = []


class CouncilContact(Organization):
    """A council team families or visitors can contact (not a provider of a service)."""

    record_kind: ClassVar[str] = "contact"
