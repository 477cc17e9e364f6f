"""The records of content/letters/<id>.yml: one letter a family can send per file.

A letter asks only what it needs (sections of fields, as a request form's), and its subject and
paragraphs name the answers by placeholders: ``{field-id}``, ``{deadline:time-limit-id}``,
``{council}`` and ``{recipient}``. ``letter_parts`` reads them; the loader's checks
(content/checks/letter_text.py) refuse any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Discriminator, Field, Tag

from .fields import Name, ProviderId, Record, RecordId, RouteId, Text, TimeLimitId
from .forms import FormField, FormSection
from .time_limits import Fits

# The fields the letter's frame (the template) shows, by id: every letter has the first two.
LETTER_DATE_FIELD, SENDER_NAME_FIELD, SENDER_ADDRESS_FIELD = (
    "letter-date",
    "your-name",
    "your-address",
)
# Who the letter is to, typed by the family, when ``to`` is [] (a school has no provider record).
RECIPIENT_NAME_FIELD, RECIPIENT_ADDRESS_FIELD = "recipient-name", "recipient-address"
# Placeholders that are not a field: the council's name, and who the letter is to.
COUNCIL, RECIPIENT = "council", "recipient"
DEADLINE_PREFIX = "deadline:"

_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# A placeholder, or a brace that starts or ends none.
_BRACES = re.compile(r"\{[^{}\n]*\}|[{}]")
_FIELD = re.compile(_ID)
_DEADLINE = re.compile(re.escape(DEADLINE_PREFIX) + f"({_ID})")

PartKind = Literal["text", "field", "deadline", "council", "recipient", "unknown"]


@dataclass(frozen=True)
class Part:
    """A piece of a letter's text: words as written, or a placeholder (its field or time limit
    id in ``value``; for "unknown", the braces as written)."""

    kind: PartKind
    value: str = ""


def _placeholder(written: str) -> Part:
    inside = written[1:-1] if len(written) > 1 else ""
    if inside in (COUNCIL, RECIPIENT):
        return Part(inside)
    if deadline := _DEADLINE.fullmatch(inside):
        return Part("deadline", deadline.group(1))
    if _FIELD.fullmatch(inside):
        return Part("field", inside)
    return Part("unknown", written)


def letter_parts(text: str) -> list[Part]:
    """A subject or paragraph as words and placeholders, in order:
    'Dear {recipient}, by {deadline:x}' → text, recipient, text, deadline x."""
    parts, start = [], 0
    for match in _BRACES.finditer(text):
        if match.start() > start:
            parts.append(Part("text", text[start : match.start()]))
        parts.append(_placeholder(match.group(0)))
        start = match.end()
    if start < len(text):
        parts.append(Part("text", text[start:]))
    return parts


class Citation(Record):
    """A paragraph that is a time limit's own wording (its ``text``), never typed again."""

    cite: TimeLimitId


# The tags of the kinds of paragraph. Pydantic puts a tag in the place of a problem inside a
# paragraph ('paragraphs', 2, 'cited paragraph', 'cite'); the loader leaves them out of messages.
TEXT_PARAGRAPH, CITED_PARAGRAPH = "text paragraph", "cited paragraph"
UNION_TAGS = frozenset({TEXT_PARAGRAPH, CITED_PARAGRAPH})


def _paragraph_kind(value: object) -> str:
    return CITED_PARAGRAPH if isinstance(value, dict) else TEXT_PARAGRAPH


# A paragraph of the letter: text with placeholders, or {cite: a time limit's id}.
Paragraph = Annotated[
    Annotated[Text, Tag(TEXT_PARAGRAPH)] | Annotated[Citation, Tag(CITED_PARAGRAPH)],
    Discriminator(_paragraph_kind),
]


class Letter(Record):
    """A letter a family can send: filled in on the device, printed with blanks, or as Word."""

    record_kind: ClassVar[str] = "letter"
    id: RecordId
    title: Name
    introduction: Text
    # Who it goes to: roles (bound by each council in roles.yml) or providers; [] when the family
    # types who it is to (fields recipient-name and recipient-address).
    to: list[ProviderId]
    # The routes whose first step this letter is: their pages, and finder outcomes, link it.
    routes: list[RouteId] = []
    # The situations it fits; an outcome that links it must be one of them.
    fits: Fits = Fits()
    # The time limits whose deadlines the letter names ({deadline:id}).
    time_limits: list[TimeLimitId] = []
    # Time limit and route ids: the letter ends with their sources, as "The law".
    legal_basis: list[RecordId] = Field(min_length=1)
    sections: list[FormSection] = Field(min_length=1)
    subject: Name
    paragraphs: list[Paragraph] = Field(min_length=1)

    @property
    def fields(self) -> dict[str, FormField]:
        """Every field of the letter, by id."""
        return {f.id: f for section in self.sections for f in section.fields}

    @property
    def cited(self) -> list[str]:
        """The time limit ids the paragraphs cite, in order."""
        return [p.cite for p in self.paragraphs if isinstance(p, Citation)]
