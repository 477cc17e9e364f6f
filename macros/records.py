"""Typed records for everything in content/, and the field rules each value must meet.

Field names follow Open Referral UK where one fits (organization → provider, service, phones,
schedules with byday/opens_at/closes_at), so the data can later be published in that format.
Every model is strict (no silent conversion), closed (unknown keys are errors) and frozen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, ClassVar, Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .addresses import UnusableAddress, rebuilt_web_address
from .bounds import MAX_PAGE_BUDGET, MAX_PERIOD, MAX_ROUTE_ORDER, at_most_problem, period_problem
from .markdown_safety import unsafe_links
from .textchars import character_problem
from .yamlsource import AmbiguousWord, BareNumber

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


ProviderId = Annotated[RecordId, Reference("provider")]
TimeLimitId = Annotated[RecordId, Reference("time limit")]
EventId = Annotated[RecordId, Reference("event")]
FormId = Annotated[RecordId, Reference("form")]
RouteId = Annotated[RecordId, Reference("route")]
ProposalId = Annotated[RecordId, Reference("proposal")]
# The id of a national body (content/national/providers.yml), not a council's provider or a role.
NationalBodyId = Annotated[RecordId, Reference("national body")]
UkPhone = _text_type(_uk_phone)
EmailAddress = _text_type(_email)
WebAddress = _text_type(_web_address)
Postcode = _text_type(_postcode, pattern=_POSTCODE.pattern)
Time = _text_type(_time)
Colour = _text_type(_colour_for_white_text)
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


# --- Contact channels: each carries the date someone last checked it still works, and the page
# it was read on (``source``: a national body's must have one, content.national_body_errors). ---


class PhoneChannel(Record):
    number: UkPhone
    description: Text | None = None
    source: WebAddress | None = None
    last_checked: date


class EmailChannel(Record):
    address: EmailAddress
    source: WebAddress | None = None
    last_checked: date


class WebsiteChannel(Record):
    url: WebAddress
    # What the page is, where it is not the organisation's own site.
    description: Text | None = None
    source: WebAddress | None = None
    last_checked: date


class PostalAddress(Record):
    """A postal address as the page it was read on gives it: its lines, and its postcode only
    where that page gives one."""

    lines: list[Name] = Field(min_length=1)
    postcode: Postcode | None = None
    source: WebAddress | None = None
    last_checked: date


class WebPage(Record):
    """A page about the organisation families can read (GOV.UK's guide, a fact sheet)."""

    title: Name
    url: WebAddress
    last_checked: date


class Schedule(Record):
    """Opening hours, as in Open Referral UK: days (RFC 5545 codes) and times."""

    byday: list[DayCode] = Field(min_length=1)
    opens_at: Time
    closes_at: Time
    description: Text | None = None
    source: WebAddress | None = None
    last_checked: date

    @model_validator(mode="after")
    def _opens_before_closing(self) -> Schedule:
        if self.opens_at >= self.closes_at:
            raise _problem(
                f"expected opens_at before closes_at, found {self.opens_at} to {self.closes_at}"
            )
        return self


class Organization(Record):
    """An organisation families can contact (Open Referral UK: organization with its contacts)."""

    record_kind: ClassVar[str] = "provider"
    id: RecordId
    name: Name
    description: Text
    # What families can ask them for, one short statement each.
    help_with: list[Text] = []
    phones: list[PhoneChannel] = []
    email: EmailChannel | None = None
    website: WebsiteChannel | None = None
    address: PostalAddress | None = None
    schedules: list[Schedule] = []
    pages: list[WebPage] = []

    def can_be_contacted(self) -> bool:
        return bool(self.phones or self.email or self.website)


class NotedOrganization(Organization):
    """A national body as a council's pages show it: with the council's own notes about it
    (NationalNote). Made by the loader, never read from a file."""

    local_notes: list[Text] = []


class CouncilContact(Organization):
    """A council team families or visitors can contact (not a provider of a service)."""

    record_kind: ClassVar[str] = "contact"


# --- content/site.yml ---


class Council(Record):
    name: Name
    local_offer_url: WebAddress
    # Where this guide is published; printed pages show each page's full address.
    site_address: WebAddress


class Branding(Record):
    colour: Colour
    logo: Text


class AccessibilityStatement(Record):
    compliance: Literal["fully", "partially", "not"]
    known_issues: list[Text] = []
    how_tested: Text
    prepared_on: date
    reviewed_on: date


class SiteSettings(Record):
    record_kind: ClassVar[str] = "site"
    council: Council
    accessibility_contact: CouncilContact
    accessibility: AccessibilityStatement
    branding: Branding
    last_reviewed: date
    # When the guide must next be reviewed; the build warns once this date has passed.
    review_due: date


# --- content/providers.yml ---


class ProviderList(Record):
    providers: list[Organization] = Field(min_length=1)


class NationalNote(Record):
    """A council's own note about a national body, such as where the tribunal usually holds
    hearings for its area, shown on the body's contact card. A note cannot change the body's
    contact details: a change in changes.yml can."""

    record_kind: ClassVar[str] = "national note"
    provider: NationalBodyId
    note: Text
    last_checked: date


class CouncilProviderList(ProviderList):
    """A council's providers.yml: its own providers, and its notes about national bodies."""

    national_notes: list[NationalNote] = []


# --- The national layer: content/national/national.yml ---


# A version of the national layer: its year and month, such as 2026.12.
NationalVersion = Annotated[Text, Field(pattern=r"^20\d\d\.(0[1-9]|1[0-2])$")]


class Role(Record):
    """A local service that national content names by its role; each council says who does it."""

    record_kind: ClassVar[str] = "role"
    id: RecordId
    name: Name
    description: Text


class LawSource(Record):
    """A body of sources the law on the site was checked against, and when it was read."""

    name: Name
    url: WebAddress | None = None
    # The month its text was read, as 2026-12.
    read_in: Annotated[str, Field(pattern=r"^20\d\d-(0[1-9]|1[0-2])$")]


class LawCheck(Record):
    """When the law pack was last checked against its sources, and which sources."""

    checked_on: date
    sources: list[LawSource] = Field(min_length=1)


class OfficialPage(Record):
    """A page of an official body (GOV.UK, legislation.gov.uk, an ombudsman's own site)."""

    title: Name
    url: WebAddress


class LegislationAddress(Record):
    """Where a piece of law is published: a source whose citation begins with its title must
    give the address of the provision it cites, under this one (make check warns if not)."""

    title: Name
    url: WebAddress


class NationalLayer(Record):
    record_kind: ClassVar[str] = "national layer"
    version: NationalVersion
    law_check: LawCheck
    # The pieces of law sources cite, each with the address it is published at.
    legislation: list[LegislationAddress] = []
    roles: list[Role] = Field(min_length=1)
    # The whole guide's pages in reading order: addresses of pages in docs/ ('' is the home
    # page), and 'routes/*' for every route's page in the routes' own order.
    guide_order: list[Annotated[str, Field(pattern=r"^([a-z0-9-]+/)*(\*)?$")]] = Field(min_length=1)


# --- A council's roles.yml and changes.yml ---


class RoleBindings(Record):
    """Which of the council's providers does each role national content names."""

    # The national layer's version this council last checked its changes against.
    national_version: NationalVersion
    # Each role used must have at least one provider: a role bound to none would leave pages
    # with nobody to contact.
    roles: dict[RecordId, Annotated[list[RecordId], Field(min_length=1)]]


class Change(Record):
    """One deliberate change a council makes to a national value, found by ids."""

    record_kind: ClassVar[str] = "change"
    # A national file and a path of field names and ids, such as
    # 'route-finder.yml questions.decision.options.refuse-assess.next'.
    target: Annotated[Text, Field(pattern=r"^[a-z0-9/-]+\.yml [a-z0-9_.-]+$")]
    # The national value this change replaces, as it was when the change was written.
    national: object
    value: object
    why: Text


class CouncilChanges(Record):
    changes: list[Change] = Field(min_length=1)


# --- content/disagreement-resolution.yml ---


class DisagreementType(Record):
    record_kind: ClassVar[str] = "disagreement type"
    id: RecordId
    between: Text
    about: Text


class Item(Record):
    """A short statement in a list (a stage, something covered, a key fact)."""

    record_kind: ClassVar[str] = "item"
    id: RecordId
    text: Text


class ProcessStep(Record):
    record_kind: ClassVar[str] = "step"
    id: RecordId
    title: Name
    text: Markdown


class ServiceProviders(Record):
    """Which providers do what for this service, by provider id."""

    formal: list[ProviderId] = Field(min_length=1)
    information_and_support: list[ProviderId] = Field(min_length=1)


class Service(Record):
    """A way to resolve a disagreement (Open Referral UK: service)."""

    record_kind: ClassVar[str] = "service"
    id: RecordId
    name: Name
    description: Text
    purpose: Text
    who_can_use: Text
    disagreement_types: list[DisagreementType] = Field(min_length=1)
    former_names_note: Text
    stages_intro: Text
    stages: list[Item] = Field(min_length=1)
    covers_intro: Text
    covers: list[Item] = Field(min_length=1)
    key_facts: list[Item] = Field(min_length=1)
    steps: list[ProcessStep] = Field(min_length=1)
    providers: ServiceProviders
    sources: list[Source] = Field(min_length=1)


# --- content/time-limits.yml: every legal time limit once, as wording and as a rule ---

TimeUnit = Literal["months", "weeks", "days", "working-days", "school-days"]
# What a situation on a finder outcome can be, as a few facts the law turns on. Route cases and
# time limits say which situations they fit; the loader checks every outcome against them.
# "possible": there may be an appeal, depending on something the finder does not ask.
AppealRight = Literal["with-certificate", "without-certificate", "late", "possible", "none"]
ClaimForum = Literal["tribunal", "county-court", "depends", "none"]
MediationArranger = Literal["council", "icb", "none"]
# Whether the child or young person has an EHC plan, where the outcome knows.
PlanStatus = Literal["has-plan", "none", "unknown"]


class Situation(Record):
    """The facts of an outcome that decide which routes, cases and time limits fit it.

    appeal: whether there is an appeal to the SEND tribunal, and whether it needs a mediation
    certificate first (or is already late); claim: where a disability discrimination claim goes;
    mediation: who arranges mediation, if the family has a right to it; plan: whether the child
    has an EHC plan (an outcome for a child with none shows no time limit about a plan).
    """

    appeal: AppealRight = "none"
    claim: ClaimForum = "none"
    mediation: MediationArranger = "none"
    plan: PlanStatus = "unknown"


class Fits(Record):
    """The situations a case or a time limit fits: for each fact, the values it allows.

    A fact left out allows any value.
    """

    appeal: list[AppealRight] | None = Field(default=None, min_length=1)
    claim: list[ClaimForum] | None = Field(default=None, min_length=1)
    mediation: list[MediationArranger] | None = Field(default=None, min_length=1)
    plan: list[PlanStatus] | None = Field(default=None, min_length=1)

    def misfits(self, situation: Situation) -> list[tuple[str, list[str], str]]:
        """(fact, allowed values, the situation's value) for each fact the situation breaks."""
        return [
            (fact, allowed, getattr(situation, fact))
            for fact in type(self).model_fields
            if (allowed := getattr(self, fact)) is not None
            and getattr(situation, fact) not in allowed
        ]


class Event(Record):
    """Something a time limit counts from, such as the council sending its decision letter."""

    record_kind: ClassVar[str] = "event"
    id: RecordId
    description: Text


class Period(Record):
    """A length of time after an event: '2 months from the decision letter being sent'."""

    counts_from: EventId
    # Before length, so that length's bound (bounds.MAX_PERIOD) knows its unit.
    unit: TimeUnit
    length: int = Field(ge=0, json_schema_extra={"maximum": max(MAX_PERIOD.values())})
    # "after" the event (its day is not counted: within 2 months after the letter was sent), or
    # "starting-with" it (its day is day one, so the period ends a day sooner: Equality Act
    # 2010, Schedule 17, paragraph 4, "6 months starting with the date of the conduct").
    counting: Literal["after", "starting-with"] = "after"

    @field_validator("length")
    @classmethod
    def _at_most_three_years(cls, length: int, info: ValidationInfo) -> int:
        problem = period_problem(length, info.data.get("unit", ""))
        if problem is not None:
            raise _problem(problem)
        return length


class TimeRule(Record):
    """A time limit as data, complete enough to work out a date from (deadlines-and-changes §1).

    periods: one period, or several where the law says the later end counts (``combine: later``).
    meaning: act-by (it must happen by the end), at-least (the least time you get), usually (a
    normal time, not a legal limit).
    sen_holiday_extension: an end from 25 December to 1 January, or in August, moves to the first
    working day after 1 January or 31 August (HESC Rules 2008, rule 12(3), SEN appeals only).
    non_working_day: where an end on a weekend or bank holiday moves.
    """

    periods: list[Period] = Field(min_length=1)
    combine: Literal["only", "later"] = "only"
    meaning: Literal["act-by", "at-least", "usually"]
    who_acts: Literal[
        "you",
        "council",
        "icb",
        "council-or-icb",
        "mediation-adviser",
        "mediator",
        "tribunal",
        "nhs",
        "setting",
    ]
    sen_holiday_extension: bool = False
    non_working_day: Literal["next-working-day", "not-stated"] = "not-stated"
    # The time of day by which something must be received on the last day, if the law sets one.
    received_by: Time | None = None
    # Judicial review: promptly, and the period is only the latest.
    promptly: bool = False

    @model_validator(mode="after")
    def _combine_fits_periods(self) -> TimeRule:
        several = len(self.periods) > 1
        if several and self.combine != "later":
            raise _problem(
                f"expected combine: later with {len(self.periods)} periods (the later end counts), "
                f"found combine: {self.combine}"
            )
        if not several and self.combine == "later":
            raise _problem("expected 2 or more periods with combine: later, found 1")
        return self


class TimeLimit(Record):
    """A deadline or statutory time limit: the one place its period is written."""

    record_kind: ClassVar[str] = "time limit"
    id: RecordId
    # A short name with no number in it, for links from route cards: 'Appeal to the tribunal'.
    name: Name
    text: Text
    rule: TimeRule
    fits: Fits = Fits()
    source: Source


class CountingRule(Record):
    """One rule for counting time, as the "Work out your deadlines" page shows it beside the
    step of a deadline's working it made: the rule in one line, and its source."""

    text: Text
    source: Source


class CountingRules(Record):
    """Each rule for counting time, once (deadlines-and-changes.md section 1). The steps of a
    deadline's working (macros/deadlines.py) refer to them by these names."""

    months: CountingRule  # the corresponding-date rule for calendar months
    starting_with: CountingRule  # a period "starting with" a day counts that day
    later_of: CountingRule  # of two periods, the later end counts
    august: CountingRule  # the SEN appeal's August extension
    christmas: CountingRule  # the SEN appeal's 25 December to 1 January extension
    next_working_day: CountingRule  # an end on a non-working day moves to the next working day
    # where no source says an end on a non-working day moves: the safe reading for a family
    earlier_working_day: CountingRule
    working_day: CountingRule  # what a working day is


class DateQuestion(Record):
    """A date the deadline page asks for: the day an event happened."""

    event: EventId
    label: Name
    # How the working and the error messages refer to it mid-sentence: "the date on the letter".
    short_label: Name
    hint: Text
    # False for a date a family may not have yet, such as a mediation certificate's.
    required: bool = True


class FirstStep(Record):
    """A time limit of a calculation that comes before its main one (contacting the mediation
    adviser before an appeal): the page shows it as the first thing to do, and when it is not
    needed."""

    time_limit: TimeLimitId
    label: Name  # "Do this first"
    not_needed: Text  # when this step is not needed (an appeal only about Section I)
    if_passed: Text  # what to do if this step's last day has passed
    source: Source


class WhenPassed(Record):
    """What the deadline page says when a calculation's main last day is before today: that it
    has passed, what the tribunal weighs in taking a late appeal or claim, and what to do now,
    with where that comes from (deadlines-and-changes.md section 1, rule 7)."""

    heading: Name  # "The last day to appeal has passed"
    summary: Text  # what that means
    weighs: Text  # what the tribunal looks at
    what_to_do: list[Text] = Field(min_length=1)  # the next steps, in order
    sources: list[Source] = Field(min_length=1)


class Calculation(Record):
    """One form on the "Work out your deadlines" page: the dates it asks for and the time limits
    it works out from them. Every period of those time limits counts from one of its dates. The
    first time limit is the main one (the appeal): the page shows it first, and says when_passed
    when its last day is before today."""

    record_kind: ClassVar[str] = "calculation"
    id: RecordId
    heading: Name
    introduction: Text
    dates: list[DateQuestion] = Field(min_length=1)
    time_limits: list[TimeLimitId] = Field(min_length=1)
    first_step: FirstStep | None = None
    when_passed: WhenPassed
    # Where the law can be read two ways, what the page does about it (the research's
    # "ambiguities to show users"), shown with the dates.
    readings: list[Text] = []

    @field_validator("first_step")
    @classmethod
    def _first_step_is_a_later_time_limit(cls, step: FirstStep | None, info: ValidationInfo):
        main, *others = info.data.get("time_limits") or [None]
        if step is not None and main is not None and step.time_limit not in others:
            raise _problem(
                f"expected one of this calculation's time limits after its main one "
                f"({main!r}): {', '.join(repr(t) for t in others) or 'none'}; found "
                f"{step.time_limit!r}"
            )
        return step


class TimeLimitList(Record):
    events: list[Event] = Field(min_length=1)
    time_limits: list[TimeLimit] = Field(min_length=1)
    counting_rules: CountingRules
    # The forms of the "Work out your deadlines" page, in the order it shows them.
    calculations: list[Calculation] = Field(min_length=1)


# --- content/proposed-changes.yml: proposals that are not law, shown as such ---


class ProposedChange(Record):
    record_kind: ClassVar[str] = "proposal"
    id: RecordId
    title: Name
    text: Text
    status: Literal["proposed", "announced"]
    # When it was published or announced.
    published_on: date
    sources: list[Source] = Field(min_length=1)


class ProposedChanges(Record):
    record_kind: ClassVar[str] = "proposed changes"
    introduction: Text
    # When someone must check these again: make check warns in the last 30 days, and the build
    # fails once it has passed, so a page about proposals never goes stale unnoticed.
    review_by: date
    last_checked: date
    proposals: list[ProposedChange] = Field(min_length=1)


# --- content/routes/<id>.yml: one way of resolving a disagreement per file ---

MediationAdvice = Literal["needed", "not-needed", "depends"]


class RouteCase(Record):
    """One version of a route where the law varies: who, how to start, time limits, contacts."""

    record_kind: ClassVar[str] = "case"
    id: RecordId
    name: Name
    applies_when: Text
    who_can_use: Text | None = None
    mediation_advice: MediationAdvice | None = None
    how_to_start: list[Text] = Field(min_length=1)
    time_limits: list[TimeLimitId] = []
    providers: list[ProviderId] = []
    # Who runs this case, where it is not who runs the route (see Route.runs).
    runs: list[ProviderId] | None = None
    forms: list[FormId] = []
    fits: Fits = Fits()


class Route(Record):
    """A way to resolve a disagreement (Open Referral UK: service), one file each."""

    record_kind: ClassVar[str] = "route"
    id: RecordId
    name: Name
    # Where the route sits on the "Ways to sort out a disagreement" page, and in what order.
    group: Literal["informal", "formal", "appeal", "complaint", "legal", "signpost"]
    order: _number_at_most(MAX_ROUTE_ORDER, "where the route sits among the others")
    summary: Text
    who_can_use: Text
    covers: Text
    when: Text
    # Whether you must contact a mediation adviser before using this route.
    mediation_advice: MediationAdvice
    mediation_advice_note: Text | None = None
    # Time limit ids (content/time-limits.yml) that apply whichever case it is.
    time_limits: list[TimeLimitId] = []
    cost: Text
    # Who can help with the cost (Civil Legal Advice, for legal aid): their contact cards are
    # under the cost on the route's page, and they are contacts of its service in the open data.
    cost_help: list[ProviderId] = []
    # The official guide to this route (GOV.UK's, or the body's own), where there is one.
    guide: OfficialPage | None = None
    # Everyone families can contact about the route: who runs it and who helps (SENDIASS...).
    providers: list[ProviderId] = []
    # Which of the providers runs the route (the tribunal, an ombudsman, a council team): the
    # organisation of its service in the open data. [] when the family's own school, college or
    # nursery runs it, which no provider record stands for.
    runs: list[ProviderId]
    how_to_start: list[Text] = Field(min_length=1)
    produces: Text
    # Where the law varies, each case of the route; a finder outcome names one.
    cases: list[RouteCase] = []
    # The situations the whole route fits (each case can narrow this).
    fits: Fits = Fits()
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _runs_is_one_of_the_providers(self) -> Route:
        """Who runs a route is also someone to contact, so its page shows their details."""
        for case in [None, *self.cases]:
            listed = self.providers + (case.providers if case else [])
            for runner in self.run_by(case):
                if runner not in listed:
                    where = f"case '{case.id}': " if case else ""
                    raise _problem(
                        f"{where}runs: expected one of the providers listed, found '{runner}'"
                    )
        return self

    def case(self, case_id: str | None) -> RouteCase | None:
        return next((c for c in self.cases if c.id == case_id), None)

    def run_by(self, case: RouteCase | None) -> list[str]:
        """Who runs this case of the route (or the route, for None)."""
        return self.runs if case is None or case.runs is None else case.runs

    @property
    def all_time_limits(self) -> list[str]:
        """The route's time limit ids and every case's, each once, in order."""
        ids = [*self.time_limits, *(t for case in self.cases for t in case.time_limits)]
        return list(dict.fromkeys(ids))

    @property
    def all_providers(self) -> list[str]:
        """The route's providers, who helps with its cost, and every case's providers, each
        once, in order."""
        ids = [
            *self.providers,
            *self.cost_help,
            *(p for case in self.cases for p in case.providers),
        ]
        return list(dict.fromkeys(ids))


# --- content/route-finder.yml: the "which route is for me" questions, as data ---


class Option(Record):
    record_kind: ClassVar[str] = "option"
    id: RecordId
    label: Name
    hint: Text | None = None
    # The id of the next question, or of an outcome.
    next: RecordId


class Question(Record):
    record_kind: ClassVar[str] = "question"
    id: RecordId
    text: Text
    hint: Text | None = None
    options: list[Option] = Field(min_length=2)


class OutcomeRoute(Record):
    route: RecordId
    # Which case of the route fits, for a route that has cases.
    case: RecordId | None = None
    why: Text


class Outcome(Record):
    record_kind: ClassVar[str] = "outcome"
    id: RecordId
    # The page's heading and title: the situation in a few words, so each page can be told apart.
    title: Name
    summary: Text
    situation: Situation = Situation()
    routes: list[OutcomeRoute] = Field(min_length=1)
    first_step: Text
    # Time limit ids (content/time-limits.yml); the time limits of its routes' cases are added.
    deadlines: list[TimeLimitId] = []
    # Proposed changes (content/proposed-changes.yml) that would touch this situation.
    proposals: list[ProposalId] = []


class YoungPeopleNote(Record):
    """Who acts for a young person aged 16 to 25: shown on outcomes with an appeal, a claim or
    mediation, where it changes who acts."""

    heading: Name
    points: list[Text] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class RouteFinder(Record):
    record_kind: ClassVar[str] = "route finder"
    start: RecordId
    # The most pages the finder may generate (one per path through the questions).
    page_budget: _number_at_most(MAX_PAGE_BUDGET, "each page is built and checked")
    young_people: YoungPeopleNote
    questions: list[Question] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)


