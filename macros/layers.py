"""The two layers of content: the national law pack, and what one council adds and changes.

Everything here works on the raw data read from YAML (yamlsource.LineDict and LineList, which
remember the file and line of every value), before validation, so that a value a council added or
changed is checked, and reported, at the council's own file and line. Pure functions: they take
data and return data and messages.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from .errors import ContentMessage, did_you_mean
from .yamlsource import LineDict, LineList

# Lists a council's route-finder.yml and providers.yml add to the national ones.
ADDED_LISTS = {"route-finder.yml": ("questions", "outcomes"), "providers.yml": ("providers",)}


def append_items(national: LineDict, council: LineDict, keys: tuple[str, ...]) -> None:
    """Add the council's items of each list to the national list, remembering their file."""
    for key in keys:
        items = council.get(key)
        if not isinstance(items, LineList):
            continue
        target = national.get(key)
        if not isinstance(target, LineList):
            national[key] = items
            national.key_lines[key] = council.key_lines[key]
            national.key_sources[key] = council.source
            continue
        for index, item in enumerate(items):
            target.item_sources[len(target)] = items.item_source(index)
            target.append(item)
            target.item_lines.append(items.item_lines[index])
            target.raw.append(items.raw[index])


def plain(value: object) -> object:
    """Raw data as ordinary Python values, for comparing a change's national value."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (str, int, float, bool, date)) or value is None:
        return value if not isinstance(value, str) else str(value)
    return str(value)


def shown(value: object) -> str:
    text = repr(plain(value))
    return text if len(text) <= 80 else text[:77] + "..."


# National files a council may not change, and what to do instead.
UNCHANGEABLE = {
    "national.yml": "national.yml (the national version and the roles) cannot be changed by a "
    "council: bind each role to your providers in roles.yml",
}


def apply_changes(
    changes: LineList, documents: dict[str, LineDict], national_folder: str
) -> tuple[list[ContentMessage], list[ContentMessage]]:
    """Apply a council's changes in order (apply_change): errors and warnings for them all.
    A change to a target already changed, or inside or around one (an option, then its
    ``next``), is an error, not applied: applied in turn, one would silently undo the other."""
    errors: list[ContentMessage] = []
    warnings: list[ContentMessage] = []
    targets = ChangedTargets()
    for change in changes:
        target, line = str(change["target"]), change.key_lines["target"]
        problem = targets.overlap(target)
        if problem is not None:
            errors.append(ContentMessage(change.source, line, record="change", problem=problem))
            continue
        targets.add(target, line)
        change_errors, change_warnings = apply_change(change, documents, national_folder)
        errors += change_errors
        warnings += change_warnings
    return errors, warnings


class ChangedTargets:
    """The targets changed so far, to find a new one that is the same as one of them, lies
    inside one, or holds one; each check costs the depth of the target, not the number of
    changes."""

    def __init__(self) -> None:
        self.lines: dict[tuple[str, ...], tuple[str, int]] = {}  # parts → (target, line)
        # Every part-way path of a changed target → the first target under it, and its line.
        self.under: dict[tuple[str, ...], tuple[str, int]] = {}

    @staticmethod
    def parts(target: str) -> tuple[str, ...]:
        file_name, _, path = target.partition(" ")
        return (file_name, *path.split("."))

    def add(self, target: str, line: int) -> None:
        parts = self.parts(target)
        self.lines[parts] = (target, line)
        for end in range(1, len(parts)):
            self.under.setdefault(parts[:end], (target, line))

    def overlap(self, target: str) -> str | None:
        """Why ``target`` may not be changed too, in words, or None."""
        parts = self.parts(target)
        if parts in self.lines:
            line = self.lines[parts][1]
            return f"this target is already changed on line {line}: keep one change for it"
        for end in range(1, len(parts)):
            if parts[:end] in self.lines:
                outer, line = self.lines[parts[:end]]
                return (
                    f"this target, {target}, lies inside {outer}, changed on line {line}: one "
                    "change would undo the other; make the change in one of them"
                )
        if parts in self.under:
            inner, line = self.under[parts]
            return (
                f"this target, {target}, holds {inner}, changed on line {line}: one change "
                "would undo the other; make the change in one of them"
            )
        return None


def apply_change(
    change: LineDict, documents: dict[str, LineDict], national_folder: str
) -> tuple[list[ContentMessage], list[ContentMessage]]:
    """Put one change's value in place of the national value its target names.

    ``change`` is one validated item of a council's changes.yml, ``documents`` the national
    files by name ('route-finder.yml', 'routes/mediation.yml'). Returns errors (the target does
    not exist: the change is not applied) and warnings (the national value is no longer the one
    the change says it replaces: it is applied, and the council must check it still fits).
    """
    file_name, path = str(change["target"]).split(" ", 1)
    where = f"{national_folder}/{file_name}"
    found = _unknown_file_problem(file_name, documents, national_folder) or _found_target(
        documents[file_name], path, where
    )
    if isinstance(found, str):
        problem = ContentMessage(
            change.source, change.key_lines["target"], record="change", problem=found
        )
        return [problem], []
    parent, key, national = found
    lines = parent.key_lines if isinstance(parent, LineDict) else parent.item_lines
    national_at = f"{where}:{lines[key]}"
    warnings = []
    if plain(national) != plain(change.get("national")):
        warnings.append(_national_value_changed(change, national_at, national))
    _replace_value(parent, key, change)
    return [], warnings


def _unknown_file_problem(
    file_name: str, documents: dict[str, LineDict], national_folder: str
) -> str | None:
    """Why a change may not target this file: a council may not change it, or it is unknown."""
    if file_name in UNCHANGEABLE:
        return UNCHANGEABLE[file_name]
    if file_name not in documents:
        hint = did_you_mean(file_name, sorted(documents))
        return f"expected a national file in {national_folder}/{hint}, found {file_name!r}"
    return None


def _found_target(
    document: LineDict, path: str, where: str
) -> tuple[LineDict | LineList, str | int, object] | str:
    """(the map or list that holds the target, its key or index, the national value there), or
    why the target does not exist. ``path`` is field names and list items' ids, with dots."""
    node: object = document
    parts = path.split(".")
    parent, key = None, None
    for depth, part in enumerate(parts):
        so_far = ".".join(parts[:depth]) or "the top level"
        if isinstance(node, LineDict):
            if part not in node:
                return (
                    f"the target does not exist: {where} has no field {part!r} in {so_far}"
                    f"{did_you_mean(part, list(node))}"
                )
            parent, key, node = node, part, node[part]
        elif isinstance(node, LineList):
            ids = [item.get("id") for item in node if isinstance(item, LineDict)]
            if part not in ids:
                known = [str(i) for i in ids if i is not None]
                return (
                    f"the target does not exist: {where} has no item with id {part!r} in "
                    f"{so_far}{did_you_mean(part, known)}"
                )
            index = ids.index(part)
            parent, key, node = node, index, node[index]
        else:
            return (
                f"the target does not exist: {so_far} in {where} is a single value, with no "
                f"{part!r} inside it"
            )
    return parent, key, node


