"""The guide's reading order names only pages the site has."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage, did_you_mean
from ...urls import ALL_ROUTES
from ..messages import message_at
from ..model import CheckedContent


def guide_order_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Each page in the guide's reading order must be a page written in docs/, or routes/*
    (checked only when the loader is given the addresses of the pages in docs/)."""
    docs_pages = checked.taken_addresses
    if docs_pages is None:
        return []
    national_file = checked.files["national.yml"]
    order = typing.cast(records.NationalLayer, national_file.record).guide_order
    known = sorted(docs_pages)
    problems = []
    for index, address in enumerate(order):
        if address == ALL_ROUTES or address in docs_pages:
            continue
        hint = did_you_mean(address, known)
        problems.append(
            message_at(
                national_file,
                ("guide_order", index),
                f"expected the address of a page in docs/ or routes/*{hint}, found {address!r}",
            )
        )
    return problems