class FinderAdditions(Record):
    """A council's own questions and outcomes, added to the national route finder."""

    questions: list[Question] = []
    outcomes: list[Outcome] = []


# --- content/national/appeal-guide.yml: how to send an appeal or claim, and what happens next ---


class GuidePoint(Record):
    """One statement on the appeal guide page (a step, where its part is numbered), with how
    long it takes (time limit ids: the law's, or usual times) and where it comes from."""

    record_kind: ClassVar[str] = "point"
    id: RecordId
    # A step's own heading, in a numbered part.
    title: Name | None = None
    text: Text
    time_limits: list[TimeLimitId] = []
    sources: list[Source] = Field(min_length=1)


class PaperForm(Record):
    """One of the tribunal's forms, by its name, and what it is for."""

    record_kind: ClassVar[str] = "paper form"
    id: RecordId
    name: Name
    use_for: Text


class GuidePart(Record):
    """A part of the appeal guide page, under its own heading, shown in this order: its
    introduction, time limits (linked to the deadline page where it works them out), points
    (numbered steps where ``numbered``), the tribunal's forms, what follows them (``after``),
    links to official pages and contact details."""

    record_kind: ClassVar[str] = "part"
    id: RecordId
    heading: Name
    intro: list[Text] = []
    time_limits: list[TimeLimitId] = []
    numbered: bool = False
    points: list[GuidePoint] = []
    forms: list[PaperForm] = []
    after: list[Text] = []
    links: list[OfficialPage] = []
    # Bodies whose contact details the part shows (the tribunal), or roles.
    contacts: list[ProviderId] = []
    # Where the introduction, the forms and what follows the points come from.
    sources: list[Source] = []


