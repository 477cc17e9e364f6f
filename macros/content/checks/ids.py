"""Ids: each id once in its list, each reference named once in its list, each form field id
once in the whole form, and each reference to an id that exists."""

from __future__ import annotations

import typing

from ... import layers, records
from ...errors import ContentMessage, did_you_mean
from ..messages import message_at
from ..model import CheckedContent, CheckedFile, walk_records
from .national_bodies import national_bodies


def repeated_id_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Every valid file's duplicate ids and references named twice in one list."""
    problems = []
    for file in checked.every_file:
        problems += _duplicate_ids(file)
        problems += _repeated_references(file)
    return problems


def duplicate_field_id_errors(checked: CheckedContent) -> list[ContentMessage]:
    files = [*checked.form_files, *checked.letter_files]
    return [problem for file in files for problem in _duplicate_field_ids(file)]


def reference_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Every reference in every valid file to an id of its kind that does not exist.

    One walk finds the references, from the fields the records declare (records.Reference);
    each kind's ids are known only when the files they are written in were all read and valid:
    a file that does not parse would otherwise add an "unknown id" for every id it holds.
    """
    known = _known_ids(checked)
    problems = []
    for file in checked.every_file:
        if file.record is None:
            continue
        for loc, kind, value in layers.references(file.record):
            ids = known.get(kind)
            if ids is None or value in ids:
                continue
            expected = _expected_id(checked, kind, ids, did_you_mean(value, ids))
            problems.append(message_at(file, loc, f"expected the id of {expected} found {value!r}"))
    return problems


def _expected_id(checked: CheckedContent, kind: str, ids: list[str], hint: str) -> str:
    """What a reference of this kind should name, and where those ids are written."""
    shown_national = checked.layers.shown_national
    if kind == "provider":
        return (
            f"a provider (providers.yml) or a role ({shown_national}/national.yml){hint}, "
            f"one of: {', '.join(ids)};"
        )
    if kind == "route":
        return f"a route in {checked.folder_place('routes')}{hint}, one of: {', '.join(ids)};"
    if kind == "national body":
        place = f"{shown_national}/providers.yml"
        return f"a national body in {place}{hint}, one of: {', '.join(ids)};"
    if kind == "event":
        return f"an event in the events: list{hint},"
    if kind == "proposal":
        return f"a proposed change in proposed-changes.yml{hint},"
    places = {
        "form": checked.folder_place("forms"),
        "letter": checked.folder_place("letters"),
        "time limit": f"{shown_national}/time-limits.yml",
    }
    return f"a {kind} in {places[kind]}{hint},"


def _known_ids(checked: CheckedContent) -> dict[str, list[str]]:
    """The ids of each kind of record, for each kind whose files were all read and valid: a
    kind whose file failed is left out, so its problems are not repeated as unknown ids."""
    known: dict[str, list[str]] = {}
    provider_list = checked.record("providers.yml")
    if provider_list is not None:
        known["national body"] = [
            body.id for _, body in national_bodies(checked.files["providers.yml"])
        ]
    national_layer = checked.record("national.yml")
    if (
        checked.own_file_valid("providers.yml")
        and provider_list is not None
        and national_layer is not None
    ):
        providers = typing.cast(records.ProviderList, provider_list).providers
        roles = typing.cast(records.NationalLayer, national_layer).roles
        known["provider"] = [p.id for p in providers] + [r.id for r in roles]
    time_limit_list = checked.record("time-limits.yml")
    if time_limit_list is not None:
        limits = typing.cast(records.TimeLimitList, time_limit_list)
        known["time limit"] = [t.id for t in limits.time_limits]
        known["event"] = [e.id for e in limits.events]
    if checked.folder_valid("routes"):
        known["route"] = [typing.cast(records.Route, f.record).id for f in checked.route_files]
    if checked.folder_valid("forms"):
        known["form"] = [typing.cast(records.RequestForm, f.record).id for f in checked.form_files]
    if checked.folder_valid("letters"):
        known["letter"] = [typing.cast(records.Letter, f.record).id for f in checked.letter_files]
    proposals = checked.record("proposed-changes.yml")
    if proposals is not None:
        changes = typing.cast(records.ProposedChanges, proposals)
        known["proposal"] = [p.id for p in changes.proposals]
    return known


def _duplicate_ids(file: CheckedFile) -> list[ContentMessage]:
    if file.record is None:
        return []
    problems = []
    for loc, record in walk_records(file.record):
        for name in type(record).model_fields:
            items = getattr(record, name)
            if isinstance(items, list):
                problems += _duplicates_in_list(file, (*loc, name), items)
    return problems


def _duplicates_in_list(file: CheckedFile, loc: tuple, items: list) -> list[ContentMessage]:
    problems = []
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = getattr(item, "id", None)
        if item_id is None:
            continue
        if item_id not in first_seen:
            first_seen[item_id] = index
            continue
        earlier = message_at(file, (*loc, first_seen[item_id]), "")
        here = message_at(file, (*loc, index, "id"), "")
        # A council's record with a national record's id names the national file.
        where = f"line {earlier.line}"
        if earlier.file != here.file:
            where = f"line {earlier.line} of {earlier.file}"
        problems.append(
            message_at(
                file,
                (*loc, index, "id"),
                f"duplicate id {item_id!r}: it is already used on {where}",
            )
        )
    return problems


def _repeated_references(file: CheckedFile) -> list[ContentMessage]:
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
                earlier = message_at(file, seen[record_id], "")
                problems.append(
                    message_at(
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
            earlier = message_at(file, seen[key], "")
            names = ", ".join(f"{field} {value!r}" for field, value in key)
            problems.append(
                message_at(
                    file,
                    item_loc,
                    f"{names} is named twice in this list (first on line {earlier.line}): keep one",
                )
            )
        else:
            seen[key] = item_loc
    return problems


def _duplicate_field_ids(form_file: CheckedFile) -> list[ContentMessage]:
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
                earlier = message_at(form_file, first_seen[form_field.id], "")
                problems.append(
                    message_at(
                        form_file,
                        loc,
                        f"duplicate field id {form_field.id!r}: it is already used on line "
                        f"{earlier.line}",
                    )
                )
            else:
                first_seen.setdefault(form_field.id, loc)
    return problems
