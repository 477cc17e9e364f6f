"""Load and check everything in content/, once, into typed records.

``load_content(folder)`` is the only way in. It reads every file, validates each against its
record type, checks references between files, and either returns ``LoadedContent`` (the records
plus warnings) or raises ``ContentErrors`` listing every problem in every file. It knows nothing
about MkDocs, so it can be used by any site builder or checker.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import layers, records
from .citations import unlinked_law
from .contentfiles import unreadable_reason
from .errors import ContentErrors, ContentMessage, did_you_mean
from .finder import graph_problems, outcome_problems
from .logo import logo_problem
from .placeholders import placeholder_warnings
from .urls import ALL_ROUTES, form_url, route_url
from .yamlsource import LineDict, LineList, load_yaml_file

# The national layer (content/national/): the law, the same for every council. Each file and the
# record type it holds; order is the order problems are reported in.
NATIONAL_FILES: dict[str, type[records.Record]] = {
    "national.yml": records.NationalLayer,
    "providers.yml": records.ProviderList,
    "disagreement-resolution.yml": records.Service,
    "route-finder.yml": records.RouteFinder,
    "time-limits.yml": records.TimeLimitList,
    "proposed-changes.yml": records.ProposedChanges,
    "appeal-guide.yml": records.AppealGuide,
}
# A council's folder (content/councils/<name>/): only what is its own.
COUNCIL_FILES: dict[str, type[records.Record]] = {
    "site.yml": records.SiteSettings,
    # Its own providers, and its notes about national bodies (national_notes:).
    "providers.yml": records.CouncilProviderList,
    "roles.yml": records.RoleBindings,
}
# Files a council may add: its deliberate changes to national values, and its own questions and
# outcomes for the route finder.
COUNCIL_OPTIONAL_FILES: dict[str, type[records.Record]] = {
    "changes.yml": records.CouncilChanges,
    "route-finder.yml": records.FinderAdditions,
}
# Folders of records, one file each, named after the record's id, in either layer.
CONTENT_FOLDERS: dict[str, type[records.Record]] = {
    "routes": records.Route,
    "forms": records.RequestForm,
}

# Plain-English names for pydantic's error types, for "expected ..., found ..." messages.
_EXPECTED = {
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "int_type": "expected a whole number",
    "date_type": "expected a date written like 2026-11-28",
    "date_parsing": "expected a date written like 2026-11-28",
    "date_from_datetime_inexact": "expected a date written like 2026-11-28, without a time",
    "list_type": "expected a list (one item per line, each starting with '- ')",
    "model_type": "expected a group of fields (one 'name: value' per line)",
    "model_attributes_type": "expected a group of fields (one 'name: value' per line)",
    "dict_type": "expected a group of fields (one 'name: value' per line)",
}


@dataclass(frozen=True)
class Content:
    """Every record in content/, checked and cross-referenced."""

    site: records.SiteSettings
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

    @property
    def send_team(self) -> str:
        """The id of the council's SEND team (the provider bound to the send-team role)."""
        return self.roles["send-team"][0]

    def provider(self, provider_id: str) -> records.Organization:
        return self.providers[provider_id]

    def route(self, route_id: str) -> records.Route:
        return self.routes[route_id]

    def time_limit(self, time_limit_id: str) -> records.TimeLimit:
        return self.time_limits[time_limit_id]

    def forms_for_route(self, route_id: str) -> list[records.RequestForm]:
        return [form for form in self.forms.values() if route_id in form.routes]

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
class _CheckedFile:
    """One file after validation: its raw data (for line numbers) and its record."""

    display_name: str
    model: type[records.Record]
    data: object
    record: records.Record | None


# Contact details checked longer ago than this are listed as warnings.
STALE_AFTER_DAYS = 365


def service_field(service: records.Service, name: str) -> object:
    """A field of the disagreement resolution service by name, for a page's macro; a name it
    does not have is one clear line naming the fields it has, not an AttributeError."""
    fields = list(type(service).model_fields)
    if name not in fields:
        hint = did_you_mean(name, fields)
        raise ValueError(
            f"the disagreement resolution service has no field {name!r}{hint}; it has: "
            + ", ".join(fields)
        )
    return getattr(service, name)


# The national layer used for a council folder outside content/councils/.
PROJECT_NATIONAL = Path(__file__).resolve().parent.parent / "content" / "national"


def national_folder_for(council: Path) -> Path:
    """The national layer a council folder is read with: content/national/ beside
    content/councils/<name>/, or the project's own for a council folder kept elsewhere."""
    beside = Path(council).parent.parent / "national"
    return beside if beside.is_dir() else PROJECT_NATIONAL


