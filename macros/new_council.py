"""Start a new council: content/councils/<name>/ with the files every council needs.

    python -m macros.new_council NAME        (make new-council NAME=test-shire)

The files are made from the templates in macros/templates/new-council/: every value a council
must give is a plainly marked placeholder (a name marked "Example", an example.org address, a
phone number Ofcom keeps for TV drama), which `make check` lists as a warning until it is
replaced; every role the national layer names is bound to a placeholder provider of its own; and
national_version is the national layer's. The folder is written beside its final place, loaded
as `make check` loads it, and renamed into place only if the loader accepts it, so a refused name
or a failure leaves nothing behind. Every refusal is one line, and the exit code is 1.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import jinja2

from . import records
from .content import load_content
from .content.messages import validate_record
from .errors import ContentErrors
from .yamlsource import load_yaml_file

PROJECT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates" / "new-council"
# Each file of the new folder and the template it is made from.
FILES = {name: f"{name}.j2" for name in ("site.yml", "providers.yml", "roles.yml", "logo.svg")}
# A folder name that is safe everywhere it is used: a shell, make, a web address, an artifact's
# name. Lower-case letters, digits and hyphens, starting with a letter or digit.
SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
RULE = "lower-case letters, digits and hyphens, starting with a letter or digit, at most 60"


class Refused(Exception):
    """Why the council was not made: one line."""


def name_problem(name: str, councils: Path) -> str | None:
    """Why ``name`` cannot be a new council's folder, or None."""
    if not name:
        return "give the new council's folder name: make new-council NAME=your-council"
    if not SAFE_NAME.fullmatch(name):
        return f"{name!r} is not a safe folder name: use {RULE} characters (e.g. test-shire)"
    if os.path.lexists(councils / name):
        return f"content/councils/{name} already exists: choose another name"
    return None


def national_layer(national: Path) -> records.NationalLayer:
    """The national layer's roles and version, or Refused if national.yml cannot be read."""
    loaded = load_yaml_file(national / "national.yml", "content/national/national.yml")
    record, problems = (None, loaded.problems)
    if not problems:
        record, problems = validate_record(records.NationalLayer, loaded.data, loaded.display_name)
    if record is None:
        raise Refused("content/national/national.yml has problems: run make check to see them")
    return record


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar holding exactly ``value`` (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def council_files(name: str, national: records.NationalLayer, today: date) -> dict[str, str]:
    """The text of each file of a new council named ``name``."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["yaml_string"] = yaml_string
    values = {
        # test-shire → "Test Shire", for the placeholder names.
        "council_words": " ".join(word.capitalize() for word in name.split("-") if word),
        "roles": national.roles,
        "national_version": national.version,
        "today": today.isoformat(),
        "review_due": (today + timedelta(days=365)).isoformat(),
    }
    return {
        file: environment.get_template(template).render(values) for file, template in FILES.items()
    }


def write_council(folder: Path, files: dict[str, str]) -> int:
    """Write the files beside ``folder``, load them, and rename them into place; returns the
    number of warnings about the new files (their placeholders). Raises Refused, leaving
    nothing, if the loader refuses them or ``folder`` appeared meanwhile."""
    draft = folder.with_name(f".{folder.name}-new-{secrets.token_hex(4)}")
    draft.mkdir()
    try:
        for name, text in files.items():
            (draft / name).write_text(text, encoding="utf-8", newline="\n")
        try:
            loaded = load_content(draft)
        except ContentErrors as errors:
            print(errors, file=sys.stderr)
            raise Refused("the new council's files were refused (above): nothing written") from None
        if os.path.lexists(folder):
            raise Refused(f"content/councils/{folder.name} already exists: choose another name")
        draft.rename(folder)
    finally:
        shutil.rmtree(draft, ignore_errors=True)
    return sum(draft.name in Path(warning.file).parts for warning in loaded.warnings)


def make_council(name: str, project: Path = PROJECT, today: date | None = None) -> str:
    """Make content/councils/``name``/ in ``project``; returns what to tell the editor.
    Raises Refused with the reason, having written nothing."""
    councils = project / "content" / "councils"
    problem = name_problem(name, councils)
    if problem:
        raise Refused(problem)
    national = national_layer(project / "content" / "national")
    files = council_files(name, national, today or date.today())
    placeholders = write_council(councils / name, files)
    return (
        f"Made content/councils/{name}/ on national version {national.version}, with "
        f"{placeholders} placeholders to replace: make check COUNCIL={name} lists them, and "
        f"make serve COUNCIL={name} shows the site."
    )


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    # make passes the name after "--", so a name starting with "-" is a name, never an option.
    if given[:1] == ["--"]:
        given = given[1:]
    if len(given) > 1:
        print("make new-council: give one name, e.g. NAME=test-shire", file=sys.stderr)
        return 1
    try:
        print(make_council(given[0] if given else ""))
    except Refused as refused:
        print(f"make new-council: {refused}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
