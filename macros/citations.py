"""Sources that cite a piece of law must link the provision they cite.

content/national/national.yml lists the pieces of law the content cites (`legislation:`), each
with the address it is published at. A source whose citation begins with one of those titles is
citing the law itself, so it must hold the address of that provision (`url:`), under the law's
own address: the page then links it, and a family can read the words. The address is written in
the record, never built from the citation, so a wrong section number cannot make a link that
looks right.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .records import LegislationAddress, Source
from .walk import records_within


def sources_within(record: BaseModel) -> Iterator[tuple[tuple, Source]]:
    """(location, source) for each source in a record and the records inside it."""
    for loc, inner in records_within(record):
        if isinstance(inner, Source):
            yield loc, inner


def cited_law(source: Source, legislation: list[LegislationAddress]) -> LegislationAddress | None:
    """The piece of law a source's citation begins with, if any."""
    return next((law for law in legislation if source.citation.startswith(law.title)), None)


def law_sources(sources: list[Source], legislation: list[LegislationAddress]) -> list[Source]:
    """The sources that cite a piece of law (not a council's page or a charity's guide), each
    once: a letter's "The law"."""
    found: list[Source] = []
    for source in sources:
        if cited_law(source, legislation) is not None and source not in found:
            found.append(source)
    return found


def unlinked_law(
    record: BaseModel, legislation: list[LegislationAddress]
) -> list[tuple[tuple, str]]:
    """(location, problem) for each source in a record that cites the law without its address,
    or with an address that is not under that law's own."""
    found = []
    for loc, source in sources_within(record):
        law = cited_law(source, legislation)
        if law is None:
            continue
        if source.url is None:
            found.append(
                (
                    (*loc, "citation"),
                    f"it cites the {law.title} but gives no address: add url: with the "
                    f"address of the provision, under {law.url}",
                )
            )
        elif not source.url.startswith(law.url):
            found.append(
                (
                    (*loc, "url"),
                    f"expected the address of a provision of the {law.title}, under "
                    f"{law.url}, found {source.url!r}",
                )
            )
    return found