def load_content(
    folder: Path,
    today: date | None = None,
    taken_addresses: dict[str, str] | None = None,
    national: Path | None = None,
) -> LoadedContent:
    """Load one council's folder on top of the national layer, or raise ContentErrors with every
    problem found in either.

    ``folder`` is the council's folder (content/councils/<name>/); ``national`` the national
    layer (by default content/national/, national_folder_for). Warnings (placeholders, unverified
    facts, contact details not checked for 12 months, a review date that has passed, a national
    value that changed under a council's change) are judged as of ``today``. ``taken_addresses``
    maps the addresses of pages written by hand (docs/) to their names: a route or form whose page
    would have the same address is an error.
    """
    council = Path(folder)
    national = Path(national) if national is not None else national_folder_for(council)
    today = today or date.today()
    shown_council, shown_national = display_folder(council), display_folder(national)
    if not council.is_dir():
        raise ContentErrors(
            [
                ContentMessage(
                    shown_council, 0, problem="expected a folder of content, found nothing"
                )
            ]
        )
    for folder, shown in ((council, shown_council), (national, shown_national)):
        if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
            raise ContentErrors(
                [
                    ContentMessage(
                        shown,
                        0,
                        problem="this folder cannot be read (permission denied): ask whoever "
                        "manages this computer to let you read it",
                    )
                ]
            )
    if not national.is_dir():
        raise ContentErrors(
            [
                ContentMessage(
                    shown_national,
                    0,
                    problem="expected the national layer (the law, the same for every council), "
                    "found nothing",
                )
            ]
        )
    errors: list[ContentMessage] = []
    early_warnings: list[ContentMessage] = []
    errors += _stray_files(national, NATIONAL_FILES, shown_national)
    errors += _stray_files(council, {**COUNCIL_FILES, **COUNCIL_OPTIONAL_FILES}, shown_council)
    errors += wrong_extension_messages(national, shown_national)
    errors += wrong_extension_messages(council, shown_council)

    # Raw data first, so a council's changes and additions land before anything is validated.
    national_raw, council_raw, folder_raw = _read_layers(
        national, council, shown_national, shown_council, errors
    )

    # The council's changes, in place of the national values they name.
    checked: dict[str, _CheckedFile] = {}
    changes_file = None
    if council_raw["changes.yml"] is not None:
        changes_file = _validate(
            f"{shown_council}/changes.yml",
            records.CouncilChanges,
            council_raw["changes.yml"],
            errors,
        )
    if changes_file is not None and changes_file.record is not None:
        documents = {n: d for n, d in national_raw.items() if isinstance(d, LineDict)}
        for subfolder, items in folder_raw.items():
            for stem, (path, _, data) in items.items():
                if isinstance(data, LineDict) and path.is_relative_to(national):
                    documents[f"{subfolder}/{stem}.yml"] = data
        change_list = typing.cast(LineDict, changes_file.data)["changes"]
        change_errors, change_warnings = layers.apply_changes(
            change_list, documents, shown_national
        )
        errors += change_errors
        early_warnings += change_warnings

    # The council's own questions, outcomes and providers, after the national ones.
    own_files = {}
    for name in ("route-finder.yml", "providers.yml"):
        model = COUNCIL_OPTIONAL_FILES.get(name) or COUNCIL_FILES[name]
        data = council_raw[name]
        if data is None:
            continue
        own_files[name] = _validate(f"{shown_council}/{name}", model, data, errors)
        if isinstance(data, LineDict) and isinstance(national_raw[name], LineDict):
            layers.append_items(national_raw[name], data, layers.ADDED_LISTS[name])

    for name, model in NATIONAL_FILES.items():
        if national_raw[name] is not None:
            checked[name] = _validate(f"{shown_national}/{name}", model, national_raw[name], errors)
    for name in ("site.yml", "roles.yml"):
        if council_raw[name] is not None:
            checked[name] = _validate(
                f"{shown_council}/{name}", COUNCIL_FILES[name], council_raw[name], errors
            )

    folder_files: dict[str, list[_CheckedFile]] = {}
    # Folders with a file that could not be read: their ids are not all known.
    unread_folders: set[str] = set()
    for subfolder, model in CONTENT_FOLDERS.items():
        folder_files[subfolder] = files = []
        for stem, (_, shown, data) in sorted(folder_raw[subfolder].items()):
            if data is None:
                unread_folders.add(subfolder)
                continue
            checked_file = _validate(shown, model, data, errors)
            files.append(checked_file)
            record = checked_file.record
            if record is not None and record.id != stem:
                errors.append(
                    _message(
                        checked_file,
                        ("id",),
                        f"expected the id to be the file name {stem!r}, found {record.id!r}",
                    )
                )
            address = (route_url if subfolder == "routes" else form_url)(stem)
            if record is not None and address in (taken_addresses or {}):
                errors.append(
                    _message(
                        checked_file,
                        ("id",),
                        f"its page would be at {address}, which is already the address of "
                        f"{taken_addresses[address]}: choose another id (and file name)",
                    )
                )
    route_files, form_files = folder_files["routes"], folder_files["forms"]
    if not route_files:
        errors.append(
            ContentMessage(
                f"{shown_national}/routes/",
                0,
                problem="expected a folder with one file per route, found no route files",
            )
        )

    records_by_file = {name: f.record for name, f in checked.items() if f.record is not None}
    for file in [*checked.values(), *own_files.values(), *route_files, *form_files]:
        errors.extend(_duplicate_ids(file))
        errors.extend(_repeated_references(file))
    for file in form_files:
        errors.extend(_duplicate_field_ids(file))
    folders_valid = not unread_folders and all(
        f.record is not None for f in [*route_files, *form_files]
    )
    expected = {*NATIONAL_FILES, "site.yml", "roles.yml"}
    # References are checked only when the files they point into were read: a file that does
    # not parse would otherwise add an "unknown id" for every id it holds.
    own_valid = all(f.record is not None for f in own_files.values())
    all_valid = (
        set(records_by_file) == expected
        and folders_valid
        and own_valid
        and council_raw["providers.yml"] is not None
    )
    providers_valid = (
        council_raw["providers.yml"] is not None and own_files["providers.yml"].record is not None
    )
    known = _known_ids(checked, route_files, form_files, providers_valid, unread_folders)
    places = {
        "role": f"{shown_national}/national.yml",
        "route": _either_folder(shown_national, shown_council, "routes"),
        "form": _either_folder(shown_national, shown_council, "forms"),
        "time limit": f"{shown_national}/time-limits.yml",
        "national body": f"{shown_national}/providers.yml",
    }
    errors.extend(
        _reference_errors(
            [*checked.values(), *own_files.values(), *route_files, *form_files], known, places
        )
    )
    if "provider" in known and "roles.yml" in records_by_file:
        errors.extend(_role_errors(checked, route_files, form_files))
    if all_valid:
        errors.extend(_finder_errors(checked, route_files, places["route"]))
    if "national.yml" in records_by_file and taken_addresses is not None:
        errors.extend(_guide_order_errors(checked["national.yml"], taken_addresses))
    if "site.yml" in records_by_file:
        errors.extend(_logo_errors(checked["site.yml"], council))
    if "proposed-changes.yml" in records_by_file:
        errors.extend(_review_by_passed(checked["proposed-changes.yml"], today))
    if "time-limits.yml" in records_by_file:
        errors.extend(_calculation_errors(checked["time-limits.yml"]))
    if "providers.yml" in records_by_file:
        errors.extend(national_body_errors(checked["providers.yml"]))
    if errors:
        raise ContentErrors(errors)

    council_providers = typing.cast(records.CouncilProviderList, own_files["providers.yml"].record)
    content = _make_content(
        records_by_file, route_files, form_files, council_providers.national_notes
    )
    national_layer = typing.cast(records.NationalLayer, records_by_file["national.yml"])
    warnings = list(early_warnings)
    warnings += _national_version_warnings(checked["roles.yml"], national_layer)
    for file in [*checked.values(), *own_files.values(), *route_files, *form_files]:
        warnings.extend(_unverified_source_warnings(file))
        warnings.extend(
            _message(file, loc, problem)
            for loc, problem in unlinked_law(file.record, national_layer.legislation)
        )
        warnings.extend(_stale_warnings(file, today))
        warnings.extend(_period_warnings(file))
        warnings.extend(_review_by_warnings(file, today))
        warnings.extend(
            _message(file, loc, problem) for loc, problem in placeholder_warnings(file.record)
        )
    finder_file = checked["route-finder.yml"]
    outcome_places = {
        outcome.id: _message(finder_file, ("outcomes", index), "")
        for index, outcome in enumerate(content.finder.outcomes)
    }
    return LoadedContent(
        content=content, warnings=sorted(set(warnings)), outcome_places=outcome_places
    )


