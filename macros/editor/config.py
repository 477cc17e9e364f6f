"""Decap CMS's config.yml for one council, made from the records' JSON schemas.

Each form field comes from the JSON schema of the record the loader reads the file into
(macros/content/files.py: the same data as schemas/*.schema.json, in the record's field order):
its label from the title, its hint from the description, required from the schema's required
list, a pattern from pattern (its message is the hint), choices from enum, and the ids a
reference may name (the schema's x-reference) from the council's content as the loader reads
it. What Decap's widgets cannot express (a map of ids, a value of any type, one of several
shapes) is left out of the form: Decap keeps such a value as it was, and the editor server saves
only the values the form changed.

    python -m macros.editor.config example-council [--port 8081] [--root .]   prints the config
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import records
from ..content import load_content
from ..content.files import CONTENT_FOLDERS, COUNCIL_OPTIONAL_FILES
from ..content.files import COUNCIL_FILES as COUNCIL_RECORDS
from ..errors import ContentErrors

ROOT = Path(__file__).resolve().parents[2]
EDITOR_PORT = 8081
PREVIEW_ADDRESS = "http://127.0.0.1:8000/"
# A text longer than a name is a paragraph: a box of several lines (records.fields.NAME_LIMIT).
_LONG_TEXT = records.fields.NAME_LIMIT
# The council's files the editor shows as forms: the form's name, the file and its label.
COUNCIL_FILES = (
    ("site", "site.yml", "Site settings"),
    ("providers", "providers.yml", "Providers"),
    ("roles", "roles.yml", "Roles: who does each local role"),
    ("changes", "changes.yml", "Changes to national content"),
    ("route-finder", "route-finder.yml", "Route finder: your own questions and outcomes"),
)
_ROUTES_LABEL = "Your own routes"


@dataclass(frozen=True)
class Choices:
    """What a reference may name, by kind (records.Reference): the ids the loader knows, and the
    national roles a council binds (id, name, description)."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    roles: list[dict] = field(default_factory=list)


def decap_config(council: str, port: int = EDITOR_PORT, root: Path = ROOT) -> dict:
    """The whole config for the council folder content/councils/<council>/ under root."""
    folder = f"content/councils/{council}"
    choices = council_choices(root / folder)
    return {
        "backend": {"name": "git-gateway", "branch": "main"},
        "local_backend": {
            "url": f"http://127.0.0.1:{port}/api/v1",
            "allowed_hosts": ["127.0.0.1"],
        },
        "media_folder": folder,
        "public_folder": "",
        "site_url": PREVIEW_ADDRESS,
        "display_url": PREVIEW_ADDRESS,
        "editor": {"preview": False},
        "collections": [
            _council_files(root, folder, choices),
            _routes_collection(folder, choices),
        ],
    }


def config_text(council: str, port: int = EDITOR_PORT, root: Path = ROOT) -> str:
    config = decap_config(council, port, root)
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def council_choices(folder: Path) -> Choices:
    """The ids each kind of reference may name, from the content as the loader reads it; none
    while the content has errors (the form then takes any id, and the preview lists problems)."""
    roles = _national_roles(folder)
    try:
        content = load_content(folder).content
    except ContentErrors:
        return Choices(roles=roles)
    role_ids = [role["id"] for role in roles]
    ids = {
        "provider": [*role_ids, *content.providers],
        "route": list(content.routes),
        "time limit": list(content.time_limits),
        "event": list(content.events),
        "form": list(content.forms),
        "letter": list(content.letters),
        "proposal": [p.id for p in content.proposed_changes.proposals],
        "national body": _national_body_ids(folder),
    }
    return Choices(ids=ids, roles=roles)


