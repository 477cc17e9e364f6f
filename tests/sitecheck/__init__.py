"""Checks of the built site as real users and real tools see it.

Every check returns a list of ``Failure`` values (never raises on a finding), so a test can
report every problem on every page at once. Each failure names the page, the rule and the
element, so it can be fixed without running the check again by hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Failure:
    page: str
    rule: str
    element: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.rule}: {self.element}: {self.message}"


def report(failures: list[Failure]) -> str:
    """Failures as lines, for an assertion message."""
    return "\n".join(str(f) for f in sorted(failures)) or "no failures"
