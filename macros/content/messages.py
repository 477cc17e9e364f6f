"""The one place a problem becomes a ContentMessage: pydantic's validation errors in plain
English ("expected ..., found ..."), and any problem placed at the file and line of the value
it is about (message_at)."""

from __future__ import annotations

import difflib
import re
import typing

from pydantic import BaseModel, ValidationError

from .. import records
from ..errors import ContentMessage
from ..yamlsource import LineDict, LineList
from .model import CheckedFile

# Plain-English names for pydantic's error types, for "expected ..., found ..." messages.
_EXPECTED = {
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "int_type": "expected a whole number",
    "date_type": "expected a date written like 2026-11-28",
    "date_parsing": "expected a date written like 2026-11-28",
    "date_from_datetime_inexact": "expected a date written like 2026-11-28, without a time",
    "list_type": "expected a list (one item per line, each starting with '- ')",
    "model_type": "expected a group of fields (one 'name: value' per line)",
    "model_attributes_type": "expected a group of fields (one 'name: value' per line)",
    "dict_type": "expected a group of fields (one 'name: value' per line)",
}


def validate(
    display_name: str, model: type[records.Record], data: object, errors: list[ContentMessage]
) -> CheckedFile:
    """Validate one file's raw data, adding its problems to ``errors``."""
    record, problems = validate_record(model, data, display_name)
    errors.extend(problems)
    return CheckedFile(display_name, model, data, record)


def validate_record(
    model: type[records.Record], data: object, display_name: str
) -> tuple[records.Record | None, list[ContentMessage]]:
    """Validate raw YAML data against a record type; return the record or the problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        file = CheckedFile(display_name, model, data, None)
        problems = {}
        for detail in error.errors(include_url=False):
            # A tagged union's tag (records.UNION_TAGS) names no field the editor wrote.
            detail["loc"] = tuple(p for p in detail["loc"] if p not in records.UNION_TAGS)
            message = message_at(file, detail["loc"], _describe(detail, file))
            # One message per field: a bad value can fail more than one rule.
            problems.setdefault((message.line, message.record, message.field), message)
        return None, list(problems.values())


def _describe(detail: dict, file: CheckedFile) -> str:
    kind = detail["type"]
    loc = tuple(detail["loc"])
    if kind == "content":
        return detail["msg"]
    if kind == "missing":
        return "expected a value, found nothing: this field is required"
    if kind == "extra_forbidden":
        parent = _model_at(file.model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f": did you mean {close[0]!r}?" if close else "."
        return f"unknown field {loc[-1]!r}{hint} Expected one of: {', '.join(known)}"
    found = _found(file.data, loc)
    if kind == "literal_error":
        expected = detail["ctx"]["expected"].replace("'", "")
        return f"expected one of: {expected}, found {found}"
    if kind == "too_short":
        return f"expected at least {detail['ctx']['min_length']} item(s), found {found}"
    expected = _EXPECTED.get(kind, detail["msg"])
    if kind.startswith("date") and re.fullmatch(r"'\d{4}-\d{2}-\d{2}'", found):
        return f"{expected}, found {found}, which is not a real date"
    if kind == "string_type" and isinstance(_value_at(file.data, loc), (int, float)):
        # Same wording as for digits PyYAML kept as text (records._not_yaml_surprise).
        written = found.strip("'")
        return (
            f"{expected}, found {written} without quotes: YAML may read it as a number and drop "
            f"a leading 0, so put it in quotes ('{written}')"
        )
    return f"{expected}, found {found}"


def _value_at(data: object, loc: tuple) -> object:
    value = data
    for part in loc:
        in_dict = isinstance(value, dict) and part in value
        in_list = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if not (in_dict or in_list):
            return None
        value = value[part]
    return value


def _found(data: object, loc: tuple) -> str:
    """The value at loc as the author wrote it, for 'found ...'."""
    raw, value = None, data
    for part in loc:
        if isinstance(value, LineDict) and part in value:
            raw, value = value.raw.get(part), value[part]
        elif isinstance(value, LineList) and isinstance(part, int) and part < len(value):
            raw, value = value.raw[part], value[part]
        else:
            break
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "an empty list" if not value else f"a list of {len(value)}"
    if value is None:
        return "nothing"
    if raw is not None:
        return repr(raw)
    return repr(str(value))


def message_at(file: CheckedFile, loc: tuple, problem: str) -> ContentMessage:
    """Place a problem at the line of the deepest part of loc that exists in the file."""
    data, model = file.data, file.model
    line = getattr(data, "line", 1)
    record_label = ""
    if model.record_kind:
        top_id = data.get("id") if isinstance(data, LineDict) else None
        record_label = (
            f"{model.record_kind} {top_id!r}" if isinstance(top_id, str) else model.record_kind
        )
    field_start = 0
    # A value a council changed or added names the council's file, not the national one.
    shown_file = getattr(data, "source", file.display_name)
    for index, part in enumerate(loc):
        if isinstance(data, LineDict) and isinstance(part, str):
            if part not in data:
                break
            shown_file = data.key_source(part)
            line, data = data.key_lines[part], data[part]
            model = _field_model(model, part)
        elif isinstance(data, LineList) and isinstance(part, int) and part < len(data):
            shown_file = data.item_source(part)
            line, data = data.item_lines[part], data[part]
        else:
            break
        if (
            model is not None
            and model.record_kind
            and isinstance(data, LineDict)
            and isinstance(data.get("id"), str)
        ):
            record_label = f"{model.record_kind} {data['id']!r}"
            field_start = index + 1
    field_path = ".".join(
        str(part + 1) if isinstance(part, int) else str(part) for part in loc[field_start:]
    )
    return ContentMessage(shown_file, line, record=record_label, field=field_path, problem=problem)


def _field_model(model: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    """The record type held by field ``name`` (looking inside lists and optionals)."""
    if model is None or name not in model.model_fields:
        return None
    return _model_in(model.model_fields[name].annotation)


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, str):
            current = _field_model(current, part)
    return current
