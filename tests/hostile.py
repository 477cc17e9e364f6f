"""A council folder written by an attacker: every string value in it (site.yml, providers.yml,
roles.yml, route-finder.yml, routes/, changes.yml) set to a known XSS payload the loader
accepts, for tests/test_hostile_crawl.py to build and crawl.

The loader refuses many payloads in many fields (a tag in plain text, anything in an id, a phone
number or a date). Each field tries the payloads in turn, starting at a different one for each
field so that every kind is placed somewhere, and keeps the first the loader accepts; a field
that accepts none keeps its own value. Which payload a field refused is read from the loader's
own file:line messages, so one load tries a payload in every field at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.content import load_content
from macros.errors import ContentErrors

# What an attacker would try, each one recognisable by its alert's message.
HOSTILE_TEXT = [
    '<script>alert("script-tag")</script>',
    '<img src=x onerror=alert("img-onerror")>',
    '<svg/onload=alert("svg-onload")>',
    '"><svg/onload=alert("attribute-breakout")>',
    "javascript:alert('javascript-url')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgiZGF0YS11cmwiKTwvc2NyaXB0Pg==",
    '" onmouseover="alert(\'double-quote-breakout\')" x="',
    "' onfocus='alert(\"single-quote-breakout\")' autofocus x='",
    "[click me](javascript:alert('markdown-link'))",
    "![tracker](https://other.example/markdown-image.png)",
    "*Council*{: onclick=alert('attr-list') }",
    "&lt;script&gt;alert('entity')&lt;/script&gt; &#106;avascript:alert('entity-url')",
    "</script><script>alert('script-close')</script>",
    "{{ 7 * 191 }} {% if true %}template{% endif %}",
]
# Tried first in a field that holds an https address.
HOSTILE_ADDRESSES = [
    'https://www.example.org/"><svg/onload=alert("address-breakout")>/',
    "https://www.example.org/'onmouseover='alert(\"address-quote\")'/",
    "https://www.example.org/<script>alert('address-script')</script>",
    "https://www.example.org/javascript:alert('address-path')",
]
# Two fields try a payload of their own first: the council's name, which the pages in docs/
# once read as Markdown, and the site's address, once written unescaped into every page's links.
NAME_FIRST = "[Kent County Council](javascript:alert('name-markdown-link'))"
FIRST_TRIED = {
    ("site.yml", ("council", "name")): NAME_FIRST,
    ("site.yml", ("council", "site_address")): HOSTILE_ADDRESSES[0],
}
COUNCIL = Path("councils") / "example-borough"
_MAX_ROUNDS = 40


class _OneLineStrings(yaml.SafeDumper):
    """Every string double-quoted on one line, so each line holds at most one string value and
    a message's line number names exactly one field."""


_OneLineStrings.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


@dataclass(eq=False)
class _Field:
    file: str
    path: tuple
    original: str
    candidates: list[str]
    tried: int = 0

    @property
    def value(self) -> str:
        return self.candidates[self.tried] if self.tried < len(self.candidates) else self.original


@dataclass
class HostileCouncil:
    folder: Path
    placed: dict[str, list[str]] = field(default_factory=dict)  # payload → 'file: field path'
    rounds: int = 0


def _strings(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _set(data, path, value):
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _lines(text: str) -> dict[int, tuple]:
    """Line number → path of the string value on that line."""
    found: dict[int, tuple] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, inner in node.value:
                walk(inner, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, inner in enumerate(node.value):
                walk(inner, (*path, index))
        elif node.tag == "tag:yaml.org,2002:str":
            found[node.start_mark.line + 1] = path

    walk(yaml.compose(text), ())
    return found


def _candidates(number: int, name: str, path: tuple, original: str) -> list[str]:
    if (name, path) in FIRST_TRIED:
        return [FIRST_TRIED[name, path], *HOSTILE_TEXT]
    text, addresses = number % len(HOSTILE_TEXT), number % len(HOSTILE_ADDRESSES)
    rotated = HOSTILE_TEXT[text:] + HOSTILE_TEXT[:text]
    if original.startswith("https://"):
        return [*HOSTILE_ADDRESSES[addresses:], *HOSTILE_ADDRESSES[:addresses], *rotated]
    return rotated


def make_hostile_council(content: Path) -> HostileCouncil:
    """Fill the council folder ``content``/COUNCIL (in a copy of content/) with payloads."""
    folder = content / COUNCIL
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.yml"))}
    data = {name: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in files.items()}
    fields: list[_Field] = []
    for name, loaded in data.items():
        for path, original in _strings(loaded):
            fields.append(
                _Field(name, path, original, _candidates(len(fields), name, path, original))
            )
    by_place = {(f.file, f.path): f for f in fields}
    council = HostileCouncil(folder)
    while True:
        council.rounds += 1
        lines = {}
        for name, loaded in data.items():
            for f in fields:
                if f.file == name:
                    _set(loaded, f.path, f.value)
            text = yaml.dump(
                loaded, Dumper=_OneLineStrings, sort_keys=False, allow_unicode=True, width=1 << 30
            )
            files[name].write_text(text, encoding="utf-8")
            lines[name] = _lines(text)
        try:
            load_content(folder)
            break
        except ContentErrors as errors:
            refused = _refused(errors, lines, by_place, fields)
            assert refused and council.rounds < _MAX_ROUNDS, f"still refused:\n{errors}"
        for f in refused:
            f.tried += 1
    for f in fields:
        if f.value != f.original:
            council.placed.setdefault(f.value, []).append(f"{f.file}: {f.path}")
    return council


def _refused(errors, lines, by_place, fields) -> set[_Field]:
    """The fields whose payload a message names: the string on its line, or, for a message
    about a whole record or file, every field still holding a payload in it."""
    refused = set()
    for error in errors.errors:
        name = next((n for n in lines if error.file.endswith("/" + n)), None)
        if name is None:
            raise AssertionError(f"a message about a file outside the council: {error}")
        path = lines[name].get(error.line)
        place = by_place.get((name, path)) if path is not None else None
        if place is not None and place.value != place.original:
            refused.add(place)
            continue
        record = path[:-1] if path else ()
        found = {
            f
            for f in fields
            if f.file == name and f.path[: len(record)] == record and f.value != f.original
        }
        # Nothing there holds a payload: the message is about a record this one refers to by
        # id (a letter citing a council route whose sources no longer cite the law). That
        # record's citations go back to what they were: marked as tried to the end, they are
        # left as written after this round.
        for other in found or _referred_to(error.problem, fields):
            if not found:
                other.tried = len(other.candidates) - 1
            refused.add(other)
    return refused


def _referred_to(problem: str, fields) -> set:
    """The fields holding a payload in the source citations of the council's records a message
    quotes by id (all of such a record's fields where it has none)."""
    ids = set(re.findall(r"'([a-z0-9][a-z0-9-]*)'", problem))
    named = [f for f in fields if Path(f.file).stem in ids and f.value != f.original]
    return {f for f in named if "sources" in f.path and f.path[-1] == "citation"} or set(named)
