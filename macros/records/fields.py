"""The field types every content file's records share, and the rules each value must meet.

Text, names, Markdown, ids, UK phone numbers, email and web addresses, postcodes, times and
colours; Reference (a field holding another record's id); Record, the base of every record; and
Source, where a fact comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic_core import PydanticCustomError

from ..addresses import UnusableAddress, rebuilt_web_address
from ..bounds import at_most_problem
from ..markdown_safety import unsafe_links
from ..textchars import character_problem
from ..yamlsource import AmbiguousWord, BareNumber

# The start of an HTML tag, closed or not: '<svg/onload=...' runs in a browser without its '>'.
_HTML_TAG = re.compile(r"</?[A-Za-z!?][^>\s]*>?")
# Markdown links and images: inline [text](target), reference definitions [id]: target, and
# autolinks <target>. Only https:, mailto: and tel: addresses and links within the site are safe.
_MARKDOWN_IMAGE = re.compile(r"!\[")
_MARKDOWN_TARGETS = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE
)
_SAFE_LINK = re.compile(r"^(https://|mailto:|tel:|#|\.{0,2}/|[A-Za-z0-9_-]+(/|\.html?|#|$))", re.I)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A UK postcode as Royal Mail writes it: outward code, a space, inward code ('WC2A 2LL').
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
_MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text


def _problem(message: str) -> PydanticCustomError:
    # "content" errors carry their whole message; the loader adds file, line, record and field.
    return PydanticCustomError("content", message)


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _not_yaml_surprise(value: object) -> object:
    """Reject values YAML reads differently from how they look, before they reach a text field."""
    if isinstance(value, BareNumber):
        raise _problem(
            f"expected text, found {value} without quotes: YAML may read it as a number and drop "
            f"a leading 0, so put it in quotes ('{value}')"
        )
    if isinstance(value, AmbiguousWord):
        raise _problem(
            f"expected text, found unquoted {value}: YAML reads yes, no, on and off as true or "
            f"false, so put it in quotes ('{value}') if you mean the word"
        )
    return value


def _plain_text(value: str) -> str:
    if not value.strip():
        raise _problem("expected text, found an empty value")
    tag = _HTML_TAG.search(value)
    if tag:
        raise _problem(
            f"expected plain text without HTML, found {tag.group(0)!r}: remove the tag "
            "(fields marked as Markdown may use Markdown instead)"
        )
    return value


class MarkdownText(str):
    """Text from a field the schema marks as Markdown; only these are rendered as Markdown."""


def _markdown_text(value: str) -> MarkdownText:
    _plain_text(value)
    if _MARKDOWN_IMAGE.search(value):
        raise _problem(
            "expected Markdown without images, found '!['; images are not allowed here, because "
            "they would load from another site"
        )
    typed = [m.group(1) or m.group(2) or "" for m in _MARKDOWN_TARGETS.finditer(value)]
    # And the links as Markdown makes them (markdown_safety): a reference definition in a quote
    # or a list item, or a target split by a tab or a line break, escapes the pattern above.
    unsafe = [t for t in typed if not safe_link(t)] + unsafe_links(value)
    if unsafe:
        raise _problem(
            f"expected a link to an https:, mailto: or tel: address or to a page of this "
            f"site, found {_shown(unsafe[0])}"
        )
    return MarkdownText(value)


def safe_link(target: str) -> bool:
    """Whether a link target is one a page may carry: https:, mailto:, tel: or within the site.

    'https://www.gov.uk' → True; 'javascript:alert(1)' → False; 'data:text/html,x' → False.
    """
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    return bool(_SAFE_LINK.match(cleaned))


def _record_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise _problem(
            "expected an id of lower-case letters, numbers and hyphens, like 'together-trust', "
            f"found {_shown(value)}"
        )
    return value


def _uk_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "GB")
        valid = phonenumbers.is_valid_number(number) and number.country_code == 44
    except phonenumbers.NumberParseException:
        valid = False
    if not valid:
        raise _problem(f"expected a UK phone number, found {_shown(value)}")
    return value


def _email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise _problem(
            f"expected an email address like name@example.org, found {_shown(value)}"
        ) from None
    return value


def _web_address(value: str) -> str:
    # Never kept as typed: parsed and rebuilt (addresses.py), so it is safe in any attribute.
    try:
        return rebuilt_web_address(value)
    except UnusableAddress as unusable:
        raise _problem(str(unusable)) from None


def _postcode(value: str) -> str:
    if not _POSTCODE.fullmatch(value):
        raise _problem(
            "expected a UK postcode in capitals with a space, like 'WC2A 2LL', found "
            f"{_shown(value)}"
        )
    return value


def _time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise _problem(f"expected a 24-hour time in quotes, like '09:00', found {_shown(value)}")
    return value


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'. '#ffffff' → 1.0, '#000000' → 0.0."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white on the colour. '#000000' → 21.0."""
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def _colour_for_white_text(value: str) -> str:
    if not _COLOUR.fullmatch(value):
        raise _problem(f"expected a colour in quotes like '#1d4f91', found {_shown(value)}")
    ratio = contrast_with_white(value)
    if ratio < _MIN_CONTRAST:
        raise _problem(
            "expected a colour dark enough for white text on it (contrast at least 4.5:1), "
            f"found {value!r} (contrast {ratio:.2f}:1)"
        )
    return value


