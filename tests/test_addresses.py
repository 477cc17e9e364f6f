"""Web addresses from content are parsed and rebuilt when loaded, never kept as typed
(macros/addresses.py): https only, the host in lower case and IDNA, the rest percent-encoded."""

from __future__ import annotations

import pytest
import yaml
from conftest import COUNCIL_FOLDERS, NATIONAL, SHIPPED, loaded_council

from macros.addresses import UnusableAddress, rebuilt_web_address
from macros.content import load_content
from macros.errors import ContentErrors


@pytest.mark.parametrize(
    ("typed", "rebuilt"),
    [
        ("https://www.gov.uk", "https://www.gov.uk"),
        (
            "https://www.gov.uk/appeal-ehc-plan-decision/",
            "https://www.gov.uk/appeal-ehc-plan-decision/",
        ),
        ("HTTPS://WWW.Example.ORG/Local-Offer", "https://www.example.org/Local-Offer"),
        ("https://www.example.org:443/a", "https://www.example.org/a"),
        ("https://www.example.org:8443/a", "https://www.example.org:8443/a"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        (
            'https://www.example.org/"><svg/onload=alert(document.domain)>/',
            "https://www.example.org/%22%3E%3Csvg/onload=alert(document.domain)%3E/",
        ),
        ("https://www.example.org/it's", "https://www.example.org/it%27s"),
        (
            "https://www.example.org/a?b=1&c='2'#x<y>",
            "https://www.example.org/a?b=1&c=%272%27#x%3Cy%3E",
        ),
        ("https://www.example.org/100%25/%zz", "https://www.example.org/100%25/%25zz"),
        ("https://www.example.org/a%20b", "https://www.example.org/a%20b"),
        ("https://www.example.org/path\\x", "https://www.example.org/path%5Cx"),
    ],
)
def test_an_address_is_rebuilt(typed, rebuilt):
    assert rebuilt_web_address(typed) == rebuilt
    assert rebuilt_web_address(rebuilt) == rebuilt  # the same address comes out the same


NOT_HTTPS = "expected a web address starting with https://, found {!r}"
BAD_HOST = "expected a web address with a valid site name after https://, found {!r}"
SPACES = (
    "expected a web address without spaces or line breaks (a space in an address is written "
    "%20), found {!r}"
)
USER = (
    "expected a web address without a user name or password before the site's name (nothing "
    "before an '@'), found {!r}"
)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("http://www.example.org", NOT_HTTPS),
        ("www.example.org", NOT_HTTPS),
        ("javascript://www.example.org/%0aalert(1)", NOT_HTTPS),
        ("data:text/html,<script>alert(1)</script>", NOT_HTTPS),
        ("https:///path", NOT_HTTPS),
        ("https://localhost/", NOT_HTTPS),
        ("https://www.example.org/a b", SPACES),
        ("https://www.example.org/\tx", SPACES),
        ("https://www.example.org/\nx", SPACES),
        ("https://user:secret@www.example.org/", USER),
        ("https://www.example.org\\@other.example/", USER),
        ("https://under_score.example/", BAD_HOST),
        ("https://www.example.org:99999/", BAD_HOST),
        ("https://www.example.org:/", BAD_HOST),
        ("https://a..example/", BAD_HOST),
        ("https://www.example.org[/", BAD_HOST),
        ("https://[::1]/", BAD_HOST),
    ],
)
def test_an_address_that_cannot_be_made_safe_is_refused(typed, message):
    with pytest.raises(UnusableAddress) as refused:
        rebuilt_web_address(typed)
    assert str(refused.value) == message.format(typed)


def test_the_loader_names_the_file_and_line_of_a_refused_address(content_copy):
    site = content_copy / SHIPPED / "site.yml"
    text = site.read_text(encoding="utf-8")
    old = "  local_offer_url: https://www.example.org/local-offer\n"
    assert text.count(old) == 1
    line = text[: text.index(old)].count("\n") + 1
    site.write_text(
        text.replace(old, "  local_offer_url: https://user@www.example.org/local-offer\n"),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)
    assert [str(error) for error in raised.value.errors] == [
        f"content/councils/example-council/site.yml:{line}: site: council.local_offer_url: "
        + USER.format("https://user@www.example.org/local-offer")
    ]


def _typed_addresses(folder) -> list[str]:
    """Every value under a url, local_offer_url, site_address or source key, as typed."""
    found = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key in ("url", "local_offer_url", "site_address"):
            found.append(value)

    for path in sorted(folder.rglob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_every_shipped_address_is_already_in_its_rebuilt_form():
    """Rebuilding changes no address the project ships, so no link on the sites moves."""
    typed = [
        *_typed_addresses(NATIONAL),
        *(a for council in COUNCIL_FOLDERS.iterdir() for a in _typed_addresses(council)),
    ]
    assert len(typed) > 20
    assert [a for a in typed if a.startswith("https://") and rebuilt_web_address(a) != a] == []
    # And the loader keeps them as they are.
    site = loaded_council(COUNCIL_FOLDERS / "example-council").content.site
    assert site.council.site_address == "https://www.example.org/local-offer/send-disagreements/"
