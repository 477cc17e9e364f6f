"""The loader's pipeline: read both layers, apply the council's layer, validate every file,
run the checks between files, and assemble the records into Content."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..errors import ContentErrors, ContentMessage
from ..urls import form_url, letter_url, route_url
from .assemble import loaded_content
from .checks import run_checks
from .council_layer import add_council_items, apply_council_changes
from .files import (
    CONTENT_FOLDERS,
    COUNCIL_FILES,
    NATIONAL_FILES,
    display_folder,
    misplaced_file_messages,
    national_folder_for,
    read_layers,
)
from .messages import message_at, validate
from .model import CheckedContent, CheckedFile, LoadedContent, RawLayers


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
    shown_council, shown_national = display_folder(council), display_folder(national)
    _refuse_missing_folders(council, national, shown_council, shown_national)
    errors = misplaced_file_messages(national, council, shown_national, shown_council)
    # Raw data first, so a council's changes and additions land before anything is validated.
    raw = read_layers(national, council, shown_national, shown_council, errors)
    change_warnings = apply_council_changes(raw, errors)
    own_files = add_council_items(raw, errors)
    checked = _validate_layers(raw, own_files, errors, taken_addresses, today or date.today())
    errors += run_checks(checked)
    if errors:
        raise ContentErrors(errors)
    return loaded_content(checked, change_warnings)


def _refuse_missing_folders(
    council: Path, national: Path, shown_council: str, shown_national: str
) -> None:
    """Raise ContentErrors with one message if either layer's folder is missing or cannot be
    read: nothing in it could be checked."""

    def refuse(shown: str, problem: str) -> None:
        raise ContentErrors([ContentMessage(shown, 0, problem=problem)])

    if not council.is_dir():
        refuse(shown_council, "expected a folder of content, found nothing")
    for folder, shown in ((council, shown_council), (national, shown_national)):
        if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
            refuse(
                shown,
                "this folder cannot be read (permission denied): ask whoever manages this "
                "computer to let you read it",
            )
    if not national.is_dir():
        refuse(
            shown_national,
            "expected the national layer (the law, the same for every council), found nothing",
        )


def _validate_layers(
    raw: RawLayers,
    own_files: dict[str, CheckedFile],
    errors: list[ContentMessage],
    taken_addresses: dict[str, str] | None,
    today: date,
) -> CheckedContent:
    """Validate each file that was read against its record type, adding its problems to
    ``errors``: the national files (with the council's changes and additions), site.yml and
    roles.yml, and each route, form and letter; the checks between files are judged as of
    ``today``."""
    files = {
        name: validate(f"{raw.shown_national}/{name}", model, raw.national_files[name], errors)
        for name, model in NATIONAL_FILES.items()
        if raw.national_files[name] is not None
    }
    for name in ("site.yml", "roles.yml"):
        if raw.council_files[name] is not None:
            data = raw.council_files[name]
            files[name] = validate(f"{raw.shown_council}/{name}", COUNCIL_FILES[name], data, errors)
    folder_files = {
        subfolder: _validate_folder(raw, subfolder, errors, taken_addresses or {})
        for subfolder in CONTENT_FOLDERS
    }
    if not folder_files["routes"]:
        errors.append(
            ContentMessage(
                f"{raw.shown_national}/routes/",
                0,
                problem="expected a folder with one file per route, found no route files",
            )
        )
    # A folder with a file that could not be read: its ids are not all known.
    unread = {
        subfolder
        for subfolder, items in raw.folders.items()
        if any(data is None for _, _, data in items.values())
    }
    return CheckedContent(
        layers=raw,
        files=files,
        own_files=own_files,
        route_files=folder_files["routes"],
        form_files=folder_files["forms"],
        letter_files=folder_files["letters"],
        unread_folders=unread,
        today=today,
        taken_addresses=taken_addresses,
    )


# The address of the page each folder's records have.
_PAGE_ADDRESS = {"routes": route_url, "forms": form_url, "letters": letter_url}


def _validate_folder(
    raw: RawLayers, subfolder: str, errors: list[ContentMessage], taken_addresses: dict[str, str]
) -> list[CheckedFile]:
    """Each file of a folder that was read, validated, named after its record's id, and at an
    address no page written by hand has."""
    files = []
    for stem, (_, shown, data) in sorted(raw.folders[subfolder].items()):
        if data is None:
            continue
        file = validate(shown, CONTENT_FOLDERS[subfolder], data, errors)
        files.append(file)
        if file.record is None:
            continue
        if file.record.id != stem:
            found = f"found {file.record.id!r}"
            problem = f"expected the id to be the file name {stem!r}, {found}"
            errors.append(message_at(file, ("id",), problem))
        address = _PAGE_ADDRESS[subfolder](stem)
        if address in taken_addresses:
            errors.append(
                message_at(
                    file,
                    ("id",),
                    f"its page would be at {address}, which is already the address of "
                    f"{taken_addresses[address]}: choose another id (and file name)",
                )
            )
    return files
