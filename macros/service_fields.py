"""The disagreement resolution service's fields by name, for the macros of hand-written pages."""

from __future__ import annotations

from . import records
from .errors import did_you_mean


def service_field(service: records.Service, name: str) -> object:
    """A field of the disagreement resolution service by name, for a page's macro; a name it
    does not have is one clear line naming the fields it has, not an AttributeError."""
    fields = list(type(service).model_fields)
    if name not in fields:
        hint = did_you_mean(name, fields)
        raise ValueError(
            f"the disagreement resolution service has no field {name!r}{hint}; it has: "
            + ", ".join(fields)
        )
    return getattr(service, name)
