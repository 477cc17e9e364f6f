"""Web addresses from content, taken apart and put back together before anything uses them.

An address is never passed on as it was typed: the build writes it into href and data-print-href
attributes, JSON-LD and PDFs, so a quote, angle bracket or space in it must not survive as one.
Each address is parsed (urllib.parse), checked (https only, no user name or password, a real
host name) and rebuilt: the host in lower case and IDNA (the ASCII form browsers use), the path,
query and fragment percent-encoded. The same address typed twice comes out the same.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

import idna

# What RFC 3986 lets a path, a query or a fragment carry as it is, less the quote mark, which
# is encoded too so no address can end an attribute however it is written out.
_PATH_SAFE = "/:@!$&()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"
# A "%" that does not start a percent-encoded byte ('%zz'): encoded as '%25'.
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HTTPS_PORT = 443


class UnusableAddress(ValueError):
    """The address cannot be rebuilt into a safe https address; the message says why."""


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _encoded(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe)


def _ascii_host(host: str, value: str) -> str:
    """'Bücher.Example' → 'xn--bcher-kva.example'."""
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        raise UnusableAddress(
            f"expected a web address with a valid site name after https://, found {_shown(value)}"
        ) from None
    if "." not in ascii_host:
        raise UnusableAddress(
            f"expected a web address starting with https://, found {_shown(value)}"
        )
    return ascii_host


def rebuilt_web_address(value: str) -> str:
    """The address as the site will write it, or UnusableAddress.

    'https://WWW.Example.org/a"b<c>?q=1' → 'https://www.example.org/a%22b%3Cc%3E?q=1';
    'http://example.org' and 'www.example.org' → UnusableAddress.
    """
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise UnusableAddress(
            "expected a web address without spaces or line breaks (a space in an address is "
            f"written %20), found {_shown(value)}"
        )
    try:
        parts = urlsplit(value)
    except ValueError:  # square brackets that do not hold an IPv6 address
        raise UnusableAddress(
            f"expected a web address with a valid site name after https://, found {_shown(value)}"
        ) from None
    if parts.scheme != "https" or not parts.netloc:
        raise UnusableAddress(
            f"expected a web address starting with https://, found {_shown(value)}"
        )
    if "@" in parts.netloc:
        raise UnusableAddress(
            "expected a web address without a user name or password before the site's name "
            f"(nothing before an '@'), found {_shown(value)}"
        )
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port == -1 or not parts.hostname or parts.netloc.endswith(":"):
        raise UnusableAddress(
            f"expected a web address with a valid site name after https://, found {_shown(value)}"
        )
    netloc = _ascii_host(parts.hostname, value)
    if port not in (None, _HTTPS_PORT):
        netloc += f":{port}"
    return urlunsplit(
        (
            "https",
            netloc,
            _encoded(parts.path, _PATH_SAFE),
            _encoded(parts.query, _QUERY_SAFE),
            _encoded(parts.fragment, _QUERY_SAFE),
        )
    )