def _national_data(folder: Path, name: str) -> dict:
    national = folder.parents[1] / "national"
    try:
        data = yaml.safe_load((national / name).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _national_roles(folder: Path) -> list[dict]:
    roles = _national_data(folder, "national.yml").get("roles") or []
    return [role for role in roles if isinstance(role, dict) and isinstance(role.get("id"), str)]


def _national_body_ids(folder: Path) -> list[str]:
    bodies = _national_data(folder, "providers.yml").get("providers") or []
    return [body["id"] for body in bodies if isinstance(body, dict) and "id" in body]


def _council_files(root: Path, folder: str, choices: Choices) -> dict:
    files = []
    for name, file_name, label in COUNCIL_FILES:
        if not (root / folder / file_name).is_file():
            continue
        schema = _schema({**COUNCIL_RECORDS, **COUNCIL_OPTIONAL_FILES}[file_name])
        fields = form_fields(schema, choices)
        if name == "roles":
            fields.append(_roles_field(schema["properties"]["roles"], choices))
        files.append(
            {"name": name, "label": label, "file": f"{folder}/{file_name}", "fields": fields}
        )
    return {
        "name": "council",
        "label": "Your council",
        "editor": {"preview": False},
        "files": files,
    }


def _routes_collection(folder: str, choices: Choices) -> dict:
    schema = _schema(CONTENT_FOLDERS["routes"])
    return {
        "name": "routes",
        "label": _ROUTES_LABEL,
        "folder": f"{folder}/routes",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "identifier_field": "id",
        "slug": "{{id}}",
        "summary": "{{name}}",
        "fields": form_fields(schema, choices),
    }


def _schema(model: type[records.Record]) -> dict:
    return model.model_json_schema(mode="validation")


def _roles_field(schema: dict, choices: Choices) -> dict:
    """roles: a map of role ids, which Decap cannot express, as one field per national role:
    the council's providers that do it, chosen from providers.yml as it is now."""
    bindings = [
        {
            "name": role["id"],
            "label": str(role.get("name") or role["id"]),
            "hint": str(role.get("description") or ""),
            "widget": "relation",
            "collection": "council",
            "file": "providers",
            "value_field": "providers.*.id",
            "search_fields": ["providers.*.name", "providers.*.id"],
            "display_fields": ["providers.*.name"],
            "multiple": True,
            "min": 1,
            "required": True,
        }
        for role in choices.roles
    ]
    return {
        "name": "roles",
        "label": _label("roles", schema),
        "hint": " ".join(schema.get("description", "").split()),
        "required": True,
        "widget": "object",
        "collapsed": False,
        "fields": bindings,
    }


def form_fields(schema: dict, choices: Choices) -> list[dict]:
    """The form fields of an object schema, in its properties' order; the ones Decap cannot
    express are left out."""
    return _Fields(schema.get("$defs", {}), choices).of_object(schema, optional=False)


@dataclass(frozen=True)
class _Fields:
    """Makes the Decap fields of one file's schema (its definitions, the council's choices)."""

    defs: dict
    choices: Choices

    def of_object(self, schema: dict, optional: bool) -> list[dict]:
        """An object's fields. In an optional object (an email address a provider may not
        have) no field is required: Decap would otherwise refuse to save it left empty, and the
        editor server refuses one filled in part."""
        required = set() if optional else set(schema.get("required", []))
        made = (self.field(n, s, n in required) for n, s in schema.get("properties", {}).items())
        return [field for field in made if field is not None]

    def field(self, name: str, schema: dict, required: bool) -> dict | None:
        """One Decap field for a property, or None where no widget can express it."""
        resolved, nullable = self.resolved(schema)
        required = required and not nullable
        widget = self.widget(resolved, optional=not required)
        if widget is None:
            return None
        made = {"name": name, "label": _label(name, resolved), "required": required}
        if "field" in widget:
            # Each item of a list of texts is labelled as the list is.
            widget["field"]["label"] = made["label"]
        hint = resolved.get("description")
        if hint:
            made["hint"] = " ".join(hint.split())
        if "pattern" in resolved and widget.get("widget") in ("string", "text"):
            # Decap shows "<label> didn't match the pattern: <message>." below the label.
            message = made.get("hint", "check its format").rstrip(".")
            made["pattern"] = [resolved["pattern"], message]
        return made | widget

    def resolved(self, schema: dict) -> tuple[dict, bool]:
        """The schema with its $ref and 'or null' taken away, its own title and description
        kept before the definition's; and whether null is allowed."""
        options = schema.get("anyOf")
        nullable = False
        if options is not None:
            kept = [option for option in options if option.get("type") != "null"]
            nullable = len(kept) < len(options)
            if len(kept) != 1:
                return {}, nullable
            schema = {**{k: v for k, v in schema.items() if k != "anyOf"}, **kept[0]}
        if "$ref" in schema:
            # A definition's title is its class name (EmailChannel): labels come from names.
            definition = self.defs[schema["$ref"].rsplit("/", 1)[-1]]
            definition = {k: v for k, v in definition.items() if k != "title"}
            schema = {**definition, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema, nullable

    def widget(self, schema: dict, optional: bool) -> dict | None:
        if "enum" in schema:
            return {"widget": "select", "options": list(schema["enum"])}
        if schema.get("x-reference") in self.choices.ids:
            return {"widget": "select", "options": self.choices.ids[schema["x-reference"]]}
        kind_of_value = schema.get("type")
        if kind_of_value == "string" and "const" not in schema:
            return _text_widget(schema)
        if kind_of_value == "boolean":
            return {"widget": "boolean"}
        if kind_of_value == "integer":
            return {"widget": "number", "value_type": "int"} | _bounds(schema)
        if kind_of_value == "array":
            return self.list_widget(schema, optional)
        if kind_of_value == "object" and "properties" in schema:
            fields = self.of_object(schema, optional)
            return {"widget": "object", "collapsed": False, "fields": fields} if fields else None
        return None

    def list_widget(self, schema: dict, optional: bool) -> dict | None:
        items, _ = self.resolved(schema.get("items", {}))
        least = {"min": schema["minItems"]} if "minItems" in schema and not optional else {}
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": list(items["enum"])} | least
        if items.get("x-reference") in self.choices.ids:
            options = self.choices.ids[items["x-reference"]]
            return {"widget": "select", "multiple": True, "options": options} | least
        if items.get("type") == "object" and "properties" in items:
            # A list of named things (providers, outcomes) shows their names, each opened with
            # a click; a list of details (phone numbers, opening hours) shows them all.
            named = [n for n in ("name", "title", "text", "id") if n in items["properties"]]
            shown = {"summary": f"{{{{fields.{named[0]}}}}}"} if named else {"collapsed": False}
            fields = self.of_object(items, optional=False)
            return {"widget": "list", "fields": fields, **least, **shown}
        if items.get("type") == "string":
            item = self.field("item", items, True)
            return (
                None
                if item is None
                else {"widget": "list", "field": item, "collapsed": False} | least
            )
        return None


def _label(name: str, schema: dict) -> str:
    """The schema's title, unless it is the one pydantic makes from the name ('Last Checked'),
    then the name in sentence case ('Last checked')."""
    title = schema.get("title")
    made_from_name = name.replace("_", " ")
    if title and title != made_from_name.title():
        return title
    return made_from_name.capitalize()


def _text_widget(schema: dict) -> dict:
    if schema.get("format") == "date":
        # Stored as 2026-11-28, the form the loader reads as a date.
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
        }
    long_text = schema.get("maxLength", 0) > _LONG_TEXT or schema.get("format") == "markdown"
    if "pattern" in schema:
        long_text = False
    return {"widget": "text" if long_text else "string"}


def _bounds(schema: dict) -> dict:
    return {k: schema[v] for k, v in (("min", "minimum"), ("max", "maximum")) if v in schema}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.editor.config", description=__doc__)
    parser.add_argument("council", nargs="?", default="example-council")
    parser.add_argument("--port", type=int, default=EDITOR_PORT, help="the editor server's port")
    parser.add_argument("--root", type=Path, default=ROOT, help="the folder holding content/")
    arguments = parser.parse_args(argv)
    sys.stdout.write(config_text(arguments.council, arguments.port, arguments.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
