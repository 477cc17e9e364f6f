"""Open data: the Open Referral UK file follows the UK profile's field rules, and route and
provider pages carry schema.org JSON-LD that parses."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from conftest import PROJECT, shipped_content
from jsonschema import Draft202012Validator, FormatChecker

CONTENT = shipped_content()
SCHEMAS = PROJECT / "schemas" / "openreferral-uk-3.0"


def validator(name: str) -> Draft202012Validator:
    """A validator for one of the official Open Referral UK 3.0 schemas, with format checking
    (uuid, uri, email and date are checked only with it on)."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def schema_errors(name: str, records: list[dict]) -> list[str]:
    check = validator(name)
    return [
        f"{record.get('id')}: {'.'.join(map(str, error.absolute_path))}: {error.message}"
        for record in records
        for error in check.iter_errors(record)
    ]


@pytest.fixture(scope="module")
def open_data(built_site) -> dict:
    return json.loads((built_site / "open-data" / "openreferral-uk.json").read_text())


def test_every_record_follows_the_official_open_referral_uk_schemas(open_data):
    assert open_data["services"] and open_data["organizations"]
    assert schema_errors("service.json", open_data["services"]) == []
    assert schema_errors("organization.json", open_data["organizations"]) == []


def test_the_schema_check_can_fail():
    good = {"id": str(uuid.uuid4()), "name": "Mediation", "status": "active"}
    assert schema_errors("service.json", [good]) == []
    assert len(schema_errors("service.json", [{**good, "id": "not-a-uuid"}])) == 1
    assert len(schema_errors("service.json", [{**good, "url": "not a web address"}])) == 1
    assert len(schema_errors("service.json", [{k: v for k, v in good.items() if k != "name"}])) == 1


def test_references_between_records_hold_and_ids_are_unique(open_data):
    """What a schema of one record cannot check: ids used once, and every reference resolved."""
    organizations = {o["id"] for o in open_data["organizations"]}
    ids = [o["id"] for o in open_data["organizations"]]
    problems = []
    for service in open_data["services"]:
        ids.append(service["id"])
        if service.get("organization_id") not in organizations:
            problems.append(f"service {service['id']}: unknown organization_id")
        for contact in service.get("contacts", []):
            ids.append(contact["id"])
            if contact.get("service_id") != service["id"]:
                problems.append(f"contact {contact['id']}: service_id does not match")
            for phone in contact.get("phones", []):
                ids.append(phone["id"])
                if phone.get("contact_id") != contact["id"]:
                    problems.append(f"phone {phone['id']}: contact_id does not match")
        for schedule in service.get("schedules", []):
            ids.append(schedule["id"])
            if schedule.get("service_id") != service["id"]:
                problems.append(f"schedule {schedule['id']}: service_id does not match")
    problems += [f"id {i} is used twice" for i in {i for i in ids if ids.count(i) > 1}]
    assert problems == []


def test_the_static_endpoints_a_directory_reads(built_site, open_data):
    folder = built_site / "open-data"
    page = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    assert page["total_items"] == len(page["contents"]) == len(open_data["services"])
    assert (page["page_number"], page["total_pages"], page["first_page"], page["last_page"]) == (
        1,
        1,
        True,
        True,
    )
    assert schema_errors("service_list.json", page["contents"]) == []
    for service in open_data["services"]:
        one = json.loads((folder / "services" / f"{service['id']}.json").read_text())
        assert one == service


def test_every_route_with_a_provider_is_a_service(open_data):
    services = {(s["name"], s["contacts"][0]["name"]) for s in open_data["services"]}
    expected = {
        (route.name, CONTENT.provider(p).name)
        for route in CONTENT.routes.values()
        for p in route.all_providers
    }
    assert services == expected


def _json_ld(page) -> list[dict]:
    html = page.read_text(encoding="utf-8")
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_route_pages_describe_a_government_service(built_site):
    for route in CONTENT.routes.values():
        data = _json_ld(built_site / "routes" / route.id / "index.html")
        assert len(data) == 1, route.id
        service = data[0]
        assert service["@type"] == "GovernmentService" and service["name"] == route.name
        assert [p["name"] for p in service.get("provider", [])] == [
            CONTENT.provider(p).name for p in route.all_providers
        ]


def test_provider_pages_describe_organisations_with_contact_points(built_site):
    data = _json_ld(built_site / "disagreement-resolution" / "who-provides-it" / "index.html")
    organisations = {d["name"]: d for d in data if d["@type"] == "Organization"}
    kids = organisations["KIDS"]
    assert kids["contactPoint"][0]["telephone"] == "03330 062 835"
    sendiass = _json_ld(built_site / "sendiass" / "index.html")[0]
    assert sendiass["@type"] == "Organization"
    assert sendiass["contactPoint"][0]["hoursAvailable"][0]["dayOfWeek"][0] == "Monday"