def _characters(multiline: bool):
    """The characters every text may hold (textchars), checked after the field's own rules so
    those keep their wording."""

    def check(value: str) -> str:
        problem = character_problem(value, multiline)
        if problem is not None:
            raise _problem(problem)
        return value

    return check


def _text_type(*validators, multiline: bool = False, **schema):
    """A kind of text: its own rules, then the characters any text may hold. ``multiline``: a
    paragraph or more, where a tab or a line break may be."""
    return Annotated[
        str,
        BeforeValidator(_not_yaml_surprise),
        *(AfterValidator(v) for v in validators),
        AfterValidator(_characters(multiline)),
        Field(json_schema_extra=schema or None),
    ]


def _at_most(limit: int, what: str):
    """A length limit that fits the field's use, so no value can stall a page or the PDF."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise _problem(
                f"expected at most {limit:,} characters ({what}), found {len(value):,}: shorten it"
            )
        return value

    return check


def _number_at_most(most: int, what: str):
    """A whole number with an upper bound (bounds), for a number that drives a loop or a date."""

    def check(value: int) -> int:
        problem = at_most_problem(value, most, what)
        if problem is not None:
            raise _problem(problem)
        return value

    return Annotated[int, AfterValidator(check), Field(json_schema_extra={"maximum": most})]


# A paragraph, a name or title, and a Markdown field of a few paragraphs. The longest in the
# shipped content (December 2026): 848, 104 and 342 characters.
TEXT_LIMIT, NAME_LIMIT, MARKDOWN_LIMIT = 1_500, 150, 5_000
Text = _text_type(
    _at_most(TEXT_LIMIT, "a paragraph"), _plain_text, multiline=True, maxLength=TEXT_LIMIT
)
Name = _text_type(_at_most(NAME_LIMIT, "a name or a title"), _plain_text, maxLength=NAME_LIMIT)
Markdown = Annotated[
    str,
    BeforeValidator(_not_yaml_surprise),
    AfterValidator(_at_most(MARKDOWN_LIMIT, "a few paragraphs")),
    AfterValidator(_markdown_text),
    AfterValidator(_characters(multiline=True)),
    Field(json_schema_extra={"format": "markdown", "maxLength": MARKDOWN_LIMIT}),
]
RecordId = _text_type(_record_id, pattern=_ID.pattern)


@dataclass(frozen=True)
class Reference:
    """Marks a field that holds the id of another record, of this kind. One walk over the
    records (layers.references) checks every reference in every file against the ids of its
    kind. A "provider" reference may also be a local role's id (the national layer's roles),
    which each council binds to its own providers (layers.bind_roles)."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema, handler):
        # The schema names the kind too ("x-reference"), so the browser editor's config
        # (macros/editor/config.py) offers the ids of that kind as choices.
        return handler(core_schema) | {"x-reference": self.kind}


ProviderId = Annotated[RecordId, Reference("provider")]
TimeLimitId = Annotated[RecordId, Reference("time limit")]
EventId = Annotated[RecordId, Reference("event")]
FormId = Annotated[RecordId, Reference("form")]
RouteId = Annotated[RecordId, Reference("route")]
LetterId = Annotated[RecordId, Reference("letter")]
ProposalId = Annotated[RecordId, Reference("proposal")]
# The id of a national body (content/national/providers.yml), not a council's provider or a role.
NationalBodyId = Annotated[RecordId, Reference("national body")]
# The schemas' patterns for a phone number and an email address are looser than the checks
# (phonenumbers, email_validator), never stricter: a browser form refuses what plainly is not one.
UkPhone = _text_type(_uk_phone, pattern=r"^\+?[0-9][0-9 ()-]*[0-9]$")
EmailAddress = _text_type(_email, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WebAddress = _text_type(_web_address)
Postcode = _text_type(_postcode, pattern=_POSTCODE.pattern)
Time = _text_type(_time, pattern=_TIME.pattern)
Colour = _text_type(_colour_for_white_text, pattern=_COLOUR.pattern)
# The days of the week, in order: Open Referral UK's codes (schedules' byday) and their names.
DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
DayCode = Literal[tuple(DAYS)]


class Record(BaseModel):
    """Base for all content records: strict types, unknown keys rejected, read-only."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    # How an error names a record of this type, e.g. "provider 'kids'".
    record_kind: ClassVar[str] = ""


class Source(Record):
    """Where a fact comes from: an Act section, a regulation or a Code of Practice paragraph."""

    citation: Text
    # The provision's own page (legislation.gov.uk) or the official guidance, where one exists.
    url: WebAddress | None = None
    verified: bool = True
