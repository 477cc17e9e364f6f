"""Read one YAML file into plain Python data that remembers where each value came from.

PyYAML's defaults are unsafe for content edited by hand: a repeated key silently replaces the
first, unquoted ``yes``/``no``/``on``/``off`` become booleans, ``012`` becomes 10 and an impossible
date crashes the parser. This loader keeps line numbers and the text as written, and turns each of
those surprises into a problem that names the line, so validation can say what to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .contentfiles import not_regular_reason
from .errors import ContentMessage
from .yamllimits import BARE_NUMBER, MAX_FILE_BYTES, structure_problem

# YAML 1.1 reads these words as true or false when they are not in quotes (the "Norway problem").
AMBIGUOUS_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off", "y", "n"})


class AmbiguousWord(str):
    """An unquoted yes/no/on/off: kept as its text so validation can name it, never as a boolean."""


class BareNumber(str):
    """An unquoted value of only digits, such as a phone number written 01612834836.

    PyYAML keeps some of these as text and turns others into numbers (dropping the leading 0),
    depending on the digits, and other YAML tools differ again: so it is always a problem.
    """


class LineDict(dict):
    """A mapping that knows its file and line, each key's line and the text of each plain scalar.

    A council's change can replace one value of a national file: ``key_sources`` then names the
    file the new value came from (a key not in it comes from ``source``).
    """

    source: str
    line: int
    key_lines: dict[str, int]
    key_sources: dict[str, str]
    raw: dict[str, str]

    def key_source(self, key: str) -> str:
        return self.key_sources.get(key, self.source)


class LineList(list):
    """A list that knows its file and line, and the line (and, if it differs, the file) of each
    item: a council's additions are appended to a national list."""

    source: str
    line: int
    item_lines: list[int]
    item_sources: dict[int, str]
    raw: list[str | None]

    def item_source(self, index: int) -> str:
        return self.item_sources.get(index, self.source)