class NarrowFits(Fits):
    """Situations that name at least one fact: one that names none would fit every outcome."""

    @model_validator(mode="after")
    def _names_a_fact(self) -> NarrowFits:
        if all(getattr(self, fact) is None for fact in type(self).model_fields):
            raise _problem(
                "names no situation, so it would fit every outcome: give it appeal:, claim:, "
                "mediation: or plan:"
            )
        return self


class AppealGuide(Record):
    """The "How to appeal" page: how to send an appeal or a claim to the tribunal, and what
    happens next. Route pages (routes) and finder outcomes whose situation fits one of
    ``outcomes`` link to it."""

    record_kind: ClassVar[str] = "appeal guide"
    title: Name
    introduction: list[Text] = Field(min_length=1)
    # The words of the link to the page from routes and finder outcomes.
    link_text: Name
    routes: list[RouteId] = Field(min_length=1)
    outcomes: list[NarrowFits] = Field(min_length=1)
    # When the pages the sources cite were read.
    read_on: date
    parts: list[GuidePart] = Field(min_length=1)

    def links_from(self, situation: Situation) -> bool:
        """Whether a finder outcome in this situation links to the page."""
        return any(not fits.misfits(situation) for fits in self.outcomes)


# --- content/forms/<id>.yml: one request form per file ---