def _read_layers(
    national: Path,
    council: Path,
    shown_national: str,
    shown_council: str,
    errors: list[ContentMessage],
) -> tuple[dict[str, object], dict[str, object], dict[str, dict[str, tuple[Path, str, object]]]]:
    """Every file of both layers as raw data (None where it could not be read), adding each
    reading problem to ``errors``: the national files, the council's, and each folder's files
    by id (a council's route or form with a national one's id is refused here)."""

    def read(path: Path, display_name: str, in_council: bool, required: bool = True) -> object:
        if not required and not path.exists() and not path.is_symlink():
            return None
        folder, shown_folder = (
            (council, shown_council) if in_council else (national, shown_national)
        )
        unreadable = unreadable_reason(path, folder, shown_folder)
        if unreadable is not None:
            errors.append(ContentMessage(display_name, 0, problem=unreadable))
            return None
        loaded = load_yaml_file(path, display_name)
        errors.extend(loaded.problems)
        return loaded.data

    national_raw = {n: read(national / n, f"{shown_national}/{n}", False) for n in NATIONAL_FILES}
    council_raw = {n: read(council / n, f"{shown_council}/{n}", True) for n in COUNCIL_FILES}
    council_raw |= {
        n: read(council / n, f"{shown_council}/{n}", True, required=False)
        for n in COUNCIL_OPTIONAL_FILES
    }
    folder_raw: dict[str, dict[str, tuple[Path, str, object]]] = {}
    for subfolder in CONTENT_FOLDERS:
        national_items = {
            p.stem: (p, f"{shown_national}/{subfolder}/{p.name}")
            for p in _yaml_files(national / subfolder)
        }
        folder_raw[subfolder] = {}
        for stem, (path, shown) in national_items.items():
            folder_raw[subfolder][stem] = (path, shown, read(path, shown, False))
        for layer, shown_layer in ((national, shown_national), (council, shown_council)):
            wrong = wrong_extension_messages(layer / subfolder, f"{shown_layer}/{subfolder}")
            errors.extend(wrong)
            for message in wrong:
                # A file not read: the folder's ids are not all known (no "unknown id" errors).
                stem = Path(message.file).stem
                folder_raw[subfolder].setdefault(stem, (Path(message.file), message.file, None))
        for path in _yaml_files(council / subfolder):
            shown = f"{shown_council}/{subfolder}/{path.name}"
            if path.stem in national_items:
                errors.append(
                    ContentMessage(
                        shown,
                        1,
                        problem=f"the national layer already has this {subfolder[:-1]} "
                        f"({national_items[path.stem][1]}): give yours another id (and file "
                        "name), or change the national one in changes.yml",
                    )
                )
                continue
            folder_raw[subfolder][path.stem] = (path, shown, read(path, shown, True))

    return national_raw, council_raw, folder_raw


