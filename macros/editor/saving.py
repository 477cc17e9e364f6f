"""Saving what the browser editor sent: merged onto the original file, checked with the
project's own loader on a copy of the council's folder, and only then written.

What the loader refuses is split in two, as the forms can and cannot check it:

- a problem in the saved file's own fields, which the file's schema can say (a type, a pattern,
  an email address, a required field, an unknown field: what ``check_file`` finds in the file
  on its own) and a role name the national layer does not have (the form offers the national
  roles as its choices): the save is refused (422) with each message, and nothing is written;
- a problem between files (a provider a role names that does not exist, a contradiction): the
  file is written, and the preview (``make serve``) lists the problem with its file and line,
  as it does for a file changed by hand.

A problem the file already had before the save does not stop it (the editor may be fixing it
one field at a time). A file the save does not change is never written.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from ..content import load_content
from ..content.files import check_file, display_folder, national_folder_for
from ..errors import ContentErrors, ContentMessage
from ..urls import docs_addresses
from ..yamlsource import load_yaml_file
from .council import Council, Refused, write_atomically
from .schemapath import SchemaWalk, record_for, schema_of
from .values import NotYaml
from .yamlmerge import NotFaithful, merged_text

# The pages written by hand, whose addresses pages made from content must not take.
DOCS = Path(__file__).resolve().parents[2] / "docs"


def save_files(council: Council, sent: list[tuple[Path, str]]) -> list[str]:
    """Write each file the editor changed (``sent``: each file and the text Decap sent for it);
    return the problems between files the preview will show, or raise Refused."""
    new_texts = {}
    for path, sent_text in sent:
        text, original = _new_text(council, path, sent_text)
        if text != original:
            new_texts[path] = text
    if not new_texts:
        return []
    problems = check_before_writing(council, new_texts)
    for path, text in new_texts.items():
        write_atomically(path, text.encode("utf-8"))
    return problems


def _new_text(council: Council, path: Path, sent_text: str) -> tuple[str, str | None]:
    named = council.named(path)
    record = record_for(council.relative(path))
    if record is None or path.is_dir():
        raise Refused(400, [f"{named}: the editor saves only the council's content files"])
    try:
        original = path.read_bytes().decode("utf-8") if path.exists() else None
        return merged_text(original, sent_text, SchemaWalk(schema_of(record))), original
    except UnicodeDecodeError:
        problem = f"{named}: this file is not UTF-8 text, so it cannot be changed"
        raise Refused(422, [problem]) from None
    except (NotYaml, NotFaithful) as problem:
        raise Refused(422, [f"{named}: {problem}"]) from None


def check_before_writing(council: Council, new_texts: dict[Path, str]) -> list[str]:
    """Load the council with the new files, on a copy of its folder: Refused (422) with each
    problem in a saved file's own fields; otherwise every other problem, as messages."""
    national = national_folder_for(council.folder)
    with tempfile.TemporaryDirectory(prefix="editor-check-") as temporary:
        copy = Path(temporary) / council.name
        shutil.copytree(council.folder, copy, symlinks=True)
        for path, text in new_texts.items():
            target = copy / council.relative(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        errors = _loader_errors(council, copy, national)
        refused = [
            problem
            for path in new_texts
            for problem in _own_field_problems(council, path, copy, errors, national)
        ]
    if refused:
        raise Refused(422, [str(problem) for problem in refused])
    return [str(error) for error in errors]


def _loader_errors(council: Council, copy: Path, national: Path) -> list[ContentMessage]:
    """Every problem the loader finds, each named at the council's own file, not the copy."""
    try:
        load_content(copy, national=national, taken_addresses=docs_addresses(DOCS))
    except ContentErrors as errors:
        shown_copy, shown = display_folder(copy) + "/", council.shown + "/"
        return [
            dataclasses.replace(
                error,
                file=shown + error.file.removeprefix(shown_copy)
                if error.file.startswith(shown_copy)
                else error.file,
                problem=error.problem.replace(shown_copy, shown),
            )
            for error in errors.errors
        ]
    return []


def _own_field_problems(
    council: Council, path: Path, copy: Path, errors: list[ContentMessage], national: Path
) -> list[ContentMessage]:
    """The problems in the saved file's own fields that it did not have before the save."""
    named, relative = council.named(path), council.relative(path)
    before = {_without_line(m) for m in check_file(path, named)} if path.is_file() else set()
    found = [m for m in check_file(copy / relative, named) if _without_line(m) not in before]
    if relative == PurePosixPath("roles.yml"):
        found += _unknown_roles(path, copy / relative, named, errors, national)
    return found


def _without_line(message: ContentMessage) -> tuple:
    """A problem as it is whatever line it moved to."""
    return (message.file, message.record, message.field, message.problem)


def _unknown_roles(
    path: Path, copied: Path, named: str, errors: list[ContentMessage], national: Path
) -> list[ContentMessage]:
    """A role the save adds to roles.yml that the national layer does not have: the loader's
    own message for it."""
    national_roles = {
        role.get("id")
        for role in _read(national / "national.yml").get("roles") or []
        if isinstance(role, dict)
    }
    added = set(_roles(copied)) - set(_roles(path) if path.is_file() else {})
    problems = []
    for role in sorted(added - national_roles):
        problems += [e for e in errors if e.file == named and e.field == f"roles.{role}"] or [
            ContentMessage(named, 0, field=f"roles.{role}", problem="expected a national role")
        ]
    return problems


def _roles(path: Path) -> dict:
    roles = _read(path).get("roles")
    return roles if isinstance(roles, dict) else {}


def _read(path: Path) -> dict:
    data = load_yaml_file(path, str(path)).data
    return data if isinstance(data, dict) else {}
