"""The records of the accessibility statement: what the product does, the same for every council
(content/national/accessibility.yml), and a council's own part of it (site.yml, accessibility:).

Every claim the statement makes names the automated checks that prove it, and every known
problem the check that finds it, by the check's id (tests/sitecheck/checks.py). The loader knows
nothing of the tests, so it checks only that each is an id; the tests fail when a named check
does not exist, and when a known problem's check no longer finds it.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from .fields import Name, Record, RecordId, Text, _problem, _text_type
from .national import OfficialPage

# The success criteria of WCAG 2.2 at levels A and AA, the standard the regulations use. Their
# names are W3C's, and are written in the content beside each number.
WCAG_22_A_AA = frozenset({
    "1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1", "1.3.2", "1.3.3", "1.3.4",
    "1.3.5", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.10", "1.4.11", "1.4.12", "1.4.13",
    "2.1.1", "2.1.2", "2.1.4", "2.2.1", "2.2.2", "2.3.1", "2.4.1", "2.4.2", "2.4.3", "2.4.4",
    "2.4.5", "2.4.6", "2.4.7", "2.4.11", "2.5.1", "2.5.2", "2.5.3", "2.5.4", "2.5.7", "2.5.8",
    "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.6", "3.3.1", "3.3.2", "3.3.3",
    "3.3.4", "3.3.7", "3.3.8", "4.1.2", "4.1.3",
})  # fmt: skip


def _wcag_criterion(value: str) -> str:
    if value not in WCAG_22_A_AA:
        raise _problem(
            "expected the number of a WCAG 2.2 success criterion at level A or AA, such as "
            f"'1.4.3', found {value!r}"
        )
    return value


WcagCriterion = _text_type(_wcag_criterion)
# The id of an automated check (tests/sitecheck/checks.py).
CheckId = RecordId


class Claim(Record):
    """Something the statement says the site does, and the checks that prove it."""

    text: Text
    checks: list[CheckId] = Field(min_length=1)


class KnownProblem(Record):
    """A part of the site that does not meet WCAG 2.2 AA, as the statement lists it."""

    record_kind: ClassVar[str] = "known problem"
    # What does not work, for whom, and what to do instead, in words families read.
    problem: Text
    criterion: WcagCriterion
    # The criterion's name, as W3C writes it ('Contrast (Minimum)').
    criterion_name: Name
    fix_by: date
    # The check that finds it, and words of that check's failure that say it is this problem:
    # the tests fail once the check no longer finds it, so it is taken off the list.
    check: CheckId | None = None
    finding: Text | None = None

    @model_validator(mode="after")
    def _check_with_its_finding(self) -> KnownProblem:
        if (self.check is None) != (self.finding is None):
            raise _problem(
                "expected check: and finding: together (the automated check that finds this "
                "problem, and words of its failure), or neither"
            )
        return self


class ProductProblem(KnownProblem):
    """A known problem of the product itself: always found by an automated check."""

    check: CheckId
    finding: Text


class AccessibilityFacts(Record):
    """content/national/accessibility.yml: what the product does for accessibility."""

    record_kind: ClassVar[str] = "accessibility"
    # What you can do on the site ("use every page without JavaScript"), each with its checks.
    features: list[Claim] = Field(min_length=1)
    # What is true of every PDF the site makes.
    pdfs: list[Claim] = Field(min_length=1)
    # How the site is tested, each way with its checks, and what has not been tested.
    testing: list[Claim] = Field(min_length=1)
    not_tested: list[Text] = []
    known_problems: list[ProductProblem] = []
    disproportionate_burden: list[Text] = []
    not_in_scope: list[Text] = []
    improving: list[Text] = Field(min_length=1)
    # The regulations' name; the statement links their Part 5.
    regulations: Name
    # Part 5 of the regulations, the enforcement procedure the statement must link to.
    enforcement_procedure: OfficialPage
    # Where to go if you are not happy with the council's answer, by name only: none of its
    # contact details, its website included, was read on its own or a GOV.UK page.
    advice_service: Name


class AccessibilityStatement(Record):
    """A council's own part of its statement (site.yml, accessibility:)."""

    prepared_on: date = Field(description="When the council first published the statement.")
    reviewed_on: date = Field(description="When someone last checked the statement is right.")
    known_problems: list[KnownProblem] = Field(
        [],
        description="Problems in the council's own content that do not meet WCAG 2.2 AA, if it "
        "knows of any: each with what does not work, the success criterion it fails, and when it "
        "will be fixed.",
    )

    @model_validator(mode="after")
    def _reviewed_after_it_was_prepared(self) -> AccessibilityStatement:
        if self.reviewed_on < self.prepared_on:
            raise _problem(
                f"expected reviewed_on on or after prepared_on ({self.prepared_on}), found "
                f"{self.reviewed_on}"
            )
        return self
