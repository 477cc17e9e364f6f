"""A small reader for the iCalendar files the deadline page makes (RFC 5545), using only the
standard library: strict enough to fail on a file a calendar would reject."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# RFC 5545 section 3.3.6, a duration: "-P14D", "P1W", "-PT15M".
DURATION = re.compile(r"^[+-]?P(\d+W|\d+D(T(\d+H)?(\d+M)?(\d+S)?)?|T(\d+H)?(\d+M)?(\d+S)?)$")


@dataclass
class Component:
    name: str
    properties: list[tuple[str, list[str], str]] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return [value for each, _, value in self.properties if each == name]

    def value(self, name: str) -> str:
        (found,) = self.values(name)
        return found

    def children(self, name: str) -> list[Component]:
        return [child for child in self.components if child.name == name]


def parse(text: str) -> list[Component]:
    """The file's top-level components. Lines end with CRLF, and are at most 75 octets; a longer
    one goes on over lines that start with a space (folding). Every BEGIN has its END."""
    assert text.endswith("\r\n"), "the file must end with CRLF"
    folded = text[:-2].split("\r\n")
    assert all(len(line.encode()) <= 75 for line in folded), "a line is over 75 octets"
    top = Component("")
    stack = [top]
    for line in text[:-2].replace("\r\n ", "").split("\r\n"):
        head, colon, value = line.partition(":")
        assert colon, f"not a content line: {line!r}"
        name, *parameters = head.split(";")
        if name == "BEGIN":
            child = Component(value)
            stack[-1].components.append(child)
            stack.append(child)
        elif name == "END":
            assert len(stack) > 1 and stack.pop().name == value, f"END:{value} without its BEGIN"
        else:
            stack[-1].properties.append((name, parameters, value))
    assert stack == [top], f"BEGIN:{stack[-1].name} without its END"
    return top.components
