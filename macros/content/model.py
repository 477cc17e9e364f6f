"""What the loader reads, checks and returns: the files of both layers as they pass through the
pipeline (RawLayers, CheckedFile, CheckedContent), and the checked records (Content,
LoadedContent)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from .. import layers, records
from ..errors import ContentMessage


@dataclass(frozen=True)
class Content:
    """Every record in content/, checked and cross-referenced."""

    site: records.SiteSettings
    # What the product does for accessibility (the accessibility statement's facts).
    accessibility: records.AccessibilityFacts
    providers: dict[str, records.Organization]
    disagreement_resolution: records.Service
    # In the order families should read them (each route's ``order``).
    routes: dict[str, records.Route]
    finder: records.RouteFinder
    forms: dict[str, records.RequestForm]
    time_limits: dict[str, records.TimeLimit]
    events: dict[str, records.Event]
    # The rules a deadline's working refers to, and the forms of the deadline page.
    counting_rules: records.CountingRules
    calculations: dict[str, records.Calculation]
    proposed_changes: records.ProposedChanges
    # How to send an appeal or claim to the tribunal, and what happens next.
    appeal_guide: records.AppealGuide
    # The national layer's version, and the providers this council binds to each role.
    national_version: str
    # When the law pack was last checked against its sources, and which sources.
    law_check: records.LawCheck
    roles: dict[str, list[str]]
    # The whole guide's pages in reading order ('routes/*': every route, in order).
    guide_order: list[str]
    # The letters a family can send (content/letters/), each role bound to the council's
    # providers, in the order of their titles.
    letters: dict[str, records.Letter] = field(default_factory=dict)
    # The pieces of law the content cites (national.yml legislation): a letter's "The law"
    # lists the sources that cite one of them.
    legislation: list[records.LegislationAddress] = field(default_factory=list)

    @property
    def send_team(self) -> str:
        """The id of the council's SEND team (the provider bound to the send-team role)."""
        return self.roles["send-team"][0]

    @property
    def accessibility_problems(self) -> list[records.KnownProblem]:
        """The known problems the accessibility statement lists: the product's, then the
        council's own."""
        return [*self.accessibility.known_problems, *self.site.accessibility.known_problems]

    def provider(self, provider_id: str) -> records.Organization:
        return self.providers[provider_id]

    def route(self, route_id: str) -> records.Route:
        return self.routes[route_id]

    def time_limit(self, time_limit_id: str) -> records.TimeLimit:
        return self.time_limits[time_limit_id]

    def forms_for_route(self, route_id: str) -> list[records.RequestForm]:
        return [form for form in self.forms.values() if route_id in form.routes]

    def letters_for_route(self, route_id: str) -> list[records.Letter]:
        return [letter for letter in self.letters.values() if route_id in letter.routes]

    def basis_sources(self, basis_id: str) -> list[records.Source]:
        """The sources of a letter's legal_basis id: a time limit's, or a route's."""
        if basis_id in self.time_limits:
            return [self.time_limit(basis_id).source]
        return list(self.route(basis_id).sources)

    def forms_for_case(self, route_id: str, case_id: str | None) -> list[records.RequestForm]:
        """The route's own forms, then the case's, each once."""
        case = self.route(route_id).case(case_id)
        ids = [f.id for f in self.forms_for_route(route_id)] + (case.forms if case else [])
        return [self.forms[form_id] for form_id in dict.fromkeys(ids)]


@dataclass(frozen=True)
class LoadedContent:
    content: Content
    warnings: list[ContentMessage] = field(default_factory=list)
    # Where each finder outcome is written (a council's own outcomes in the council's file), for
    # checks made after loading, such as the contradiction checks: {outcome id: message to fill}.
    outcome_places: dict[str, ContentMessage] = field(default_factory=dict)

    def problem_at_outcome(self, outcome_id: str, problem: str) -> ContentMessage:
        return dataclasses.replace(self.outcome_places[outcome_id], problem=problem)


@dataclass(frozen=True)
class CheckedFile:
    """One file after validation: its raw data (for line numbers) and its record."""

    display_name: str
    model: type[records.Record]
    data: object
    record: records.Record | None


# A folder's files as read: {id (the file name): (path, name shown in messages, raw data or
# None where the file could not be read)}.
FolderItems = dict[str, tuple[Path, str, object]]


@dataclass
class RawLayers:
    """Every file of both layers as raw data, before validation: None where a file could not be
    read (or, for a council's optional file, is not there)."""

    national: Path
    council: Path
    shown_national: str
    shown_council: str
    national_files: dict[str, object]
    council_files: dict[str, object]
    # {'routes': ..., 'forms': ..., 'letters': ...}, the national layer's files and the
    # council's own.
    folders: dict[str, FolderItems]


@dataclass
class CheckedContent:
    """Every file of both layers after validation, with what the checks between files need."""

    layers: RawLayers
    # The national files, and the council's site.yml and roles.yml, by file name. A council's
    # changes and additions are already in the national files they change or add to.
    files: dict[str, CheckedFile]
    # The council's own additions (layers.ADDED_LISTS: its providers.yml, and route-finder.yml
    # if it has one), each validated on its own.
    own_files: dict[str, CheckedFile]
    route_files: list[CheckedFile]
    form_files: list[CheckedFile]
    letter_files: list[CheckedFile]
    # Folders with a file that could not be read: their ids are not all known.
    unread_folders: set[str]
    today: date
    # The addresses of pages written by hand (docs/), or None when not checked.
    taken_addresses: dict[str, str] | None

    @property
    def every_file(self) -> list[CheckedFile]:
        return [
            *self.files.values(),
            *self.own_files.values(),
            *self.route_files,
            *self.form_files,
            *self.letter_files,
        ]

    def folder_files(self, subfolder: str) -> list[CheckedFile]:
        """The files of 'routes', 'forms' or 'letters', in either layer."""
        return {
            "routes": self.route_files,
            "forms": self.form_files,
            "letters": self.letter_files,
        }[subfolder]

    def record(self, name: str) -> records.Record | None:
        """The record of a national file (or site.yml, roles.yml), or None if it failed."""
        return self.files[name].record if name in self.files else None

    def folder_valid(self, subfolder: str) -> bool:
        files = self.folder_files(subfolder)
        return subfolder not in self.unread_folders and all(f.record is not None for f in files)

    def own_file_valid(self, name: str) -> bool:
        """The council's own file was read and is valid; an optional one may also be absent."""
        if self.layers.council_files[name] is None:
            return name == "route-finder.yml"
        return self.own_files[name].record is not None

    def valid_files(self) -> set[str]:
        """The names of what was read and is valid, as checks name what they need: a file of
        the national layer (or site.yml, roles.yml), 'council/<file>' for the council's own
        additions, and 'routes/', 'forms/' or 'letters/' for a whole folder."""
        valid = {name for name, file in self.files.items() if file.record is not None}
        valid |= {f"council/{n}" for n in layers.ADDED_LISTS if self.own_file_valid(n)}
        valid |= {f"{sub}/" for sub in ("routes", "forms", "letters") if self.folder_valid(sub)}
        return valid

    def folder_place(self, subfolder: str) -> str:
        """Where records of a folder may be written, for messages: either layer's folder."""
        shown_national, shown_council = self.layers.shown_national, self.layers.shown_council
        return f"{shown_national}/{subfolder}/ or {shown_council}/{subfolder}/"


def walk_records(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every record inside value, with its location."""
    if isinstance(value, BaseModel):
        yield loc, value
        for name in type(value).model_fields:
            yield from walk_records(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk_records(item, (*loc, index))