def _make_content(
    records_by_file: dict[str, records.Record],
    route_files: list[_CheckedFile],
    form_files: list[_CheckedFile],
    national_notes: list[records.NationalNote],
) -> Content:
    """The checked records as one Content, with each role bound to the council's providers and
    the council's notes on the national bodies they are about."""
    bindings = typing.cast(records.RoleBindings, records_by_file["roles.yml"]).roles

    def bound(record):
        return layers.bind_roles(record, bindings)

    provider_list = typing.cast(records.ProviderList, records_by_file["providers.yml"])
    time_limit_list = typing.cast(records.TimeLimitList, records_by_file["time-limits.yml"])
    routes = sorted(
        (typing.cast(records.Route, bound(f.record)) for f in route_files),
        key=lambda r: (r.order, r.id),
    )
    national_layer = typing.cast(records.NationalLayer, records_by_file["national.yml"])
    return Content(
        site=typing.cast(records.SiteSettings, records_by_file["site.yml"]),
        providers=with_notes(provider_list.providers, national_notes),
        disagreement_resolution=typing.cast(
            records.Service, bound(records_by_file["disagreement-resolution.yml"])
        ),
        routes={route.id: route for route in routes},
        finder=typing.cast(records.RouteFinder, records_by_file["route-finder.yml"]),
        forms={
            form.id: form
            for form in (typing.cast(records.RequestForm, bound(f.record)) for f in form_files)
        },
        time_limits={t.id: t for t in time_limit_list.time_limits},
        events={e.id: e for e in time_limit_list.events},
        counting_rules=time_limit_list.counting_rules,
        calculations={c.id: c for c in time_limit_list.calculations},
        proposed_changes=typing.cast(
            records.ProposedChanges, records_by_file["proposed-changes.yml"]
        ),
        appeal_guide=typing.cast(records.AppealGuide, bound(records_by_file["appeal-guide.yml"])),
        national_version=national_layer.version,
        law_check=national_layer.law_check,
        guide_order=list(national_layer.guide_order),
        roles={role.id: bindings.get(role.id, []) for role in national_layer.roles},
    )


def with_notes(
    providers: list[records.Organization], notes: list[records.NationalNote]
) -> dict[str, records.Organization]:
    """Each provider by id; a national body the council wrote notes about, with its notes."""
    by_body: dict[str, list[str]] = {}
    for note in notes:
        by_body.setdefault(note.provider, []).append(note.note)
    return {
        p.id: records.NotedOrganization(**dict(p), local_notes=by_body[p.id])
        if p.id in by_body
        else p
        for p in providers
    }


# The contact details of a national body that must each give the page they were read on (a
# website is its own source, and a web page is one).
_SOURCED_CHANNELS = (
    records.PhoneChannel,
    records.EmailChannel,
    records.PostalAddress,
    records.Schedule,
)


def national_bodies(providers_file: _CheckedFile) -> list[tuple[int, records.Organization]]:
    """The national layer's own bodies in content/national/providers.yml, with their places in
    its list (a council's providers are added to the same list, after them)."""
    record = typing.cast(records.ProviderList, providers_file.record)
    items = typing.cast(LineDict, providers_file.data)["providers"]
    return [
        (index, provider)
        for index, provider in enumerate(record.providers)
        if items.item_source(index) == providers_file.display_name
    ]


def national_body_errors(providers_file: _CheckedFile) -> list[ContentMessage]:
    """Every national body has a way to contact it, and each contact detail gives the official
    page it was read on, so a family is never sent to a number nobody can trace."""
    problems = []
    for index, body in national_bodies(providers_file):
        at = ("providers", index)
        if not body.can_be_contacted():
            problems.append(
                _message(
                    providers_file,
                    at,
                    "a national body needs a way to contact it: give it phones:, email: or "
                    "website:, read on GOV.UK or the body's own site",
                )
            )
        for loc, channel in _walk_records(body, at):
            if isinstance(channel, _SOURCED_CHANNELS) and channel.source is None:
                problems.append(
                    _message(
                        providers_file,
                        (*loc, "source"),
                        "expected the address of the page this was read on (GOV.UK or the "
                        "body's own site), found nothing: each contact detail of a national "
                        "body gives its source",
                    )
                )
    return problems


def _either_folder(shown_national: str, shown_council: str, subfolder: str) -> str:
    return f"{shown_national}/{subfolder}/ or {shown_council}/{subfolder}/"


def _stray_files(folder: Path, expected: dict, shown_folder: str) -> list[ContentMessage]:
    problems = []
    for stray in _yaml_files(folder):
        if stray.name not in expected:
            close = difflib.get_close_matches(stray.name, expected, n=1)
            hint = f": did you mean {close[0]!r}?" if close else "."
            problems.append(
                ContentMessage(
                    f"{shown_folder}/{stray.name}",
                    1,
                    problem=(
                        f"unexpected content file{hint} Expected one of: {', '.join(expected)}"
                    ),
                )
            )
    return problems


def _validate(
    display_name: str, model: type[records.Record], data: object, errors: list[ContentMessage]
) -> _CheckedFile:
    record, problems = validate_record(model, data, display_name)
    errors.extend(problems)
    return _CheckedFile(display_name, model, data, record)


def _guide_order_errors(
    national_file: _CheckedFile, docs_pages: dict[str, str]
) -> list[ContentMessage]:
    """Each page in the guide's reading order must be a page written in docs/, or routes/*."""
    order = typing.cast(records.NationalLayer, national_file.record).guide_order
    known = sorted(docs_pages)
    problems = []
    for index, address in enumerate(order):
        if address == ALL_ROUTES or address in docs_pages:
            continue
        hint = did_you_mean(address, known)
        problems.append(
            _message(
                national_file,
                ("guide_order", index),
                f"expected the address of a page in docs/ or routes/*{hint}, found {address!r}",
            )
        )
    return problems


def _national_version_warnings(
    roles_file: _CheckedFile, national_layer: records.NationalLayer
) -> list[ContentMessage]:
    """A council that last checked its changes against an older national version is told."""
    written_for = typing.cast(records.RoleBindings, roles_file.record).national_version
    if written_for == national_layer.version:
        return []
    return [
        _message(
            roles_file,
            ("national_version",),
            f"this council was last checked against national version {written_for}; the "
            f"national layer is now {national_layer.version}: read its changes, check "
            f"changes.yml and roles.yml still fit, then set national_version: "
            f"{national_layer.version}",
        )
    ]


