"""The checks between files, run once every file is validated: each is registered in CHECKS
with what it needs, and runs only when all of that was read and is valid, so a file that
failed is not reported again, as every check that reads it.

What a check needs is named as CheckedContent.valid_files names it: a national file (or the
council's site.yml, roles.yml), 'council/<file>' for the council's own additions, 'routes/',
'forms/' or 'letters/' for a whole folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...errors import ContentMessage
from ..files import NATIONAL_FILES
from ..model import CheckedContent
from .calculations import calculation_errors
from .finder import finder_errors
from .guide_order import guide_order_errors
from .ids import duplicate_field_id_errors, reference_errors, repeated_id_errors
from .letter_text import letter_deadline_errors, letter_text_errors
from .letters import letter_basis_errors, letter_outcome_errors
from .logo import logo_errors
from .national_bodies import national_body_errors
from .review_by_passed import review_by_passed_errors
from .roles import role_errors
from .wording import wording_errors


@dataclass(frozen=True)
class Check:
    """One check between files, and the files it needs read and valid before it can run."""

    run: Callable[[CheckedContent], list[ContentMessage]]
    needs: tuple[str, ...] = ()


# Everything the route finder's outcomes are checked against.
_EVERY_FILE = (
    *NATIONAL_FILES,
    "site.yml",
    "roles.yml",
    "council/providers.yml",
    "council/route-finder.yml",
    "routes/",
    "forms/",
    "letters/",
)

# In the order their problems are found (ContentErrors sorts them by file and line to show).
CHECKS = [
    # Each valid file on its own (a file that failed has no record to look in).
    Check(repeated_id_errors),
    Check(duplicate_field_id_errors),
    # Each kind of id is known only where its files are valid (ids._known_ids).
    Check(reference_errors),
    Check(
        role_errors, needs=("national.yml", "providers.yml", "council/providers.yml", "roles.yml")
    ),
    Check(finder_errors, needs=_EVERY_FILE),
    Check(guide_order_errors, needs=("national.yml",)),
    Check(logo_errors, needs=("site.yml",)),
    Check(review_by_passed_errors, needs=("proposed-changes.yml",)),
    Check(calculation_errors, needs=("time-limits.yml",)),
    Check(wording_errors, needs=("time-limits.yml",)),
    Check(national_body_errors, needs=("providers.yml",)),
    # Letters: their own text, their deadlines and legal basis, and the finder's outcomes.
    Check(letter_text_errors),
    Check(letter_deadline_errors, needs=("time-limits.yml", "letters/")),
    Check(letter_basis_errors, needs=("national.yml", "time-limits.yml", "routes/", "letters/")),
    Check(letter_outcome_errors, needs=_EVERY_FILE),
]


def run_checks(checked: CheckedContent) -> list[ContentMessage]:
    """Every problem the checks find, from each check whose files were all read and valid."""
    valid = checked.valid_files()
    return [
        problem
        for check in CHECKS
        if valid.issuperset(check.needs)
        for problem in check.run(checked)
    ]
