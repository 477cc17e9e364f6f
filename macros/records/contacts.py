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

_LAST_CHECKED = "The date someone last checked this detail is right, as 2026-11-28."
_SOURCE = "The web page this detail was read on, if any."


class PhoneChannel(Record):
    number: UkPhone = Field(
        description="A UK phone number as families dial it, with spaces, such as 0113 496 0111."
    )
    description: Text | None = Field(
        None,
        description="What the number is for, such as 'Advice line', if it is not the main one.",
    )
    source: WebAddress | None = Field(None, description=_SOURCE)
    last_checked: date = Field(description=_LAST_CHECKED)


class EmailChannel(Record):
    address: EmailAddress = Field(
        title="Email address", description="An email address, such as send@example.org."
    )
    source: WebAddress | None = Field(None, description=_SOURCE)
    last_checked: date = Field(description=_LAST_CHECKED)


class WebsiteChannel(Record):
    url: WebAddress = Field(title="Web address", description="The web address, starting https://.")
    description: Text | None = Field(
        None, description="What the page is, where it is not the organisation's own site."
    )
    source: WebAddress | None = Field(None, description=_SOURCE)
    last_checked: date = Field(description=_LAST_CHECKED)


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

    byday: list[DayCode] = Field(
        min_length=1,
        title="Days",
        description="The days these hours are for: MO, TU, WE, TH, FR, SA, SU (Monday to Sunday).",
    )
    opens_at: Time = Field(description="When it opens, on the 24-hour clock, such as 09:00.")
    closes_at: Time = Field(description="When it closes, on the 24-hour clock, such as 17:00.")
    description: Text | None = Field(
        None, description="Anything else about these hours, such as 'Closed on bank holidays'."
    )
    source: WebAddress | None = Field(None, description=_SOURCE)
    last_checked: date = Field(description=_LAST_CHECKED)

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
    id: RecordId = Field(
        description="A short name for it in lower-case letters, numbers and hyphens, such as "
        "'together-trust'. Roles and routes name it by this id. Families do not see it."
    )
    name: Name = Field(description="Its name, as families will see it.")
    description: Text = Field(description="What it is and what it does, in a sentence or two.")
    help_with: list[Text] = Field(
        [], description="What families can ask them for, one short statement each."
    )
    phones: list[PhoneChannel] = Field([], description="Phone numbers, the main one first.")
    email: EmailChannel | None = None
    website: WebsiteChannel | None = None
    address: PostalAddress | None = None
    schedules: list[Schedule] = Field(
        [], title="Opening hours", description="When families can call or visit."
    )
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
