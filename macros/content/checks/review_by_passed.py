"""Proposed changes to the law past their review date stop the build (a date coming soon is
only a warning: warnings.review_by_warnings)."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage
from ..messages import message_at
from ..model import CheckedContent


def review_by_passed_errors(checked: CheckedContent) -> list[ContentMessage]:
    file = checked.files["proposed-changes.yml"]
    review_by = typing.cast(records.ProposedChanges, file.record).review_by
    if review_by >= checked.today:
        return []
    return [
        message_at(
            file,
            ("review_by",),
            f"the review date {review_by} has passed: check each proposal against GOV.UK (has it "
            "become law, changed or been dropped?), update this file, then set a new review_by",
        )
    ]
