"""The records of the national layer's content/national/national.yml, and of a council's
roles.yml and changes.yml."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import Field

from .fields import Name, Record, RecordId, Text, WebAddress

# A version of the national layer: its year and month, such as 2026.12.
NationalVersion = Annotated[Text, Field(pattern=r"^20\d\d\.(0[1-9]|1[0-2])$")]


class Role(Record):
    """A local service that national content names by its role; each council says who does it."""

    record_kind: ClassVar[str] = "role"
    id: RecordId
    name: Name
    description: Text


class LawSource(Record):
    """A body of sources the law on the site was checked against, and when it was read."""

    name: Name
    url: WebAddress | None = None
    # The month its text was read, as 2026-12.
    read_in: Annotated[str, Field(pattern=r"^20\d\d-(0[1-9]|1[0-2])$")]


class LawCheck(Record):
    """When the law pack was last checked against its sources, and which sources."""

    checked_on: date
    sources: list[LawSource] = Field(min_length=1)


class OfficialPage(Record):
    """A page of an official body (GOV.UK, legislation.gov.uk, an ombudsman's own site)."""

    title: Name
    url: WebAddress


class LegislationAddress(Record):
    """Where a piece of law is published: a source whose citation begins with its title must
    give the address of the provision it cites, under this one (make check warns if not)."""

    title: Name
    url: WebAddress


class NationalLayer(Record):
    record_kind: ClassVar[str] = "national layer"
    version: NationalVersion
    law_check: LawCheck
    # The pieces of law sources cite, each with the address it is published at.
    legislation: list[LegislationAddress] = []
    roles: list[Role] = Field(min_length=1)
    # The whole guide's pages in reading order: addresses of pages in docs/ ('' is the home
    # page), and 'routes/*' for every route's page in the routes' own order.
    guide_order: list[Annotated[str, Field(pattern=r"^([a-z0-9-]+/)*(\*)?$")]] = Field(min_length=1)


# --- A council's roles.yml and changes.yml ---


class RoleBindings(Record):
    """Which of the council's providers does each role national content names."""

    national_version: NationalVersion = Field(
        description="The national layer's version this council last checked its roles and "
        "changes against, such as 2026.12."
    )
    # Each role used must have at least one provider: a role bound to none would leave pages
    # with nobody to contact.
    roles: dict[RecordId, Annotated[list[RecordId], Field(min_length=1)]] = Field(
        description="For each role the national content names, which of the council's providers "
        "(providers.yml) does it. Pages show the bound providers' contact details."
    )


class Change(Record):
    """One deliberate change a council makes to a national value, found by ids."""

    record_kind: ClassVar[str] = "change"
    target: Annotated[Text, Field(pattern=r"^[a-z0-9/-]+\.yml [a-z0-9_.-]+$")] = Field(
        description="A national file and a path of field names and ids, such as "
        "'route-finder.yml questions.decision.options.refuse-assess.next'."
    )
    national: object = Field(
        description="The national value this change replaces, as it was when the change was "
        "written. When a new national version changes it, the build warns."
    )
    value: object = Field(description="The council's value.")
    why: Text = Field(description="Why the council makes this change.")


class CouncilChanges(Record):
    changes: list[Change] = Field(min_length=1)
