"""The largest whole numbers content may hold, where a number drives a loop or a date.

Without a bound, a period of 99,999,999 months passed `make check` and stopped `make site` with
"year 8335360 is out of range", and 2,000,000 working days passed `make check` and made every
build count days for hours. Each bound is checked when the content is loaded (records), so `make
check` refuses the number with its file and line.
"""

from __future__ import annotations

# The longest a period may be, in each unit: three years. No time limit in SEND law comes near it:
# the longest in content/national/time-limits.yml are 12 months (a complaint to the Local
# Government and Social Care Ombudsman, or about the NHS) and 26 weeks, and the longest a family
# could meet beside them is the three years of a personal injury claim (Limitation Act 1980,
# section 11). Three years of working days counts about 1,100 days; every date stays in range.
MAX_PERIOD = {
    "days": 3 * 366,
    "weeks": 3 * 52,
    "months": 3 * 12,
    # England has about 253 working days a year (52 weeks of 5, less 8 bank holidays); 260 is
    # every weekday, the most any year can have.
    "working-days": 3 * 260,
    # A school year is 190 days of teaching and 5 of staff training.
    "school-days": 3 * 195,
}
# The most pages the route finder may be allowed to make (its page_budget): each is built and
# checked, so the budget bounds the build. The shipped finder makes about 110; the scale
# benchmark (benchmarks/synthetic.py) builds 50 times the shipped content, about 5,700.
MAX_PAGE_BUDGET = 10_000
# Where a route sits among the others on the "Ways to sort out a disagreement" page: there are
# about 20 routes.
MAX_ROUTE_ORDER = 999


def period_problem(length: int, unit: str) -> str | None:
    """Why a period of ``length`` ``unit`` is too long, in words, or None."""
    most = MAX_PERIOD.get(unit)
    if most is None or length <= most:
        return None
    return (
        f"expected at most {most:,} {unit.replace('-', ' ')} (three years: no time limit in "
        "SEND law is longer), "
        f"found {length:,}"
    )


def at_most_problem(value: int, most: int, what: str) -> str | None:
    """Why ``value`` is more than ``most``, in words (``what`` the number is), or None."""
    if value <= most:
        return None
    return f"expected at most {most:,} ({what}), found {value:,}"
