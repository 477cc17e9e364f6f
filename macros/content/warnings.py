"""Every warning about valid content: what does not stop a build but an editor should see
(placeholders, unverified facts, law not linked, contact details not checked for a year, a
review date coming or passed, a period of time in free text, a national version that moved)."""

from __future__ import annotations

import re
import typing
from datetime import date

from .. import records
from ..citations import unlinked_law
from ..errors import ContentMessage
from ..placeholders import placeholder_warnings
from .messages import message_at
from .model import CheckedContent, CheckedFile, walk_records

# Contact details checked longer ago than this are listed as warnings.
STALE_AFTER_DAYS = 365
# How long before review_by make check starts to warn.
REVIEW_WARNING_DAYS = 30

# A number with a unit of time ("2 months", "15 school days", "a 12-month limit").
_PERIOD_IN_TEXT = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty)[\s-]+(?:(calendar|working|school)[\s-]+)?(days?|weeks?|months?|years?|hours?)\b",
    re.IGNORECASE,
)
# Where a period may be written: the time limit's own wording, and citations of sources.
_PERIOD_ALLOWED = {(records.TimeLimit, "text"), (records.Source, "citation")}


def file_warnings(
    file: CheckedFile, today: date, legislation: list[records.LegislationAddress]
) -> list[ContentMessage]:
    """Every warning about one valid file."""
    return [
        *unverified_source_warnings(file),
        *(
            message_at(file, loc, problem)
            for loc, problem in unlinked_law(file.record, legislation)
        ),
        *stale_warnings(file, today),
        *period_warnings(file),
        *review_by_warnings(file, today),
        *(message_at(file, loc, problem) for loc, problem in placeholder_warnings(file.record)),
    ]


def national_version_warnings(
    roles_file: CheckedFile, national_layer: records.NationalLayer
) -> list[ContentMessage]:
    """A council that last checked its changes against an older national version is told."""
    written_for = typing.cast(records.RoleBindings, roles_file.record).national_version
    if written_for == national_layer.version:
        return []
    return [
        message_at(
            roles_file,
            ("national_version",),
            f"this council was last checked against national version {written_for}; the "
            f"national layer is now {national_layer.version}: read its changes, check "
            f"changes.yml and roles.yml still fit, then set national_version: "
            f"{national_layer.version}",
        )
    ]


def stale_warnings(file: CheckedFile, today: date) -> list[ContentMessage]:
    """Contact details not checked for 12 months, and a review date that has passed."""
    warnings = []
    for loc, record in walk_records(file.record):
        checked_on = getattr(record, "last_checked", None)
        if checked_on is not None and (today - checked_on).days > STALE_AFTER_DAYS:
            warnings.append(
                message_at(
                    file,
                    (*loc, "last_checked"),
                    f"last checked on {checked_on}, more than 12 months ago: check it is still "
                    "right, then change last_checked to today's date",
                )
            )
        if isinstance(record, records.SiteSettings) and record.review_due < today:
            warnings.append(
                message_at(
                    file,
                    ("review_due",),
                    f"the review date {record.review_due} has passed: check every page, then "
                    "change last_reviewed and review_due",
                )
            )
    return warnings


def period_warnings(file: CheckedFile) -> list[ContentMessage]:
    """A period of time written in free text, where it should come from a time-limit record."""
    warnings = []
    for loc, record in walk_records(file.record):
        for name in type(record).model_fields:
            if (type(record), name) in _PERIOD_ALLOWED:
                continue
            value = getattr(record, name)
            texts = value if isinstance(value, list) else [value]
            for index, text in enumerate(texts):
                if not isinstance(text, str):
                    continue
                found = _PERIOD_IN_TEXT.search(text)
                if found:
                    field_loc = (*loc, name, index) if isinstance(value, list) else (*loc, name)
                    warnings.append(
                        message_at(
                            file,
                            field_loc,
                            f"a period of time in free text ({found.group(0)!r}): write each time "
                            "limit once, in time-limits.yml, and refer to it by id (deadlines: or "
                            "time_limits:); here, say 'the deadline' instead",
                        )
                    )
    return warnings


def review_by_warnings(file: CheckedFile, today: date) -> list[ContentMessage]:
    record = file.record
    if not isinstance(record, records.ProposedChanges):
        return []
    days_left = (record.review_by - today).days
    if not 0 <= days_left <= REVIEW_WARNING_DAYS:
        return []
    return [
        message_at(
            file,
            ("review_by",),
            f"the review date {record.review_by} is in {days_left} day(s): check each proposal "
            "against GOV.UK before then, or the build will stop",
        )
    ]


def unverified_source_warnings(file: CheckedFile) -> list[ContentMessage]:
    return [
        message_at(
            file,
            loc,
            f"unverified fact: {record.citation!r} is marked verified: false; "
            "check it before relying on it",
        )
        for loc, record in walk_records(file.record)
        if isinstance(record, records.Source) and not record.verified
    ]


def content_warnings(
    checked: CheckedContent, early_warnings: list[ContentMessage]
) -> list[ContentMessage]:
    """Every warning about valid content, each once, in file and line order: those found while
    applying the council's changes, then the national version's, then each file's."""
    national_layer = typing.cast(records.NationalLayer, checked.record("national.yml"))
    warnings = list(early_warnings)
    warnings += national_version_warnings(checked.files["roles.yml"], national_layer)
    for file in checked.every_file:
        warnings += file_warnings(file, checked.today, national_layer.legislation)
    return sorted(set(warnings))