FieldType = Literal[
    "short-text", "long-text", "date", "email", "phone", "tick-one", "tick-any", "yes-no", "consent"
]
# HTML autocomplete tokens for fields about the person filling in the form (WCAG 1.3.5).
Autocomplete = Literal[
    "name", "given-name", "family-name", "email", "tel", "street-address", "postal-code", "bday"
]


class FormOption(Record):
    record_kind: ClassVar[str] = "option"
    id: RecordId
    label: Name


# Each field type, by how it is answered; one-line fields also by their HTML input type.
_FIELD_CONTROLS = {
    "tick-one": "choose-one",
    "yes-no": "choose-one",
    "tick-any": "choose-any",
    "consent": "consent",
    "long-text": "long",
    "short-text": "line",
    "date": "line",
    "email": "line",
    "phone": "line",
}
_INPUT_TYPES = {"short-text": "text", "date": "date", "email": "email", "phone": "tel"}


class FormField(Record):
    record_kind: ClassVar[str] = "field"
    id: RecordId
    type: FieldType
    label: Name
    hint: Text | None = None
    required: bool = False
    autocomplete: Autocomplete | None = None
    # For tick-one and tick-any: the choices (checked even when left out).
    options: list[FormOption] = Field(default=[], validate_default=True)

    @property
    def control(self) -> str:
        """How the field is answered, in every place a form is shown (web page, PDFs, the
        PDF's radio groups): 'choose-one', 'choose-any', 'consent', 'long' or 'line'."""
        return _FIELD_CONTROLS[self.type]

    @property
    def input_type(self) -> str | None:
        """The HTML input type of a one-line field ('text', 'date', 'email', 'tel')."""
        return _INPUT_TYPES.get(self.type)

    @field_validator("options")
    @classmethod
    def _options_fit_the_type(cls, options: list[FormOption], info: ValidationInfo):
        field_type = info.data.get("type")
        if field_type in ("tick-one", "tick-any") and len(options) < 2:
            raise _problem(
                f"expected at least 2 options for a {field_type} field, found {len(options)}"
            )
        if field_type not in ("tick-one", "tick-any", None) and options:
            raise _problem(f"expected no options for a {field_type} field, found {len(options)}")
        return options


class FormSection(Record):
    record_kind: ClassVar[str] = "section"
    id: RecordId
    title: Name
    intro: Text | None = None
    fields: list[FormField] = Field(min_length=1)


class RequestForm(Record):
    """A form a family fills in on screen, as a fillable PDF, or on paper."""

    record_kind: ClassVar[str] = "form"
    id: RecordId
    title: Name
    introduction: Text
    # Important points shown before the form.
    notes: list[Text] = []
    # Time limit ids (content/time-limits.yml) shown before the form, such as a deadline.
    time_limits: list[TimeLimitId] = []
    # Who the form can go to: provider ids, none for a sheet you keep. How to send it comes from
    # their contact details.
    recipients: list[ProviderId] = []
    # The routes whose pages (and finder outcomes) link to this form.
    routes: list[RouteId] = []
    sections: list[FormSection] = Field(min_length=1)
