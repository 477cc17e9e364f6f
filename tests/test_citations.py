"""Official links: every source that holds an address is a link on the built site, for each kind
of record that has sources; links to other sites say where they go; and the law's citations
carry their provision's address (make check warns when one does not)."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from conftest import shipped_content
from html_text import html_pages
from pydantic import BaseModel

from macros.citations import cited_law, sources_within, unlinked_law
from macros.components import site_name
from macros.records import LegislationAddress, Source

# The kinds of record (fields of the loaded content) whose sources the pages show, each with
# at least one source that holds an official address.
KINDS_WITH_LINKED_SOURCES = [
    "disagreement_resolution",
    "routes",
    "finder",
    "time_limits",
    "counting_rules",
    "calculations",
    "proposed_changes",
    "appeal_guide",
]


def linked_sources(kind: str) -> list[Source]:
    value = getattr(shipped_content(), kind)
    records = value.values() if isinstance(value, dict) else [value]
    return [
        source
        for record in records
        if isinstance(record, BaseModel)
        for _, source in sources_within(record)
        if source.url
    ]


def links_on(pages) -> set[tuple[str, str, str]]:
    """(address, words, what follows) for every link on the pages."""
    found = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for href, words, after in re.findall(
            r'<a [^>]*?href="([^"]*)"[^>]*>(.*?)</a>(\s*<span class="sl-site">[^<]*</span>)?',
            text,
            flags=re.S,
        ):
            found.add((html.unescape(href), html.unescape(re.sub(r"\s+", " ", words)), after))
    return found


def test_every_kind_of_record_with_sources_is_covered():
    content = shipped_content()
    kinds = {
        field.name
        for field in dataclasses.fields(content)
        for value in [getattr(content, field.name)]
        for record in (value.values() if isinstance(value, dict) else [value])
        if isinstance(record, BaseModel) and any(True for _ in sources_within(record))
    }
    assert kinds == set(KINDS_WITH_LINKED_SOURCES)


@pytest.fixture(scope="module")
def site_links(built_site):
    return links_on(html_pages(built_site))


@pytest.mark.parametrize("kind", KINDS_WITH_LINKED_SOURCES)
def test_each_source_with_an_address_is_a_link_saying_its_site(kind, site_links):
    sources = linked_sources(kind)
    assert sources, f"no {kind} source holds an address"
    for source in sources:
        words = re.sub(r"\s+", " ", source.citation)
        after = f' <span class="sl-site">({site_name(source.url)})</span>'
        assert (source.url, words, after) in site_links, (
            f"{kind}: {source.citation!r} is not a link to {source.url} followed by its site"
        )


def test_each_route_links_its_official_guide_saying_its_site(site_links):
    guides = {route.id: route.guide for route in shipped_content().routes.values() if route.guide}
    assert {"tribunal-appeal", "discrimination-claim", "judicial-review"} <= guides.keys()
    for route_id, guide in guides.items():
        after = f' <span class="sl-site">({site_name(guide.url)})</span>'
        assert (guide.url, guide.title, after) in site_links, route_id


def test_site_name_is_the_host_without_www():
    assert site_name("https://www.legislation.gov.uk/ukpga/2014/6/section/51") == (
        "legislation.gov.uk"
    )
    assert site_name("https://contact.ofsted.gov.uk/online-complaints-schools") == (
        "contact.ofsted.gov.uk"
    )


LAW = [
    LegislationAddress(
        title="Equality Act 2010", url="https://www.legislation.gov.uk/ukpga/2010/15"
    )
]


def test_a_citation_of_the_law_without_its_address_is_reported():
    source = Source(citation="Equality Act 2010, Schedule 17, paragraph 4")
    assert cited_law(source, LAW) == LAW[0]
    assert unlinked_law(source, LAW) == [
        (
            ("citation",),
            "it cites the Equality Act 2010 but gives no address: add url: with the address of "
            "the provision, under https://www.legislation.gov.uk/ukpga/2010/15",
        )
    ]


def test_a_citation_of_the_law_linking_somewhere_else_is_reported():
    source = Source(
        citation="Equality Act 2010, Schedule 17",
        url="https://www.legislation.gov.uk/ukpga/2014/6/section/51",
    )
    assert unlinked_law(source, LAW) == [
        (
            ("url",),
            "expected the address of a provision of the Equality Act 2010, under "
            "https://www.legislation.gov.uk/ukpga/2010/15, found "
            "'https://www.legislation.gov.uk/ukpga/2014/6/section/51'",
        )
    ]


def test_a_citation_of_something_else_needs_no_address():
    assert unlinked_law(Source(citation="IPSEA, 'Appealing to the tribunal'"), LAW) == []
