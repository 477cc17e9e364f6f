"""JSON Schemas of the content files, for editors (VS Code's YAML extension and others).

Each content file starts with a line naming its schema, so an editor can complete field names
and flag mistakes while typing. The schemas are made from the same records that check the
content, and a test fails if a file in schemas/ is out of date.

    python -m macros.schemas        (make schemas) writes schemas/*.schema.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import records

SCHEMA_FOLDER = Path(__file__).resolve().parents[1] / "schemas"
# Schema file name → the record type of the content files it describes.
SCHEMAS: dict[str, type[records.Record]] = {
    "site.schema.json": records.SiteSettings,
    # A council's providers.yml (the national one has no national_notes: the loader says so).
    "providers.schema.json": records.CouncilProviderList,
    "disagreement-resolution.schema.json": records.Service,
    "route-finder.schema.json": records.RouteFinder,
    "route.schema.json": records.Route,
    "form.schema.json": records.RequestForm,
    "letter.schema.json": records.Letter,
    "time-limits.schema.json": records.TimeLimitList,
    "proposed-changes.schema.json": records.ProposedChanges,
    "appeal-guide.schema.json": records.AppealGuide,
    "accessibility.schema.json": records.AccessibilityFacts,
    "national.schema.json": records.NationalLayer,
    "roles.schema.json": records.RoleBindings,
    "changes.schema.json": records.CouncilChanges,
    "finder-additions.schema.json": records.FinderAdditions,
}


def schema_text(model: type[records.Record]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema |= model.model_json_schema(mode="validation")
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def schema_for(content_file: Path) -> str:
    """Which schema a content file uses: routes/x.yml → 'route.schema.json'; a council's
    route-finder.yml (its own questions and outcomes) → 'finder-additions.schema.json'."""
    if content_file.name == "route-finder.yml" and content_file.parent.parent.name == "councils":
        return "finder-additions.schema.json"
    if content_file.parent.name == "routes":
        return "route.schema.json"
    if content_file.parent.name == "forms":
        return "form.schema.json"
    if content_file.parent.name == "letters":
        return "letter.schema.json"
    return content_file.stem + ".schema.json"


def main() -> int:
    SCHEMA_FOLDER.mkdir(exist_ok=True)
    for name, model in SCHEMAS.items():
        (SCHEMA_FOLDER / name).write_text(schema_text(model), encoding="utf-8")
        print(f"wrote schemas/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