def _role_errors(
    checked: dict[str, _CheckedFile], route_files: list, form_files: list
) -> list[ContentMessage]:
    """Each role a council binds exists; each role content names is bound; bound ids are
    providers; a provider's id is not a role's."""
    national_file = checked["national.yml"]
    roles_file = checked["roles.yml"]
    role_ids = [r.id for r in typing.cast(records.NationalLayer, national_file.record).roles]
    bindings = typing.cast(records.RoleBindings, roles_file.record).roles
    providers_file = checked["providers.yml"]
    provider_ids = [
        p.id for p in typing.cast(records.ProviderList, providers_file.record).providers
    ]
    problems = []
    for role_id, provider_ids_bound in bindings.items():
        if role_id not in role_ids:
            hint = did_you_mean(role_id, role_ids)
            problems.append(
                _message(
                    roles_file,
                    ("roles", role_id),
                    f"expected a role in {national_file.display_name}{hint}, one of: "
                    f"{', '.join(role_ids)}; found {role_id!r}",
                )
            )
        for index, provider_id in enumerate(provider_ids_bound):
            if provider_id not in provider_ids:
                hint = did_you_mean(provider_id, provider_ids)
                problems.append(
                    _message(
                        roles_file,
                        ("roles", role_id, index),
                        f"expected the id of a provider in providers.yml{hint}, found "
                        f"{provider_id!r}",
                    )
                )
    for index, provider_id in enumerate(provider_ids):
        if provider_id in role_ids:
            problems.append(
                _message(
                    providers_file,
                    ("providers", index, "id"),
                    f"{provider_id!r} is the id of a role in {national_file.display_name}: give "
                    "the provider another id, and bind the role to it in roles.yml",
                )
            )
    first_use: dict[str, ContentMessage] = {}
    for file in [*checked.values(), *route_files, *form_files]:
        for loc, kind, provider_id in layers.references(file.record):
            if kind == "provider" and provider_id in role_ids and provider_id not in bindings:
                place = _message(file, loc, "")
                first_use.setdefault(provider_id, place)
    for role_id, place in sorted(first_use.items()):
        problems.append(
            _message(
                roles_file,
                ("roles",),
                f"the role {role_id!r} is not bound to a provider, and {place.file}:{place.line} "
                f"needs it: add '{role_id}: [the id of your provider]' under roles:",
            )
        )
    return problems


def _is_editor_file(name: str) -> bool:
    """Lock, backup and swap files that editors leave beside the files they have open:
    '.#mediation.yml' (Emacs), '#mediation.yml#', 'mediation.yml~', '.mediation.yml.swp'."""
    return name.startswith((".", "#")) or name.endswith("~")


def _yaml_files(folder: Path) -> list[Path]:
    """The content files in a folder, in name order, without editors' lock and backup files.
    Files ending .yaml are not read (wrong_extension_messages names each one)."""
    return sorted(p for p in folder.glob("*.yml") if not _is_editor_file(p.name))


def wrong_extension_messages(folder: Path, shown: str) -> list[ContentMessage]:
    """A content file ending .yaml is not read: one message each, naming its .yml twin if it
    has one (a copy that would otherwise be dropped without a word)."""
    messages = []
    for path in sorted(folder.glob("*.yaml")):
        if _is_editor_file(path.name):
            continue
        twin = path.with_suffix(".yml")
        if twin.exists():
            problem = (
                f"both {twin.name} and {path.name} are here, and only {twin.name} is read: "
                "keep one of them, named .yml"
            )
        else:
            problem = f"content files end in .yml, so this one is not read: rename it {twin.name}"
        messages.append(ContentMessage(f"{shown}/{path.name}", 0, problem=problem))
    return messages


def check_file(path: Path, display_name: str) -> list[ContentMessage]:
    """Every problem in one content file on its own (no references to other files), for an
    editor's quick check and for the property-based tests."""
    in_national = (path.parent / "national.yml").is_file() or (
        path.parent.parent / "national.yml"
    ).is_file()
    layer = NATIONAL_FILES if in_national else {**COUNCIL_FILES, **COUNCIL_OPTIONAL_FILES}
    model = layer.get(path.name) or CONTENT_FOLDERS.get(path.parent.name)
    if model is None:
        return [ContentMessage(display_name, 0, problem="expected a content file")]
    problems: list[ContentMessage] = []
    _read_and_validate(path, display_name, model, problems)
    return problems


def _read_and_validate(
    path: Path, display_name: str, model: type[BaseModel], errors: list[ContentMessage]
) -> _CheckedFile | None:
    """Read one file and check it against its model, adding its problems to ``errors``.

    None when the file could not be read as YAML at all.
    """
    loaded = load_yaml_file(path, display_name)
    errors.extend(loaded.problems)
    if loaded.data is None:
        return None
    record, problems = validate_record(model, loaded.data, display_name)
    errors.extend(problems)
    return _CheckedFile(display_name, model, loaded.data, record)


