"""The records of a council's content/site.yml: the council, its branding and accessibility
(its own part of the accessibility statement is in accessibility.py)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from .accessibility import AccessibilityStatement
from .contacts import CouncilContact
from .fields import Colour, Name, Record, Text, WebAddress


class Council(Record):
    name: Name = Field(description="The council's name, such as 'Example Council'.")
    local_offer_url: WebAddress = Field(
        title="Local Offer address", description="The address of the council's Local Offer."
    )
    site_address: WebAddress = Field(
        description="Where this guide will be published. Printed pages show their full address."
    )


class Branding(Record):
    colour: Colour = Field(
        description="The header colour, such as #1d4f91. It must be dark enough for white text "
        "(contrast at least 4.5:1)."
    )
    logo: Text = Field(description="The name of an SVG or PNG file in the council's folder.")


class SiteSettings(Record):
    record_kind: ClassVar[str] = "site"
    council: Council
    accessibility_contact: CouncilContact = Field(
        description="Who to contact if part of this site is hard to use."
    )
    accessibility: AccessibilityStatement
    branding: Branding
    last_reviewed: date = Field(
        description="The date someone last checked every page of this guide was right."
    )
    review_due: date = Field(
        description="When to check every page again. The build warns once this date has passed."
    )
