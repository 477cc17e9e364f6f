"""The values the browser editor sends, and the values written back.

Decap CMS sends a whole file as YAML it wrote itself (with the `yaml` package's YAML 1.2 rules:
it writes ``opens_at: 09:30`` and ``last_checked: 2026-11-28`` without quotes, which the
loader's YAML 1.1 reader takes for a number of minutes and a date). So what it sent is read
without guessing any type: each value is kept as the text it was written as (``Sent``), and
is given its type only from the value it replaces (text stays text, a date stays a date) or,
for a new value, from the file's schema. A value written back is written so that the loader
reads it as that same value (``styled``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import yaml
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from ..yamllimits import BARE_NUMBER
from .schemapath import SchemaWalk

# Longer text is written folded (``>-``) over lines of at most this many characters.
FOLD_AT = 88
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STR_TAG = "tag:yaml.org,2002:str"


class NotYaml(ValueError):
    """What the editor sent cannot be read as a group of fields."""


@dataclass(frozen=True)
class Sent:
    """One value as the editor wrote it: its text, and whether it was written without quotes
    (only then can it mean a number, a date, true or false, or nothing)."""

    text: str
    plain: bool


def read_sent(text: str) -> dict:
    """What the editor sent as dicts, lists and ``Sent`` values, without guessing types."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise NotYaml(f"the editor sent text that is not YAML: {error}") from None
    if not isinstance(node, yaml.MappingNode):
        raise NotYaml("the editor sent no group of fields (expected 'name: value' lines)")
    return _from_node(node)


def _from_node(node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _from_node(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_from_node(item) for item in node.value]
    return Sent(node.value, node.style is None)


def is_empty(value: object) -> bool:
    """Whether the editor left a value out: nothing, empty text, an empty list, or a group of
    empty values (Decap sends an optional group of fields it shows empty so)."""
    if isinstance(value, Sent):
        return value.text == "" or (value.plain and value.text in _NULL_WORDS)
    if isinstance(value, dict):
        return all(is_empty(item) for item in value.values())
    return isinstance(value, list) and not value


def is_empty_written(value: object) -> bool:
    """Whether a value in the file says nothing: null, empty text, an empty list or group."""
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


def plain(value: object) -> object:
    """A value read by ruamel.yaml as the loader's reader would give it (plain Python)."""
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    for kind in (bool, str, int, float, datetime.datetime, datetime.date):
        if isinstance(value, kind):
            return value if type(value) is kind else _base(kind, value)
    return value


def _base(kind: type, value: object) -> object:
    if kind is datetime.datetime:
        return datetime.datetime.fromisoformat(value.isoformat())
    if kind is datetime.date:
        return datetime.date(value.year, value.month, value.day)
    return kind(value)


def same(new: object, old: object) -> bool:
    """Equal and of the same type (True is not 1; a date is not its text). Text that differs
    only by line breaks at its end is the same: editors' text boxes drop or add them."""
    new, old = plain(new), plain(old)
    if isinstance(new, str) and isinstance(old, str):
        return new.rstrip("\n") == old.rstrip("\n")
    return type(new) is type(old) and new == old


def typed_like(sent: Sent, old: object) -> object:
    """What the editor sent, as a value of the same type as the one it replaces; where it cannot
    be (a date that is not a date), its text, which the loader then refuses with a message."""
    text = sent.text
    if isinstance(old, bool):
        words = {"true": True, "false": False}
        return words[text.lower()] if sent.plain and text.lower() in words else text
    if isinstance(old, int) and sent.plain and _WHOLE_NUMBER.fullmatch(text):
        return int(text)
    if isinstance(old, float) and sent.plain and _NUMBER.fullmatch(text):
        return float(text)
    if isinstance(old, datetime.date) and not isinstance(old, datetime.datetime):
        return _date_or_text(text)
    return text


def typed_by_schema(sent: Sent, schema: SchemaWalk) -> object:
    """A new value, typed by what its place in the schema allows."""
    kinds, text = schema.kinds(), sent.text
    if "date" in kinds and _DATE.fullmatch(text):
        return _date_or_text(text)
    if not sent.plain or "string" in kinds and not kinds & {"boolean", "integer", "number"}:
        return text
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    if "integer" in kinds and _WHOLE_NUMBER.fullmatch(text):
        return int(text)
    if "number" in kinds and _NUMBER.fullmatch(text):
        return float(text)
    return text


def _date_or_text(text: str) -> object:
    if _DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    return text


def styled(value: object, like: object = None) -> object:
    """A value to write, in the style of the value it replaces (or of one beside it): folded,
    literal or quoted text stays so; text the loader would read as something else without
    quotes ('yes', '09:30', '0113') is quoted."""
    if not isinstance(value, str):
        return value
    if "\n" in value or isinstance(like, LiteralScalarString):
        return LiteralScalarString(value)
    foldable = value == value.strip() and "  " not in value and "\t" not in value
    if foldable and (len(value) > FOLD_AT or isinstance(like, FoldedScalarString)):
        return folded(value)
    if isinstance(like, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    if isinstance(like, DoubleQuotedScalarString) or _misread_plain(value):
        return DoubleQuotedScalarString(value)
    return value


def folded(text: str) -> FoldedScalarString:
    """Text written folded (``>-``), broken at spaces into lines of at most FOLD_AT."""
    result = FoldedScalarString(text)
    positions, line_start, last_space = [], 0, None
    for index, char in enumerate(text):
        if char == " ":
            if index - line_start > FOLD_AT and last_space is not None:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > FOLD_AT and last_space is not None and last_space > line_start:
        positions.append(last_space)
    result.fold_pos = positions
    return result


def _misread_plain(text: str) -> bool:
    """Whether the loader's reader (PyYAML, YAML 1.1) would read this text, written without
    quotes, as something other than that text (or refuse it, as it does digits alone)."""
    if text == "" or text != text.strip() or BARE_NUMBER.fullmatch(text):
        return True
    tag = yaml.SafeLoader("").resolve(yaml.ScalarNode, text, (True, False))
    return tag != _STR_TAG
