"""Walk a record and the records inside it, so every check that looks at all of a record's
values (placeholders, citations of the law) reads them the same way, with where each one is."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel


def records_within(record: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """(location, record) for this record and each record inside it, at any depth."""
    yield loc, record
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from records_within(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from records_within(item, (*loc, name, index))


def plain_fields(record: BaseModel) -> Iterator[tuple[tuple, str, object]]:
    """(location, field name, value) for every field that is not itself a record or a list of
    records, in this record and each record inside it."""
    for loc, inner in records_within(record):
        for name in type(inner).model_fields:
            value = getattr(inner, name)
            if isinstance(value, BaseModel):
                continue
            if isinstance(value, list) and any(isinstance(item, BaseModel) for item in value):
                continue
            yield (*loc, name), name, value
