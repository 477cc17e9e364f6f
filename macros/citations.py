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


def _sources(record: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, Source]]:
    if isinstance(record, Source):
        yield loc, record
        return
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from _sources(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _sources(item, (*loc, name, index))


def cited_law(source: Source, legislation: list[LegislationAddress]) -> LegislationAddress | None:
    """The piece of law a source's citation begins with, if any."""
    return next((law for law in legislation if source.citation.startswith(law.title)), None)


def unlinked_law(
    record: BaseModel, legislation: list[LegislationAddress]
) -> list[tuple[tuple, str]]:
    """(location, problem) for each source in a record that cites the law without its address,
    or with an address that is not under that law's own."""
    found = []
    for loc, source in _sources(record):
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
