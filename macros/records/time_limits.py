"""The records of content/time-limits.yml: every legal time limit once, as wording and as a rule.

Also the situations (Situation, Fits) that routes, cases, time limits and finder outcomes share.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..bounds import MAX_PERIOD, period_problem
from .fields import EventId, Name, Record, RecordId, Source, Text, Time, TimeLimitId, _problem

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
