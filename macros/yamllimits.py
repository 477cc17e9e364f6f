"""Limits on the shape of a YAML file, checked from the parser's events before any value is made.

The events come one at a time without building anything, so a file nested 10,000 levels deep, a
"YAML bomb" of aliases or a number of 5,000 digits is refused in milliseconds, with its line,
before PyYAML turns anything into a Python value (Python refuses to turn a string of more than
4,300 digits into a number, and PyYAML would let that error out as a traceback).
"""

from __future__ import annotations

import re

import yaml

from .errors import ContentMessage

# Limits that keep a hostile or broken file from stalling a build or exhausting memory. The
# shipped files are far below them (the largest is under 80 KB, nested 9 levels, with no aliases).
MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
# Values (field names count) after aliases (*name) and merge keys (<<) are expanded: a "YAML
# bomb" of a few lines expands to billions. The largest shipped file holds about 3,000.
MAX_VALUES = 100_000
# The longest number content needs is a phone number written without quotes (+441612834836,
# 13 characters); the others are a few digits (an order, a period's length).
MAX_NUMBER_CHARS = 20

# An unquoted value of only digits (with a sign, underscores or a decimal point): PyYAML makes
# some of these numbers and keeps others as text (yamlsource.BareNumber).
BARE_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9_]+)?")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
# Tags PyYAML turns into a value with Python code that fails on a value that does not fit, with
# an error that is not a YAML error ('!!int abc', '!!bool abc', '!!timestamp abc'), and what each
# expects. A value under one of these tags must be one PyYAML would give that type unquoted.
_TAGGED_KINDS = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:timestamp": "a date",
}
# How a number can start (a plain one: a sign, a digit, a point), or a value tagged !!int.
_NUMBER_STARTS = frozenset("+-.0123456789")
_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def structure_problem(text: str, display_name: str) -> ContentMessage | None:
    """Nesting too deep, too many values (as written or through aliases), or a number too long,
    found from the parser's events alone. A file that is not valid YAML gives None here: the
    loader reports it with PyYAML's wording."""
    loader = _EventLoader(text)
    anchored: dict[str, int] = {}
    open_nodes: list[list] = []  # [anchor, values so far] for each open mapping or sequence
    # The values counted so far, closed and open, with aliases expanded: kept as a running sum,
    # so each event costs the same however deep the nesting. ``written`` counts them as written.
    counted = written = 0
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                open_nodes.append([event.anchor, 1])
                counted += 1
                written += 1
                if len(open_nodes) > MAX_DEPTH:
                    return _message(
                        display_name,
                        event,
                        f"values are nested more than {MAX_DEPTH} levels deep here: content "
                        "never needs this many; check the indentation",
                        column=False,
                    )
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, size = open_nodes.pop()
                counted -= size  # counted already while it was open; added again below
            elif isinstance(event, yaml.ScalarEvent):
                value = event.value
                if event.tag in _TAGGED_KINDS and _resolved(loader, value) != event.tag:
                    return _tag_does_not_fit(display_name, event)
                long_number = len(value) > MAX_NUMBER_CHARS and value[0] in _NUMBER_STARTS
                if long_number and _is_number(loader, event):
                    return _number_too_long(display_name, event)
                anchor, size = event.anchor, 1
                written += 1
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, anchored.get(event.anchor, 1)
                written += 1
            else:
                continue
            if anchor:
                anchored[anchor] = size
            if open_nodes:
                open_nodes[-1][1] += size
            counted += size
            if counted > MAX_VALUES:
                return _too_many_values(display_name, event, written)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _resolved(loader, value: str) -> str:
    """The type PyYAML gives ``value`` written plain (without quotes or a tag)."""
    return loader.resolve(yaml.ScalarNode, value, (True, False))


def _is_number(loader, event: yaml.ScalarEvent) -> bool:
    """Whether PyYAML would make this scalar a number (or it is digits kept as text)."""
    if event.tag in _NUMBER_TAGS:
        return True
    plain = event.implicit[0] and event.style in (None, "")
    if not plain:
        return False
    return _resolved(loader, event.value) in _NUMBER_TAGS or bool(
        BARE_NUMBER.fullmatch(event.value)
    )


def _tag_does_not_fit(display_name: str, event: yaml.ScalarEvent) -> ContentMessage:
    tag = event.tag.replace("tag:yaml.org,2002:", "!!")
    shown = event.value if len(event.value) <= 40 else event.value[:37] + "..."
    return _message(
        display_name,
        event,
        f"expected {_TAGGED_KINDS[event.tag]} after {tag}, found {shown!r}: content needs no "
        f"tags, so write the value without {tag}",
        column=True,
    )


def _number_too_long(display_name: str, event: yaml.ScalarEvent) -> ContentMessage:
    return _message(
        display_name,
        event,
        f"expected a number of at most {MAX_NUMBER_CHARS} characters, found "
        f"{len(event.value):,} characters: no number in content is this long; if it is text, "
        "put it in quotes",
        column=True,
    )


def _too_many_values(display_name: str, event: yaml.Event, written: int) -> ContentMessage:
    if written > MAX_VALUES:
        problem = (
            f"this file holds more than {MAX_VALUES:,} values (each field name counts): no "
            "content file needs this many; is it the right file? Split it or shorten it"
        )
    else:
        problem = (
            f"aliases (*name) and merge keys (<<) make this file more than {MAX_VALUES:,} "
            "values: write the values out instead of repeating them through aliases"
        )
    return _message(display_name, event, problem, column=False)


def _message(display_name: str, event: yaml.Event, problem: str, column: bool) -> ContentMessage:
    mark = event.start_mark
    return ContentMessage(
        display_name, mark.line + 1, column=mark.column + 1 if column else 0, problem=problem
    )
