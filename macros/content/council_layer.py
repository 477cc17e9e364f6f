"""A council's layer on top of the national one, on the raw data before anything else is
validated: its changes in place of the national values they name, then its own questions,
outcomes and providers after the national ones (macros/layers.py does the work)."""

from __future__ import annotations

import typing

from .. import layers
from ..errors import ContentMessage
from ..yamlsource import LineDict
from .files import COUNCIL_FILES, COUNCIL_OPTIONAL_FILES
from .messages import validate
from .model import CheckedFile, RawLayers


def apply_council_changes(raw: RawLayers, errors: list[ContentMessage]) -> list[ContentMessage]:
    """Apply the council's changes.yml, if it has one and it is valid, to the national files
    and the national layer's routes and forms; the warnings about them (a national value that
    changed under a change)."""
    data = raw.council_files["changes.yml"]
    if data is None:
        return []
    display_name = f"{raw.shown_council}/changes.yml"
    changes_file = validate(display_name, COUNCIL_OPTIONAL_FILES["changes.yml"], data, errors)
    if changes_file.record is None:
        return []
    documents = {n: d for n, d in raw.national_files.items() if isinstance(d, LineDict)}
    for subfolder, items in raw.folders.items():
        for stem, (path, _, item_data) in items.items():
            if isinstance(item_data, LineDict) and path.is_relative_to(raw.national):
                documents[f"{subfolder}/{stem}.yml"] = item_data
    change_list = typing.cast(LineDict, changes_file.data)["changes"]
    change_errors, change_warnings = layers.apply_changes(
        change_list, documents, raw.shown_national
    )
    errors.extend(change_errors)
    return change_warnings


def add_council_items(raw: RawLayers, errors: list[ContentMessage]) -> dict[str, CheckedFile]:
    """Validate the council's own route-finder.yml and providers.yml, each on its own, and add
    their items to the national lists: the council's files, by name."""
    own_files = {}
    for name, keys in layers.ADDED_LISTS.items():
        model = COUNCIL_OPTIONAL_FILES.get(name) or COUNCIL_FILES[name]
        data = raw.council_files[name]
        if data is None:
            continue
        own_files[name] = validate(f"{raw.shown_council}/{name}", model, data, errors)
        national_data = raw.national_files[name]
        if isinstance(data, LineDict) and isinstance(national_data, LineDict):
            layers.append_items(national_data, data, keys)
    return own_files
