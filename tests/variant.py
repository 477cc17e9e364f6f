"""The variant council: one changed copy of the project, built once per test run and read by
every test that needs a build of changed content (conftest.py, ``variant_site``).

One build proves what used to take five: content read from a folder outside the project, a
renamed provider shown on its pages, a council name with an ampersand and quotes escaped once,
payloads in every free-text field shown as text and never run (tests/test_injection.py), and
changed content making a new guide PDF rather than finding an old one in the cache, and a build
dated long ago (SOURCE_DATE_EPOCH) warning that its deadline page's dates end soon.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from macros.deadlines import add_months
from macros.records import NAME_LIMIT

COUNCIL_NAME = 'Brighton & Hove "Test" Council\'s'
RENAMED_PROVIDER = ("name: The Together Trust", "name: Riverside Mediation Trust")

# Each one gets past the loader's checks, so only escaping can stop it.
PAYLOADS = [
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(2)' x='",
    "{{ 7 * 191 }} {% if true %}jinja{% endif %}",
    "javascript:alert(3)",
    "&lt;img src=x onerror=alert(4)&gt;",
    "]]> --> */ \\'; end",
    "\\u003cscript\\u003ealert(5)",
]
# Fields of free text families read (names, sentences and paragraphs).
TEXT_KEYS = {
    "name", "title", "summary", "description", "text", "why", "first_step", "label", "hint",
    "introduction", "who_can_use", "covers", "when", "cost", "produces", "heading",
    "applies_when", "between", "about", "purpose", "stages_intro", "covers_intro",
    "former_names_note", "mediation_advice_note", "intro", "how_to_start", "points", "notes",
    "help_with", "problem", "not_tested", "improving", "not_in_scope", "short_label", "readings",
    "weighs", "what_to_do", "not_needed", "if_passed",
}  # fmt: skip


# Names and titles, whose limit is shorter than a paragraph's.
NAME_KEYS = {"name", "title", "label", "heading", "short_label"}
# Left as they are, whatever their keys: the law's titles in national.yml are never shown, only
# matched against citations (a letter's "The law"), and an outcome's letter answers are ids (a
# field `about` whose option is `health`).
NOT_TEXT_KEYS = {"legislation", "answers"}


def old_build_epoch(today: date) -> str:
    """SOURCE_DATE_EPOCH for a build dated 20 months before ``today``: the dates its deadline
    page can work out end within 6 months, so the build must warn."""
    built = add_months(today, -20)
    return str(int(datetime(built.year, built.month, built.day, 12, tzinfo=UTC).timestamp()))


def inject(value, key=None):
    """The data with every payload added to the end of every free-text value."""
    if isinstance(value, dict):
        return {k: v if k in NOT_TEXT_KEYS else inject(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        if key not in NAME_KEYS:
            return " ".join([value, *PAYLOADS])
        return name_with_payloads(value, PAYLOADS)
    return value


def name_with_payloads(name: str, payloads: list[str]) -> str:
    """A name holds as many payloads as fit its length limit (records.NAME_LIMIT)."""
    for payload in payloads:
        if len(name) + 1 + len(payload) <= NAME_LIMIT:
            name = f"{name} {payload}"
    return name


def without_digits_in_time_limit_names(data: dict) -> None:
    """A time limit's name has no number in it (make check's wording check): each holds the
    payloads without digits instead, as a name holds only the payloads that fit it."""
    without_digits = [p for p in PAYLOADS if not any(character.isdigit() for character in p)]
    for limit in data.get("time_limits", []):
        name = limit["name"]
        for payload in PAYLOADS:
            name = name.replace(f" {payload}", "")
        limit["name"] = name_with_payloads(name, without_digits)


def make_variant_content(content: Path, council: Path, target: Path) -> None:
    """The variant of a copy of the project's content/: the shipped council's folder copied to
    ``target`` (outside the project) with a provider renamed and the council's name set to
    COUNCIL_NAME (without payloads, so its escaping can be read); payloads in every free-text
    field of that folder and of the copy's national layer (``content``/national, changed in
    place)."""
    shutil.copytree(council, target)
    providers = target / "providers.yml"
    text = providers.read_text(encoding="utf-8")
    assert text.count(RENAMED_PROVIDER[0]) == 1, "update RENAMED_PROVIDER to fit the content"
    providers.write_text(text.replace(*RENAMED_PROVIDER), encoding="utf-8")
    for path in sorted([*target.rglob("*.yml"), *(content / "national").rglob("*.yml")]):
        data = inject(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "time-limits.yml":
            without_digits_in_time_limit_names(data)
        if path.name == "site.yml":
            data["council"]["name"] = COUNCIL_NAME
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