@dataclass
class LoadedFile:
    """The result of reading one file: its data (None if unreadable) and the problems found."""

    path: Path
    display_name: str
    data: object = None
    problems: list[ContentMessage] = field(default_factory=list)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList and records problems instead of hiding them."""

    def __init__(self, stream, display_name: str):
        super().__init__(stream)
        self.display_name = display_name
        self.problems: list[ContentMessage] = []


# The same loader on libyaml's C parser, about 10 times faster: at 50 times the shipped content,
# the pure-Python parser was the largest single cost of a build. The pure-Python loader still
# reads any file libyaml rejects, so syntax errors keep the same wording (see load_yaml_file).
_FastLineLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLineLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        def __init__(self, stream, display_name: str):
            super().__init__(stream)
            self.display_name = display_name
            self.problems: list[ContentMessage] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.source = loader.display_name
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.key_sources = {}
    data.raw = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            # "[a, b]: 1" or "? {a: 1}": PyYAML would show its own internals for these.
            kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a map"
            loader.problems.append(
                ContentMessage(
                    loader.display_name,
                    key_line,
                    problem=f"expected a field name, found {kind} used as one: a field name is "
                    "a word before a colon, like 'name:'",
                )
            )
            continue
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str) or isinstance(key, AmbiguousWord):
            loader.problems.append(
                ContentMessage(
                    loader.display_name,
                    key_line,
                    problem=(
                        f"expected a field name, found {key_node.value!r}: put the name in quotes"
                    ),
                )
            )
            key = str(key_node.value)
        if key in data:
            loader.problems.append(
                ContentMessage(
                    loader.display_name,
                    key_line,
                    problem=(
                        f"duplicate key {key!r}: it is already on line {data.key_lines[key]}; "
                        "keep one of them"
                    ),
                )
            )
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_line
        if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
            data.raw[key] = value_node.value


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.source = loader.display_name
    data.line = node.start_mark.line + 1
    data.item_lines = []
    data.item_sources = {}
    data.raw = []
    yield data
    for item_node in node.value:
        data.append(loader.construct_object(item_node, deep=True))
        data.item_lines.append(item_node.start_mark.line + 1)
        plain = isinstance(item_node, yaml.ScalarNode) and not item_node.style
        data.raw.append(item_node.value if plain else None)


def _construct_bool(loader: _LineLoader, node: yaml.ScalarNode):
    if node.value.lower() in AMBIGUOUS_BOOLEAN_WORDS:
        return AmbiguousWord(node.value)
    return loader.construct_yaml_bool(node)


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode):
    value = loader.construct_scalar(node)
    if not node.style and BARE_NUMBER.fullmatch(value):
        return BareNumber(value)
    return value


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    # An impossible date such as 2026-02-30 would raise inside PyYAML; keep the text so the
    # validator can report "expected a date" with the line.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return node.value


# libyaml marks a plain scalar's style as "" where PyYAML uses None: both mean "not quoted".
for _loader_class in filter(None, (_LineLoader, _FastLineLoader)):
    _loader_class.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _loader_class.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    _loader_class.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
    _loader_class.add_constructor("tag:yaml.org,2002:str", _construct_str)
    _loader_class.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml_file(path: Path, display_name: str) -> LoadedFile:
    """Read ``path``; never raises for bad content, only records problems."""
    result = LoadedFile(path=path, display_name=display_name)
    text = _checked_text(path, display_name, result.problems)
    if text is None:
        return result
    return _parsed(text, result)


def _checked_text(path: Path, display_name: str, problems: list[ContentMessage]) -> str | None:
    """The file's text, or None after adding to ``problems`` the one problem that stops it being
    parsed: not a regular file, too big, not UTF-8, empty, a control character, too deep."""
    problem = _file_problem(path, display_name)
    if problem is None:
        raw_bytes = path.read_bytes()
        try:
            text = raw_bytes.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = _not_utf8_problem(raw_bytes, error, display_name)
        else:
            problem = _text_problem(text, display_name)
    if problem is not None:
        problems.append(problem)
        return None
    return text


def _file_problem(path: Path, display_name: str) -> ContentMessage | None:
    """Why the file is not read at all: it is not a regular file, or it is too big."""
    not_regular = not_regular_reason(path)
    if not_regular is not None:
        # A device or a pipe: reading /dev/zero would never end.
        return ContentMessage(display_name, 0, problem=not_regular)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return ContentMessage(
            display_name,
            0,
            problem=f"the file is {size / (1024 * 1024):.1f} MB, more than the "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB a content file may be: is it the right "
            "file? Split it or shorten it",
        )
    return None


def _not_utf8_problem(
    raw_bytes: bytes, error: UnicodeDecodeError, display_name: str
) -> ContentMessage:
    line = raw_bytes[: error.start].count(b"\n") + 1
    return ContentMessage(
        display_name,
        line,
        problem=(
            f"the file is not saved as UTF-8 text (byte {raw_bytes[error.start]:#04x} "
            "cannot be read): save it again as UTF-8"
        ),
    )


def _text_problem(text: str, display_name: str) -> ContentMessage | None:
    """Why the text is not parsed: it is empty, holds a control character, or is too deep or
    too big for the parser (yamllimits)."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return ContentMessage(
            display_name, 1, problem="the file is empty: expected content, found nothing"
        )
    control = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if control:
        before = text[: control.start()]
        return ContentMessage(
            display_name,
            before.count("\n") + 1,
            column=control.start() - (before.rfind("\n") + 1) + 1,
            problem=f"a control character (U+{ord(control.group()):04X}) that YAML does not "
            "allow: delete it (it may have come from copying text from another program)",
        )
    return structure_problem(text, display_name)


def _parsed(text: str, result: LoadedFile) -> LoadedFile:
    """``result`` with the text's data and the loader's problems, or its syntax error."""
    if _FastLineLoader is not None:
        fast_loader = _FastLineLoader(text, result.display_name)
        try:
            result.data = fast_loader.get_single_data()
            result.problems.extend(fast_loader.problems)
            return _none_is_empty(result)
        except yaml.YAMLError:
            pass  # read it again below, for PyYAML's wording and position of the error
        finally:
            fast_loader.dispose()
    loader = _LineLoader(text, result.display_name)
    try:
        result.data = loader.get_single_data()
    except yaml.YAMLError as error:
        result.problems.append(_syntax_problem(error, result.display_name))
        return result
    finally:
        loader.dispose()
    result.problems.extend(loader.problems)
    return _none_is_empty(result)


def _syntax_problem(error: yaml.YAMLError, display_name: str) -> ContentMessage:
    """PyYAML's syntax error, at its line and column where it has them."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return ContentMessage(display_name, 1, problem=f"this is not valid YAML: {error}")
    mark = error.problem_mark or error.context_mark
    problem = " ".join(part for part in (error.context, error.problem) if part)
    if "mapping values are not allowed" in problem:
        problem += " (is there a colon in some text? Put that text in quotes)"
    return ContentMessage(
        display_name,
        mark.line + 1 if mark else 1,
        column=mark.column + 1 if mark else 0,
        problem=f"this is not valid YAML: {problem}",
    )


def _none_is_empty(result: LoadedFile) -> LoadedFile:
    if result.data is None:
        # Only "---", "~" or "null": as good as empty.
        result.problems.append(
            ContentMessage(
                result.display_name, 1, problem="the file is empty: expected content, found nothing"
            )
        )
    return result
