"""Find stand-in values, not real facts, so the build can warn before anyone publishes them.

The shipped example content uses plainly fake details where the research gives no real ones: the
name "Example Council", phone numbers Ofcom keeps for TV and radio drama, and example.org addresses.
"""

from __future__ import annotations

import re

import phonenumbers
from pydantic import BaseModel

from .walk import plain_fields

# Ofcom's ranges for drama (never allocated to a real line), as national significant numbers.
_DRAMA_PREFIXES = (
    "1134960",
    "1144960",
    "1154960",
    "1164960",
    "1174960",
    "1184960",
    "1214960",
    "1314960",
    "1414960",
    "1514960",
    "1614960",
    "2079460",
    "1914980",
    "2896496",
    "2920180",
    "1632960",
    "7700900",
    "8081570",
    "9098790",
    "3069990",
)
_EXAMPLE_DOMAIN = re.compile(r"(^|[@.])example\.(org|com|net)$|\.(example|invalid|test)$")
_EXAMPLE_NAME = re.compile(r"\bExample\b")


def is_drama_number(number: str) -> bool:
    """True for a UK number in one of Ofcom's drama ranges. '0113 496 0123' → True."""
    try:
        national = str(phonenumbers.parse(number, "GB").national_number)
    except phonenumbers.NumberParseException:
        return False
    return national.startswith(_DRAMA_PREFIXES)


def is_example_domain(address: str) -> bool:
    """True for an email or web address on a reserved example domain."""
    host = address.rsplit("@", 1)[-1] if "@" in address else address
    host = re.sub(r"^https?://", "", host).split("/", 1)[0].split(":", 1)[0].lower()
    return bool(_EXAMPLE_DOMAIN.search(host))


def placeholder_warnings(record: BaseModel) -> list[tuple[tuple, str]]:
    """(location, problem) for each placeholder value in a record and the records inside it."""
    found = []
    for loc, name, value in plain_fields(record):
        if not isinstance(value, str):
            continue
        if name == "number" and is_drama_number(value):
            found.append((loc, f"placeholder phone number {value!r}: replace it with the real one"))
        elif name in ("address", "url", "local_offer_url", "site_address") and is_example_domain(
            value
        ):
            found.append((loc, f"placeholder address {value!r}: replace it with the real one"))
        elif name == "name" and _EXAMPLE_NAME.search(value):
            found.append((loc, f"placeholder name {value!r}: replace it with the real one"))
    return found
