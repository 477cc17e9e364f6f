"""The browser editor's config (macros/editor/config.py, issue 29): every form field Decap shows
for a council's files comes from the JSON schemas in schemas/ (the same records that check the
content), so a label, a hint, a required flag, a pattern or a choice cannot drift from them.
Read here against the schema files themselves, for every council; the editor in a browser is
tests/test_editor_browser.py."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from conftest import COUNCIL_FOLDERS, NATIONAL, PROJECT, loaded_council

from macros.editor.config import config_text, council_choices, decap_config
from macros.editor.edit import _commands, council_name

SCHEMAS = PROJECT / "schemas"
# Each council file the editor shows, and the schema file that describes it.
FILE_SCHEMAS = {
    "site.yml": "site.schema.json",
    "providers.yml": "providers.schema.json",
    "roles.yml": "roles.schema.json",
    "changes.yml": "changes.schema.json",
    "route-finder.yml": "finder-additions.schema.json",
}
COUNCILS = sorted(p.name for p in COUNCIL_FOLDERS.iterdir() if p.is_dir())


def schema_file(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def resolved(schema: dict, defs: dict) -> tuple[dict, bool]:
    """The property's schema without 'or null' and $ref, and whether it may be null."""
    nullable = False
    if "anyOf" in schema:
        kept = [s for s in schema["anyOf"] if s.get("type") != "null"]
        nullable = len(kept) < len(schema["anyOf"])
        base = {k: v for k, v in schema.items() if k != "anyOf"}
        schema = {**base, **kept[0]} if len(kept) == 1 else {**base, "oneOf": kept}
    if "$ref" in schema:
        definition = dict(defs[schema["$ref"].split("/")[-1]])
        definition.pop("title", None)
        schema = {**definition, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema, nullable


def unexpressible(schema: dict) -> bool:
    """What no Decap widget can hold: a value of any type, one of several shapes, a constant,
    or a map of ids."""
    return (
        "type" not in schema
        or "oneOf" in schema
        or "const" in schema
        or "patternProperties" in schema
        or (schema["type"] == "array" and unexpressible(schema.get("items", {})))
    )


def check_fields(fields: list, schema: dict, defs: dict, optional: bool, where: str, ids) -> int:
    """Check each Decap field against its property in the schema; return how many were read.
    ``optional``: inside an object that may be left out, where no field is required."""
    by_name = {f["name"]: f for f in fields}
    required = set(schema.get("required", []))
    checked = 0
    for name, property_schema in schema["properties"].items():
        prop, nullable = resolved(property_schema, defs)
        place = f"{where}.{name}"
        if name not in by_name:
            assert unexpressible(prop), f"{place} is left out of the form, but Decap can show it"
            continue
        field = by_name[name]
        must = name in required and not nullable and not optional
        assert field["required"] is must, place
        checked += 1 + check_field(field, prop, defs, place, ids)
    assert set(by_name) <= set(schema["properties"]), where
    return checked


def check_field(field: dict, prop: dict, defs: dict, place: str, ids) -> int:
    title = prop.get("title")
    if place.endswith("[]"):
        pass  # an item of a list of texts: labelled as its list is (check_list)
    elif title and title != field["name"].replace("_", " ").title():
        assert field["label"] == title, place
    else:
        assert field["label"] == field["name"].replace("_", " ").capitalize(), place
    if prop.get("description"):
        assert field["hint"] == " ".join(prop["description"].split()), place
    if "pattern" in prop and field["widget"] != "select":
        assert field["pattern"][0] == prop["pattern"], place
    if "enum" in prop:
        assert (field["widget"], field["options"]) == ("select", prop["enum"]), place
    if prop.get("x-reference") in ids:
        assert field["options"] == ids[prop["x-reference"]], place
    if prop.get("format") == "date":
        assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD", place
        assert field["time_format"] is False, place
    if prop.get("type") == "object":
        inner = not field["required"]
        return check_fields(field["fields"], prop, defs, inner, place, ids)
    if prop.get("type") == "array":
        return check_list(field, prop, defs, place, ids)
    return 0


def check_list(field: dict, prop: dict, defs: dict, place: str, ids) -> int:
    items, _ = resolved(prop["items"], defs)
    if field["required"] and "minItems" in prop:
        assert field["min"] == prop["minItems"], place
    if "enum" in items:
        assert field["widget"] == "select" and field["multiple"] is True, place
        assert field["options"] == items["enum"], place
        return 0
    if items.get("x-reference") in ids:
        assert field["options"] == ids[items["x-reference"]], place
        return 0
    if items.get("type") == "object":
        assert field["widget"] == "list", place
        return check_fields(field["fields"], items, defs, False, f"{place}[]", ids)
    assert field["field"]["required"] is True, place
    assert field["field"]["label"] == field["label"], place
    return check_field(field["field"], items, defs, f"{place}[]", ids)


@pytest.mark.parametrize("council", COUNCILS)
def test_every_form_field_is_the_schemas(council):
    config = decap_config(council)
    ids = council_choices(COUNCIL_FOLDERS / council).ids
    (files,) = [c["files"] for c in config["collections"] if c["name"] == "council"]
    shown = {f["file"].rsplit("/", 1)[-1]: f for f in files}
    present = {name for name in FILE_SCHEMAS if (COUNCIL_FOLDERS / council / name).is_file()}
    assert set(shown) == present
    checked = 0
    for name, form in shown.items():
        schema = schema_file(FILE_SCHEMAS[name])
        fields = [f for f in form["fields"] if name != "roles.yml" or f["name"] != "roles"]
        properties = {
            k: v for k, v in schema["properties"].items() if k in {f["name"] for f in fields}
        }
        checked += check_fields(
            fields, schema | {"properties": properties}, schema.get("$defs", {}), False, name, ids
        )
    (routes,) = [c for c in config["collections"] if c["name"] == "routes"]
    assert routes["folder"] == f"content/councils/{council}/routes"
    route = schema_file("route.schema.json")
    checked += check_fields(routes["fields"], route, route.get("$defs", {}), False, "routes/", ids)
    assert checked > 100


def test_the_choices_are_the_councils_ids():
    """A route names providers by role or by id: its choices are every national role and every
    provider the loader knows; the roles form binds each national role to the council's own
    providers, as providers.yml has them at the moment (Decap's relation to that form)."""
    council = COUNCIL_FOLDERS / "example-borough"
    content = loaded_council(council).content
    ids = council_choices(council).ids
    national = yaml.safe_load((NATIONAL / "national.yml").read_text(encoding="utf-8"))
    role_ids = [role["id"] for role in national["roles"]]
    assert ids["provider"] == [*role_ids, *content.providers]
    assert ids["route"] == list(content.routes) and "meeting-with-a-send-officer" in ids["route"]
    config = decap_config("example-borough")
    (files,) = [c["files"] for c in config["collections"] if c["name"] == "council"]
    (roles_form,) = [f for f in files if f["name"] == "roles"]
    (roles,) = [f for f in roles_form["fields"] if f["name"] == "roles"]
    assert [f["name"] for f in roles["fields"]] == role_ids
    for binding in roles["fields"]:
        assert binding["widget"] == "relation" and binding["file"] == "providers"
        assert binding["value_field"] == "providers.*.id"
        assert binding["multiple"] is True and binding["min"] == 1 and binding["required"]


@pytest.mark.parametrize("council", COUNCILS)
def test_the_form_takes_every_value_the_council_has(council):
    """Each pattern and choice of a form accepts the values in the council's file now, so
    opening a form and saving it unchanged is never refused (Python's re reads these patterns
    as JavaScript does)."""
    config = decap_config(council)
    (files,) = [c["files"] for c in config["collections"] if c["name"] == "council"]
    problems = []
    for form in files:
        data = yaml.safe_load((PROJECT / form["file"]).read_text(encoding="utf-8"))
        problems += refused_values(form["fields"], data, form["name"])
    assert problems == []


def refused_values(fields: list, data, where: str) -> list[str]:
    problems = []
    for field in fields:
        value = data.get(field["name"]) if isinstance(data, dict) else None
        if value is None:
            continue
        place = f"{where}.{field['name']}"
        values = value if isinstance(value, list) else [value]
        for item in values:
            if "fields" in field:
                problems += refused_values(field["fields"], item, place)
            elif "pattern" in field and not re.search(field["pattern"][0], str(item)):
                problems.append(f"{place}: {item!r}")
            elif field["widget"] == "select" and item not in field["options"]:
                problems.append(f"{place}: {item!r} is not a choice")
    return problems


def test_the_config_names_no_host_but_this_machine():
    text = config_text("example-council", 8123)
    config = yaml.safe_load(text)
    assert config["local_backend"] == {
        "url": "http://127.0.0.1:8123/api/v1",
        "allowed_hosts": ["127.0.0.1"],
    }
    hosts = set(re.findall(r"https?://([A-Za-z0-9][\w.-]*)", text))
    assert hosts == {"127.0.0.1"}
    assert (
        config["collections"][0]["files"][0]["file"] == "content/councils/example-council/site.yml"
    )


def test_content_with_errors_still_gets_an_editor(tmp_path):
    """While the loader refuses the content, the forms take any id (the preview lists the
    problems): the editor is how a council would mend it."""
    content = tmp_path / "content"
    shutil.copytree(NATIONAL, content / "national")
    shutil.copytree(COUNCIL_FOLDERS / "example-council", content / "councils" / "broken")
    roles = content / "councils" / "broken" / "roles.yml"
    roles.write_text(roles.read_text().replace("[kids, together-trust]", "[nobody]"))
    assert council_choices(content / "councils" / "broken").ids == {}
    config = decap_config("broken", root=tmp_path)
    (files,) = [c["files"] for c in config["collections"] if c["name"] == "council"]
    assert [f["name"] for f in files] == ["site", "providers", "roles"]
    (routes,) = [c for c in config["collections"] if c["name"] == "routes"]
    (providers,) = [f for f in routes["fields"] if f["name"] == "providers"]
    assert providers["widget"] == "list" and "pattern" in providers["field"]


def test_make_edit_opens_a_council_folder_of_this_project_only():
    assert council_name("content/councils/example-borough") == ("example-borough", "")
    for folder in ("content/national", "content/councils/no-such-council", "/tmp", "content"):
        name, problem = council_name(folder)
        assert name is None and problem, folder
    preview, editor = _commands("example-council", PROJECT / "config.yml")
    assert preview[-2:] == ["--dev-addr", "127.0.0.1:8000"]
    assert editor[editor.index("--port") + 1] == "8081"