def validate_record(
    model: type[records.Record], data: object, display_name: str
) -> tuple[records.Record | None, list[ContentMessage]]:
    """Validate raw YAML data against a record type; return the record or the problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        file = _CheckedFile(display_name, model, data, None)
        problems = {}
        for detail in error.errors(include_url=False):
            message = _message(file, tuple(detail["loc"]), _describe(detail, file))
            # One message per field: a bad value can fail more than one rule.
            problems.setdefault((message.line, message.record, message.field), message)
        return None, list(problems.values())


def _describe(detail: dict, file: _CheckedFile) -> str:
    kind = detail["type"]
    loc = tuple(detail["loc"])
    if kind == "content":
        return detail["msg"]
    if kind == "missing":
        return "expected a value, found nothing: this field is required"
    if kind == "extra_forbidden":
        parent = _model_at(file.model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f": did you mean {close[0]!r}?" if close else "."
        return f"unknown field {loc[-1]!r}{hint} Expected one of: {', '.join(known)}"
    found = _found(file.data, loc)
    if kind == "literal_error":
        expected = detail["ctx"]["expected"].replace("'", "")
        return f"expected one of: {expected}, found {found}"
    if kind == "too_short":
        return f"expected at least {detail['ctx']['min_length']} item(s), found {found}"
    expected = _EXPECTED.get(kind, detail["msg"])
    if kind.startswith("date") and re.fullmatch(r"'\d{4}-\d{2}-\d{2}'", found):
        return f"{expected}, found {found}, which is not a real date"
    if kind == "string_type" and isinstance(_value_at(file.data, loc), (int, float)):
        # Same wording as for digits PyYAML kept as text (records._not_yaml_surprise).
        written = found.strip("'")
        return (
            f"{expected}, found {written} without quotes: YAML may read it as a number and drop "
            f"a leading 0, so put it in quotes ('{written}')"
        )
    return f"{expected}, found {found}"


def _value_at(data: object, loc: tuple) -> object:
    value = data
    for part in loc:
        in_dict = isinstance(value, dict) and part in value
        in_list = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if not (in_dict or in_list):
            return None
        value = value[part]
    return value


def _found(data: object, loc: tuple) -> str:
    """The value at loc as the author wrote it, for 'found ...'."""
    raw, value = None, data
    for part in loc:
        if isinstance(value, LineDict) and part in value:
            raw, value = value.raw.get(part), value[part]
        elif isinstance(value, LineList) and isinstance(part, int) and part < len(value):
            raw, value = value.raw[part], value[part]
        else:
            break
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "an empty list" if not value else f"a list of {len(value)}"
    if value is None:
        return "nothing"
    if raw is not None:
        return repr(raw)
    return repr(str(value))


def _message(file: _CheckedFile, loc: tuple, problem: str) -> ContentMessage:
    """Place a problem at the line of the deepest part of loc that exists in the file."""
    data, model = file.data, file.model
    line = getattr(data, "line", 1)
    record_label = ""
    if model.record_kind:
        top_id = data.get("id") if isinstance(data, LineDict) else None
        record_label = (
            f"{model.record_kind} {top_id!r}" if isinstance(top_id, str) else model.record_kind
        )
    field_start = 0
    # A value a council changed or added names the council's file, not the national one.
    shown_file = getattr(data, "source", file.display_name)
    for index, part in enumerate(loc):
        if isinstance(data, LineDict) and isinstance(part, str):
            if part not in data:
                break
            shown_file = data.key_source(part)
            line, data = data.key_lines[part], data[part]
            model = _field_model(model, part)
        elif isinstance(data, LineList) and isinstance(part, int) and part < len(data):
            shown_file = data.item_source(part)
            line, data = data.item_lines[part], data[part]
        else:
            break
        if (
            model is not None
            and model.record_kind
            and isinstance(data, LineDict)
            and isinstance(data.get("id"), str)
        ):
            record_label = f"{model.record_kind} {data['id']!r}"
            field_start = index + 1
    field_path = ".".join(
        str(part + 1) if isinstance(part, int) else str(part) for part in loc[field_start:]
    )
    return ContentMessage(shown_file, line, record=record_label, field=field_path, problem=problem)


def _field_model(model: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    """The record type held by field ``name`` (looking inside lists and optionals)."""
    if model is None or name not in model.model_fields:
        return None
    return _model_in(model.model_fields[name].annotation)


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, str):
            current = _field_model(current, part)
    return current


def _walk_records(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every record inside value, with its location."""
    if isinstance(value, BaseModel):
        yield loc, value
        for name in type(value).model_fields:
            yield from _walk_records(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk_records(item, (*loc, index))


def _duplicate_ids(file: _CheckedFile) -> list[ContentMessage]:
    if file.record is None:
        return []
    problems = []
    for loc, record in _walk_records(file.record):
        for name in type(record).model_fields:
            items = getattr(record, name)
            if not isinstance(items, list):
                continue
            first_seen: dict[str, int] = {}
            for index, item in enumerate(items):
                item_id = getattr(item, "id", None)
                if item_id is None:
                    continue
                if item_id in first_seen:
                    earlier = _message(file, (*loc, name, first_seen[item_id]), "")
                    here = _message(file, (*loc, name, index, "id"), "")
                    # A council's record with a national record's id names the national file.
                    where = f"line {earlier.line}"
                    if earlier.file != here.file:
                        where = f"line {earlier.line} of {earlier.file}"
                    problems.append(
                        _message(
                            file,
                            (*loc, name, index, "id"),
                            f"duplicate id {item_id!r}: it is already used on {where}",
                        )
                    )
                else:
                    first_seen[item_id] = index
    return problems


def _repeated_references(file: _CheckedFile) -> list[ContentMessage]:
    """An id named twice in one list (a route in an outcome, a recipient of a form): an error
    at the second, which a page would otherwise show twice. In a list of records (an outcome's
    routes), two records naming the same ids in every reference field are the repeat."""
    if file.record is None:
        return []
    lists: dict[tuple, dict[object, tuple]] = {}
    problems = []
    by_item: dict[tuple, list[tuple[tuple, str]]] = {}
    for loc, kind, record_id in layers.references(file.record):
        if isinstance(loc[-1], int):  # an id in a list of ids
            seen = lists.setdefault(loc[:-1], {})
            if record_id in seen:
                earlier = _message(file, seen[record_id], "")
                problems.append(
                    _message(
                        file,
                        loc,
                        f"{kind} {record_id!r} is named twice in this list (first on line "
                        f"{earlier.line}): keep one",
                    )
                )
            else:
                seen[record_id] = loc
        elif len(loc) >= 2 and isinstance(loc[-2], int):  # a field of a record in a list
            by_item.setdefault(loc[:-1], []).append((loc[-1], record_id))
    for item_loc, fields in by_item.items():
        seen = lists.setdefault(item_loc[:-1], {})
        key = tuple(sorted(fields))
        if key in seen:
            earlier = _message(file, seen[key], "")
            names = ", ".join(f"{field} {value!r}" for field, value in key)
            problems.append(
                _message(
                    file,
                    item_loc,
                    f"{names} is named twice in this list (first on line {earlier.line}): keep one",
                )
            )
        else:
            seen[key] = item_loc
    return problems


def _known_ids(
    checked: dict[str, _CheckedFile],
    route_files: list[_CheckedFile],
    form_files: list[_CheckedFile],
    providers_valid: bool,
    unread_folders: set[str],
) -> dict[str, list[str]]:
    """The ids of each kind of record, for each kind whose files were all read and valid: a
    kind whose file failed is left out, so its problems are not repeated as unknown ids."""

    def record(name: str):
        return checked[name].record if name in checked else None

    known: dict[str, list[str]] = {}
    if record("providers.yml") is not None:
        known["national body"] = [body.id for _, body in national_bodies(checked["providers.yml"])]
    national_layer = record("national.yml")
    if providers_valid and record("providers.yml") is not None and national_layer is not None:
        providers = typing.cast(records.ProviderList, record("providers.yml")).providers
        roles = typing.cast(records.NationalLayer, national_layer).roles
        known["provider"] = [p.id for p in providers] + [r.id for r in roles]
    if record("time-limits.yml") is not None:
        limits = typing.cast(records.TimeLimitList, record("time-limits.yml"))
        known["time limit"] = [t.id for t in limits.time_limits]
        known["event"] = [e.id for e in limits.events]
    if "routes" not in unread_folders and all(f.record is not None for f in route_files):
        known["route"] = [typing.cast(records.Route, f.record).id for f in route_files]
    if "forms" not in unread_folders and all(f.record is not None for f in form_files):
        known["form"] = [typing.cast(records.RequestForm, f.record).id for f in form_files]
    if record("proposed-changes.yml") is not None:
        proposals = typing.cast(records.ProposedChanges, record("proposed-changes.yml"))
        known["proposal"] = [p.id for p in proposals.proposals]
    return known


def _reference_errors(
    files: list[_CheckedFile], known: dict[str, list[str]], places: dict[str, str]
) -> list[ContentMessage]:
    """Every reference in every valid file to an id of its kind that does not exist.

    One walk finds the references, from the fields the records declare (records.Reference);
    ``places`` says where each kind's ids are written, for the message.
    """
    problems = []
    for file in files:
        if file.record is None:
            continue
        for loc, kind, value in layers.references(file.record):
            ids = known.get(kind)
            if ids is None or value in ids:
                continue
            hint = did_you_mean(value, ids)
            if kind == "provider":
                expected = f"a provider (providers.yml) or a role ({places['role']}){hint}, "
                expected += f"one of: {', '.join(ids)};"
            elif kind in ("route", "national body"):
                expected = f"a {kind} in {places[kind]}{hint}, one of: {', '.join(ids)};"
            elif kind == "event":
                expected = f"an event in the events: list{hint},"
            elif kind == "proposal":
                expected = f"a proposed change in proposed-changes.yml{hint},"
            else:
                expected = f"a {kind} in {places[kind]}{hint},"
            problems.append(_message(file, loc, f"expected the id of {expected} found {value!r}"))
    return problems


def _finder_errors(
    checked: dict[str, _CheckedFile], route_files: list[_CheckedFile], routes_folder: str
) -> list[ContentMessage]:
    """The route finder's graph, and whether each outcome's cards fit its situation."""
    finder_file = checked["route-finder.yml"]
    finder = typing.cast(records.RouteFinder, finder_file.record)
    route_ids = [typing.cast(records.Route, f.record).id for f in route_files]
    problems = [
        _message(finder_file, loc, problem)
        for loc, problem in graph_problems(finder, route_ids, routes_folder)
    ]
    routes = {typing.cast(records.Route, f.record).id: f.record for f in route_files}
    time_limit_list = typing.cast(records.TimeLimitList, checked["time-limits.yml"].record)
    problems += [
        _message(finder_file, loc, problem)
        for loc, problem in outcome_problems(
            finder,
            typing.cast(dict[str, records.Route], routes),
            {t.id: t for t in time_limit_list.time_limits},
        )
    ]
    return problems


def _calculation_errors(file: _CheckedFile) -> list[ContentMessage]:
    """Each calculation on the deadline page must be able to work out its time limits: each
    period counts from one of its dates, and in days, weeks, months or working days (school
    days are the school's own), and its first date, the one every deadline needs, is required.
    """
    time_limit_list = typing.cast(records.TimeLimitList, file.record)
    limits = {limit.id: limit for limit in time_limit_list.time_limits}
    problems = []
    for c_index, calculation in enumerate(time_limit_list.calculations):
        loc = ("calculations", c_index)
        asked = [question.event for question in calculation.dates]
        if not calculation.dates[0].required:
            problems.append(
                _message(
                    file,
                    (*loc, "dates", 0, "required"),
                    "expected required: true for the first date (every deadline needs it), "
                    "found required: false",
                )
            )
        for t_index, limit_id in enumerate(calculation.time_limits):
            limit = limits.get(limit_id)
            if limit is None:
                continue  # an unknown id, reported with the other references
            for period in limit.rule.periods:
                if period.counts_from not in asked:
                    problems.append(
                        _message(
                            file,
                            (*loc, "time_limits", t_index),
                            f"time limit {limit_id!r} counts from {period.counts_from!r}: "
                            f"expected that among this calculation's dates, found "
                            f"{', '.join(repr(event) for event in asked)}",
                        )
                    )
                elif period.unit == "school-days":
                    problems.append(
                        _message(
                            file,
                            (*loc, "time_limits", t_index),
                            f"time limit {limit_id!r} counts school days, which only the "
                            "school's term dates decide: expected a time limit in days, weeks, "
                            "months or working days",
                        )
                    )
            all_asked = all(period.counts_from in asked for period in limit.rule.periods)
            if all_asked and not any(p.counts_from == asked[0] for p in limit.rule.periods):
                problems.append(
                    _message(
                        file,
                        (*loc, "time_limits", t_index),
                        f"time limit {limit_id!r} does not count from {asked[0]!r}, "
                        "the first date asked for: expected a period that does",
                    )
                )
    return problems


def _duplicate_field_ids(form_file: _CheckedFile) -> list[ContentMessage]:
    """Field ids must be unique in the whole form, not only in their section."""
    form = typing.cast(records.RequestForm, form_file.record)
    if form is None:
        return []
    first_seen: dict[str, tuple] = {}
    problems = []
    for s_index, section in enumerate(form.sections):
        in_section: set[str] = set()
        for f_index, form_field in enumerate(section.fields):
            loc = ("sections", s_index, "fields", f_index, "id")
            # A repeat within one section is reported by _duplicate_ids, so only the first use
            # in each later section is reported here.
            repeat_in_section = form_field.id in in_section
            in_section.add(form_field.id)
            if repeat_in_section:
                continue
            if form_field.id in first_seen and first_seen[form_field.id][1] != s_index:
                earlier = _message(form_file, first_seen[form_field.id], "")
                problems.append(
                    _message(
                        form_file,
                        loc,
                        f"duplicate field id {form_field.id!r}: it is already used on line "
                        f"{earlier.line}",
                    )
                )
            else:
                first_seen.setdefault(form_field.id, loc)
    return problems


def _logo_errors(site_file: _CheckedFile, folder: Path) -> list[ContentMessage]:
    """The logo must be a file of the council's folder that can be published (logo)."""
    logo = typing.cast(records.SiteSettings, site_file.record).branding.logo
    problem = logo_problem(logo, folder, display_folder(folder))
    return [] if problem is None else [_message(site_file, ("branding", "logo"), problem)]


def _stale_warnings(file: _CheckedFile, today: date) -> list[ContentMessage]:
    """Contact details not checked for 12 months, and a review date that has passed."""
    warnings = []
    for loc, record in _walk_records(file.record):
        checked_on = getattr(record, "last_checked", None)
        if checked_on is not None and (today - checked_on).days > STALE_AFTER_DAYS:
            warnings.append(
                _message(
                    file,
                    (*loc, "last_checked"),
                    f"last checked on {checked_on}, more than 12 months ago: check it is still "
                    "right, then change last_checked to today's date",
                )
            )
        if isinstance(record, records.SiteSettings) and record.review_due < today:
            warnings.append(
                _message(
                    file,
                    ("review_due",),
                    f"the review date {record.review_due} has passed: check every page, then "
                    "change last_reviewed and review_due",
                )
            )
    return warnings


# A number with a unit of time ("2 months", "15 school days", "a 12-month limit").
_PERIOD_IN_TEXT = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty)[\s-]+(?:(calendar|working|school)[\s-]+)?(days?|weeks?|months?|years?|hours?)\b",
    re.IGNORECASE,
)
# Where a period may be written: the time limit's own wording, and citations of sources.
_PERIOD_ALLOWED = {(records.TimeLimit, "text"), (records.Source, "citation")}


