"""Walking a content file's JSON schema (made from its record, as schemas/ is) to the part that
describes one value, and which kinds of value that part allows: what a value the editor added
must be made into (a date, a whole number, text...), since the file has no original to copy."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..content.files import CONTENT_FOLDERS, COUNCIL_FILES, COUNCIL_OPTIONAL_FILES
from ..records import Record

Schema = dict


def record_for(relative: PurePosixPath) -> type[Record] | None:
    """The record type of a file of a council's folder (``relative`` to the folder), or None
    if the loader reads no such file."""
    if len(relative.parts) == 1:
        return {**COUNCIL_FILES, **COUNCIL_OPTIONAL_FILES}.get(relative.name)
    if len(relative.parts) == 2 and relative.suffix == ".yml":
        return CONTENT_FOLDERS.get(relative.parts[0])
    return None


@functools.cache
def schema_of(record: type[Record]) -> Schema:
    """The record's JSON schema, as `make schemas` writes it."""
    return record.model_json_schema(mode="validation")


class SchemaWalk:
    """A position in one file's schema: ``part`` is the schema of the value there (or None
    where the schema says nothing), resolved against ``root``'s $defs."""

    def __init__(self, root: Schema | None, part: Schema | None = None):
        self.root = root or {}
        self.part = self.root if part is None else part

    def _alternatives(self, schema: Schema | None) -> Iterator[Schema]:
        """The schema itself and each schema it refers to or offers (anyOf, oneOf, allOf)."""
        if not isinstance(schema, dict):
            return
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            yield from self._alternatives(self.root.get("$defs", {}).get(name))
        yield schema
        for key in ("anyOf", "oneOf", "allOf"):
            for option in schema.get(key, []):
                yield from self._alternatives(option)

    def key(self, name: str) -> SchemaWalk:
        """The schema of the value at key ``name`` of a group of fields."""
        for schema in self._alternatives(self.part):
            if name in schema.get("properties", {}):
                return SchemaWalk(self.root, schema["properties"][name])
            for pattern, sub in schema.get("patternProperties", {}).items():
                if re.search(pattern, name):
                    return SchemaWalk(self.root, sub)
            if isinstance(schema.get("additionalProperties"), dict):
                return SchemaWalk(self.root, schema["additionalProperties"])
        return SchemaWalk(self.root, {})

    def item(self) -> SchemaWalk:
        """The schema of an item of a list."""
        for schema in self._alternatives(self.part):
            if isinstance(schema.get("items"), dict):
                return SchemaWalk(self.root, schema["items"])
        return SchemaWalk(self.root, {})

    def kinds(self) -> set[str]:
        """The kinds of value allowed here: 'string', 'date', 'integer', 'number', 'boolean',
        'null', 'object', 'array' (a string whose format is a date counts as 'date')."""
        found: set[str] = set()
        for schema in self._alternatives(self.part):
            types = schema.get("type", [])
            for kind in [types] if isinstance(types, str) else types:
                date = kind == "string" and schema.get("format") == "date"
                found.add("date" if date else kind)
            values = [*schema.get("enum", []), *([schema["const"]] if "const" in schema else [])]
            found |= {_KIND_OF_VALUE.get(type(value), "string") for value in values}
        return found


_KIND_OF_VALUE = {bool: "boolean", int: "integer", float: "number", type(None): "null"}
