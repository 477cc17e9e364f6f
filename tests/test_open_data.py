"""Open data: the Open Referral UK file follows the UK profile's field rules, and route and
provider pages carry schema.org JSON-LD that parses."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from conftest import PROJECT

from macros.content import load_content

CONTENT = load_content(PROJECT / "content").content
# Fields the UK profile drops from HSDS services (shared/research/ecosystem.md §5).
NOT_IN_UK_PROFILE = {
    "application_process",
    "eligibility_description",
    "wait_time",
    "interpretation_services",
    "fees_description",
    "phones",
}
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}


def _is_uuid(value) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except (TypeError, ValueError):
        return False


def _text(record: dict, field: str) -> bool:
    return isinstance(record.get(field), str) and record[field].strip() != ""


@pytest.fixture(scope="module")
def open_data(built_site) -> dict:
    return json.loads((built_site / "open-data" / "openreferral-uk.json").read_text())


def test_open_referral_uk_field_rules(open_data):
    problems = []
    ids: list[str] = []
    organizations = {o.get("id"): o for o in open_data["organizations"]}
    for org in open_data["organizations"]:
        ids.append(org.get("id"))
        problems += [
            f"organization {org.get('id')}: {f} missing"
            for f in ("name", "description")
            if not _text(org, f)
        ]
    for service in open_data["services"]:
        sid = service.get("id")
        ids.append(sid)
        problems += [
            f"service {sid}: {f} missing" for f in ("name", "status") if not _text(service, f)
        ]
        if service.get("status") not in STATUSES:
            problems.append(f"service {sid}: status {service.get('status')!r}")
        if service.get("organization_id") not in organizations:
            problems.append(f"service {sid}: unknown organization_id")
        problems += [
            f"service {sid}: {f} is not in the UK profile" for f in NOT_IN_UK_PROFILE & set(service)
        ]
        for contact in service["contacts"]:
            ids.append(contact.get("id"))
            if contact.get("service_id") != sid:
                problems.append(f"contact {contact.get('id')}: service_id does not match")
            for phone in contact["phones"]:
                ids.append(phone.get("id"))
                if not _text(phone, "number") or phone.get("contact_id") != contact.get("id"):
                    problems.append(f"phone {phone.get('id')}: number or contact_id wrong")
        for schedule in service["schedules"]:
            ids.append(schedule.get("id"))
            if schedule.get("service_id") != sid:
                problems.append(f"schedule {schedule.get('id')}: service_id does not match")
            if not re.fullmatch(
                r"(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*", schedule["byday"]
            ):
                problems.append(f"schedule {schedule.get('id')}: byday {schedule['byday']!r}")
    problems += [f"id {i!r} is not a UUID" for i in ids if not _is_uuid(i)]
    problems += [f"id {i} is used twice" for i in {i for i in ids if ids.count(i) > 1}]
    assert problems == []


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
