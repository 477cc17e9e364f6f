"""The records of a council's content/site.yml: the council, its branding and accessibility
(its own part of the accessibility statement is in accessibility.py)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from .accessibility import AccessibilityStatement
from .contacts import CouncilContact
from .fields import Colour, Name, Record, Text, WebAddress


class Council(Record):
    name: Name
    local_offer_url: WebAddress
    # Where this guide is published; printed pages show each page's full address.
    site_address: WebAddress


class Branding(Record):
    colour: Colour
    logo: Text


class SiteSettings(Record):
    record_kind: ClassVar[str] = "site"
    council: Council
    accessibility_contact: CouncilContact
    accessibility: AccessibilityStatement
    branding: Branding
    last_reviewed: date
    # When the guide must next be reviewed; the build warns once this date has passed.
    review_due: date