def _period_warnings(file: _CheckedFile) -> list[ContentMessage]:
    """A period of time written in free text, where it should come from a time-limit record."""
    warnings = []
    for loc, record in _walk_records(file.record):
        for name in type(record).model_fields:
            if (type(record), name) in _PERIOD_ALLOWED:
                continue
            value = getattr(record, name)
            texts = value if isinstance(value, list) else [value]
            for index, text in enumerate(texts):
                if not isinstance(text, str):
                    continue
                found = _PERIOD_IN_TEXT.search(text)
                if found:
                    field_loc = (*loc, name, index) if isinstance(value, list) else (*loc, name)
                    warnings.append(
                        _message(
                            file,
                            field_loc,
                            f"a period of time in free text ({found.group(0)!r}): write each time "
                            "limit once, in time-limits.yml, and refer to it by id (deadlines: or "
                            "time_limits:); here, say 'the deadline' instead",
                        )
                    )
    return warnings


# How long before review_by make check starts to warn.
REVIEW_WARNING_DAYS = 30


def _review_by_passed(file: _CheckedFile, today: date) -> list[ContentMessage]:
    review_by = typing.cast(records.ProposedChanges, file.record).review_by
    if review_by >= today:
        return []
    return [
        _message(
            file,
            ("review_by",),
            f"the review date {review_by} has passed: check each proposal against GOV.UK (has it "
            "become law, changed or been dropped?), update this file, then set a new review_by",
        )
    ]


def _review_by_warnings(file: _CheckedFile, today: date) -> list[ContentMessage]:
    record = file.record
    if not isinstance(record, records.ProposedChanges):
        return []
    days_left = (record.review_by - today).days
    if not 0 <= days_left <= REVIEW_WARNING_DAYS:
        return []
    return [
        _message(
            file,
            ("review_by",),
            f"the review date {record.review_by} is in {days_left} day(s): check each proposal "
            "against GOV.UK before then, or the build will stop",
        )
    ]


def _unverified_source_warnings(file: _CheckedFile) -> list[ContentMessage]:
    return [
        _message(
            file,
            loc,
            f"unverified fact: {record.citation!r} is marked verified: false; "
            "check it before relying on it",
        )
        for loc, record in _walk_records(file.record)
        if isinstance(record, records.Source) and not record.verified
    ]


def display_folder(folder: Path) -> str:
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)
