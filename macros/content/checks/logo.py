"""The logo must be a file of the council's folder that can be published (macros/logo.py)."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage
from ...logo import logo_problem
from ..files import display_folder
from ..messages import message_at
from ..model import CheckedContent


def logo_errors(checked: CheckedContent) -> list[ContentMessage]:
    site_file = checked.files["site.yml"]
    council = checked.layers.council
    logo = typing.cast(records.SiteSettings, site_file.record).branding.logo
    problem = logo_problem(logo, council, display_folder(council))
    return [] if problem is None else [message_at(site_file, ("branding", "logo"), problem)]
