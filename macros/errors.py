"""Content problems as values: one record per problem, so every problem is reported at once."""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentMessage:
    """One problem (an error or a warning) in one content file, with what is needed to fix it.

    Shown as ``file:line: record: field: problem``, for example ``content/providers.yml:14:
    provider 'kids': phones.1.number: expected a UK phone number, found '0161 283'``.
    """

    file: str
    line: int
    column: int = 0
    record: str = ""
    field: str = ""
    problem: str = ""

    def __str__(self) -> str:
        # Line 0 means the problem is with the file as a whole (for example, it is missing).
        place = self.file + (f":{self.line}" if self.line else "")
        place += f":{self.column}" if self.column else ""
        return ": ".join(part for part in (place, self.record, self.field, self.problem) if part)


class ContentErrors(Exception):
    """Raised once, after every content file has been checked, with every problem found."""

    def __init__(self, errors: list[ContentMessage]):
        self.errors = sorted(set(errors))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        heading = f"{count} problem{'s' if count != 1 else ''} in the content. Nothing was built."
        return "\n".join([heading, *(f"  {error}" for error in self.errors)])


def warnings_log() -> logging.Logger:
    """Where a build prints content warnings: a logger of their own, because MkDocs' --strict
    turns its own warnings into failures, and a placeholder must warn, not stop, the build."""
    log = logging.getLogger("send_local_offer.content")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  content: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
        log.setLevel(logging.WARNING)
    return log


def did_you_mean(found: str, known) -> str:
    """' (did you mean 'decision'?)' for the known id nearest to what was found, or ''."""
    close = difflib.get_close_matches(found, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