def _national_value_changed(change: LineDict, national_at: str, national: object) -> ContentMessage:
    """The warning for a change written for a national value that has changed since."""
    return ContentMessage(
        change.source,
        change.key_lines["national"],
        record="change",
        field="national",
        problem=(
            "the national value changed since this change was written: check it still "
            f"fits. {national_at} now has {shown(national)}; this change was "
            f"written for {shown(change.get('national'))}"
        ),
    )


def _replace_value(parent: LineDict | LineList, key: str | int, change: LineDict) -> None:
    """Put the change's value at ``key``, with its line and file, and its text as written."""
    value, value_line = change["value"], change.key_lines["value"]
    raw = change.raw.get("value")
    if isinstance(parent, LineDict):
        parent[key] = value
        parent.key_lines[key] = value_line
        parent.key_sources[key] = change.source
        if raw is None:
            parent.raw.pop(key, None)
        else:
            parent.raw[key] = raw
    else:
        parent[key] = value
        parent.item_lines[key] = value_line
        parent.item_sources[key] = change.source
        parent.raw[key] = raw


# --- Roles: national content names local services by role; each council binds them. ---


def reference_kind(annotation: object) -> str | None:
    """The kind of record a field's type names by id (records.Reference), or None."""
    from .records import Reference

    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, Reference):
            return item.kind
    for arg in typing.get_args(annotation):
        kind = reference_kind(arg)
        if kind:
            return kind
    return None


def _metadata_kind(metadata: list) -> str | None:
    from .records import Reference

    return next((item.kind for item in metadata if isinstance(item, Reference)), None)


@functools.cache
def _field_kinds(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """Each field of a record type with the kind of record it names by id, or None. Worked out
    once per type: reading the annotations was half the time of loading a council."""
    return tuple(
        # Pydantic keeps a plain field's markers in its metadata, a list's in its type.
        (name, reference_kind(info.annotation) or _metadata_kind(info.metadata))
        for name, info in model.model_fields.items()
    )


def references(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Every id a record names in a reference field: (where, kind, id)."""
    if isinstance(value, BaseModel):
        for name, kind in _field_kinds(type(value)):
            item = getattr(value, name)
            if kind:
                items = item if isinstance(item, list) else [item]
                for index, record_id in enumerate(items):
                    if isinstance(record_id, str):
                        at = (*loc, name, index) if isinstance(item, list) else (*loc, name)
                        yield at, kind, record_id
            else:
                yield from references(item, (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from references(item, (*loc, index))


def bind_roles(value: object, bindings: dict[str, list[str]]) -> object:
    """The record with each role id in a provider field replaced by the providers bound to it."""
    if isinstance(value, BaseModel):
        updates = {}
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            if reference_kind(info.annotation) == "provider" and isinstance(item, list):
                bound = list(dict.fromkeys(p for i in item for p in bindings.get(i, [i])))
                if bound != item:
                    updates[name] = bound
            else:
                new = bind_roles(item, bindings)
                if new is not item:
                    updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        items = [bind_roles(item, bindings) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value
