"""National bodies: each can be contacted, and each contact detail gives the page it was read
on, so a family is never sent to a number nobody can trace."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage
from ...yamlsource import LineDict
from ..messages import message_at
from ..model import CheckedContent, CheckedFile, walk_records

# The contact details of a national body that must each give the page they were read on (a
# website is its own source, and a web page is one).
_SOURCED_CHANNELS = (
    records.PhoneChannel,
    records.EmailChannel,
    records.PostalAddress,
    records.Schedule,
)


def national_bodies(providers_file: CheckedFile) -> list[tuple[int, records.Organization]]:
    """The national layer's own bodies in content/national/providers.yml, with their places in
    its list (a council's providers are added to the same list, after them)."""
    record = typing.cast(records.ProviderList, providers_file.record)
    items = typing.cast(LineDict, providers_file.data)["providers"]
    return [
        (index, provider)
        for index, provider in enumerate(record.providers)
        if items.item_source(index) == providers_file.display_name
    ]


def national_body_errors(checked: CheckedContent) -> list[ContentMessage]:
    """Every national body has a way to contact it, and each contact detail gives the official
    page it was read on."""
    providers_file = checked.files["providers.yml"]
    problems = []
    for index, body in national_bodies(providers_file):
        at = ("providers", index)
        if not body.can_be_contacted():
            problems.append(
                message_at(
                    providers_file,
                    at,
                    "a national body needs a way to contact it: give it phones:, email: or "
                    "website:, read on GOV.UK or the body's own site",
                )
            )
        for loc, channel in walk_records(body, at):
            if isinstance(channel, _SOURCED_CHANNELS) and channel.source is None:
                problems.append(
                    message_at(
                        providers_file,
                        (*loc, "source"),
                        "expected the address of the page this was read on (GOV.UK or the "
                        "body's own site), found nothing: each contact detail of a national "
                        "body gives its source",
                    )
                )
    return problems
