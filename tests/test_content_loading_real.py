"""Loading the real content: it loads, each placeholder is warned about and real details are
not, and the helpers that judge colours, phone numbers and addresses. (Broken content is in
tests/test_content_loading.py.)"""

from __future__ import annotations

import pytest
from conftest import PROJECT, SHIPPED

from macros.content import load_content
from macros.placeholders import is_drama_number, is_example_domain
from macros.records import contrast_with_white

CONTENT = PROJECT / "content"


# --- The real content ---


@pytest.fixture
def real_content(monkeypatch):
    monkeypatch.chdir(PROJECT)
    return load_content(CONTENT / SHIPPED)


def test_the_real_content_loads(real_content):
    content = real_content.content
    assert {"kids", "example-sendiass", "together-trust", content.send_team} <= set(
        content.providers
    )
    # National content names the role; the council's roles.yml binds it to its providers.
    assert content.disagreement_resolution.providers.formal == ["kids", "together-trust"]
    assert content.routes["disagreement-resolution"].providers == ["kids", "together-trust"]
    assert len(content.routes) >= 16
    assert content.site.branding.logo == "logo.svg"


@pytest.mark.parametrize(
    "warning",
    [
        "content/councils/example-council/site.yml:7: site: council.name: "
        "placeholder name 'Example Council': replace it with the real one",
        "content/councils/example-council/providers.yml:26: provider 'example-sendiass': name: "
        "placeholder name 'Example Council SENDIASS': replace it with the real one",
        "content/councils/example-council/providers.yml:63: provider 'example-send-team': "
        "phones.1.number: placeholder phone number '0113 496 0000': replace it with the real one",
        "content/councils/example-council/providers.yml:38: provider 'example-sendiass': "
        "phones.1.number: placeholder phone number '0113 496 0111': replace it with the real one",
        "content/councils/example-council/site.yml:8: site: council.local_offer_url: "
        "placeholder address 'https://www.example.org/local-offer': replace it with the real one",
        "content/councils/example-council/providers.yml:66: provider 'example-send-team': "
        "email.address: placeholder address 'send@example.org': replace it with the real one",
        "content/councils/example-council/providers.yml:45: provider 'example-sendiass': "
        "website.url: placeholder address 'https://sendiass.example.org': replace it with the "
        "real one",
        "content/councils/example-council/site.yml:28: contact 'web-team': email.address: "
        "placeholder address 'accessibility@example.org': replace it with the real one",
    ],
)
def test_the_real_content_warns_about_each_placeholder(real_content, warning):
    assert warning in [str(message) for message in real_content.warnings]


def test_real_phone_numbers_are_not_called_placeholders(real_content):
    warned = "\n".join(str(message) for message in real_content.warnings)
    assert "03330 062 835" not in warned
    assert "0161 283 4836" not in warned


# --- Pure helpers ---


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#000000", 21.0), ("#ffffff", 1.0), ("#767676", 4.54), ("#1d4f91", 8.14)],
)
def test_contrast_with_white(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(
    ("number", "is_drama"),
    [
        ("0113 496 0000", True),
        ("0113 496 0999", True),
        ("+44 113 496 0123", True),
        ("07700 900123", True),
        ("0161 283 4836", False),
        ("03330 062 835", False),
        ("0113 497 0000", False),
        ("not a number", False),
    ],
)
def test_is_drama_number(number, is_drama):
    assert is_drama_number(number) is is_drama


@pytest.mark.parametrize(
    ("address", "is_example"),
    [
        ("send@example.org", True),
        ("https://www.example.org/send", True),
        ("https://sendiass.example.org", True),
        ("https://EXAMPLE.COM:8080/page", True),
        ("help@council.test", True),
        ("https://www.kids.org.uk", False),
        ("me@example.org.uk", False),
        ("https://notexample.org", False),
    ],
)
def test_is_example_domain(address, is_example):
    assert is_example_domain(address) is is_example
