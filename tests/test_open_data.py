"""Open data: the Open Referral UK file follows the UK profile's field rules, and route and
provider pages carry schema.org JSON-LD that parses."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from conftest import COUNCILS, PROJECT, SHIPPED_COUNCIL, loaded_council, shipped_content
from jsonschema import Draft202012Validator, FormatChecker

from macros.content import Content
from macros.opendata import stable_id
from macros.records import Route

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


@pytest.fixture(scope="module", params=list(COUNCILS))
def council(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def content(council) -> Content:
    return loaded_council(COUNCILS[council] or SHIPPED_COUNCIL).content


@pytest.fixture(scope="module")
def site(built_sites, council) -> Path:
    return built_sites(council)


@pytest.fixture(scope="module")
def open_data(site) -> dict:
    return json.loads((site / "open-data" / "openreferral-uk.json").read_text())


def route_of(content: Content, service: dict) -> str:
    """The id of the route a service stands for, from its address (routes/<id>/)."""
    prefix = f"{content.site.council.site_address}routes/"
    assert service["url"].startswith(prefix), service["url"]
    return service["url"].removeprefix(prefix).rstrip("/")


def organisations_by_route(content: Content, open_data: dict) -> dict[str, set[str]]:
    """Each route's id, with the providers named as the organisation of its services."""
    council = content.site.council.name
    provider_of = {stable_id(council, "organization", p): p for p in content.providers}
    by_route: dict[str, set[str]] = {}
    for service in open_data["services"]:
        organisation = provider_of.get(service.get("organization_id", ""))
        by_route.setdefault(route_of(content, service), set()).add(organisation)
    return by_route


def runners_in_the_route_data(route: Route) -> set[str | None]:
    """Who runs the route or each of its cases, by its `runs` (None: no provider does)."""
    return {r for case in route.cases or [None] for r in route.run_by(case) or [None]}


def test_services_name_the_body_that_runs_them_not_one_that_helps(content, open_data):
    """SENDIASS helps with most routes but runs only its own; the tribunal, the ombudsmen and
    the courts run theirs. A directory that read SENDIASS (or the mediation service) as the body
    running an appeal would send families to the wrong place."""
    runs = organisations_by_route(content, open_data)
    sendiass = set(content.routes["sendiass"].providers)
    assert sendiass and runs["sendiass"] == sendiass
    assert {route for route, bodies in runs.items() if bodies & sendiass} == {"sendiass"}
    assert runs["tribunal-appeal"] == runs["extended-appeal"] == {"send-tribunal"}
    assert runs["discrimination-claim"] == {"send-tribunal", "county-court"}
    assert runs["local-government-ombudsman"] == {"lgsco"}
    assert runs["health-ombudsman"] == {"phso"}
    assert runs["judicial-review"] == {"administrative-court"}
    assert runs["complaint-to-dfe-about-the-council"] == {"dfe"}
    assert runs["ofsted"] == {"ofsted"}


def test_every_record_follows_the_official_open_referral_uk_schemas(open_data):
    assert open_data["services"] and open_data["organizations"]
    assert schema_errors("service.json", open_data["services"]) == []
    assert schema_errors("organization.json", open_data["organizations"]) == []


def test_national_bodies_carry_their_contacts_into_the_open_data(content, open_data):
    """The tribunal, the ombudsmen, the DfE and Civil Legal Advice are national records with
    their own contact details: a directory reading the data gets them as it gets a council's."""
    council = content.site.council.name
    organizations = {o["id"]: o for o in open_data["organizations"]}
    tribunal = organizations[stable_id(council, "organization", "send-tribunal")]
    assert tribunal["email"] == "sendistqueries@justice.gov.uk"
    assert tribunal["website"].startswith("https://www.gov.uk/courts-tribunals/")
    services = [s for s in open_data["services"] if route_of(content, s) == "tribunal-appeal"]
    phones = {
        contact["name"]: [phone["number"] for phone in contact["phones"]]
        for service in services
        for contact in service["contacts"]
    }
    assert phones[content.provider("send-tribunal").name] == ["01325 289 350"]
    assert phones["Civil Legal Advice"] == ["0345 345 4345"]
    dfe = next(
        s
        for s in open_data["services"]
        if route_of(content, s) == "complaint-to-dfe-about-the-council"
    )
    assert [(h["byday"], h["opens_at"], h["closes_at"]) for h in dfe["schedules"]] == [
        ("MO,TU,WE,TH,FR", "09:30", "17:00")
    ]
    assert schema_errors("service.json", services + [dfe]) == []
    assert schema_errors("organization.json", [tribunal]) == []


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
        if "organization_id" in service and service["organization_id"] not in organizations:
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


def test_the_static_endpoints_a_directory_reads(site, open_data):
    folder = site / "open-data"
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


def test_each_service_is_run_by_the_body_the_route_data_names(content, open_data):
    """One service per route and body that runs it (route or case `runs`), and no other."""
    runs = organisations_by_route(content, open_data)
    expected = {route.id: runners_in_the_route_data(route) for route in content.routes.values()}
    assert runs == expected
    assert len(open_data["services"]) == sum(len(bodies) for bodies in expected.values())


def test_who_helps_with_a_route_is_a_contact_of_its_service(content, open_data):
    organisations = {o["id"]: o["name"] for o in open_data["organizations"]}
    for service in open_data["services"]:
        route = content.routes[route_of(content, service)]
        names = [contact["name"] for contact in service["contacts"]]
        assert len(names) == len(set(names)), route.id
        runners = {content.provider(p).name for p in runners_in_the_route_data(route) if p}
        helpers = {content.provider(p).name for p in route.providers} - runners
        assert helpers <= set(names), route.id
        # Another body that runs the same route is an alternative, not someone who helps.
        assert len(runners & set(names)) == ("organization_id" in service), route.id
        if "organization_id" in service:
            assert names[0] == organisations[service["organization_id"]], route.id
    sendiass = {content.provider(p).name for p in content.routes["sendiass"].providers}
    for service in open_data["services"]:
        if route_of(content, service) == "tribunal-appeal":
            assert sendiass <= {contact["name"] for contact in service["contacts"]}


def _json_ld(page) -> list[dict]:
    html = page.read_text(encoding="utf-8")
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_route_pages_describe_a_government_service(site, content):
    for route in content.routes.values():
        data = _json_ld(site / "routes" / route.id / "index.html")
        assert len(data) == 1, route.id
        service = data[0]
        assert service["@type"] == "GovernmentService" and service["name"] == route.name
        assert sorted(p["name"] for p in service.get("provider", [])) == sorted(
            content.provider(p).name for p in runners_in_the_route_data(route) if p
        ), route.id


def test_provider_pages_describe_organisations_with_contact_points(built_site):
    data = _json_ld(built_site / "disagreement-resolution" / "who-provides-it" / "index.html")
    organisations = {d["name"]: d for d in data if d["@type"] == "Organization"}
    kids = organisations["KIDS"]
    assert kids["contactPoint"][0]["telephone"] == "03330 062 835"
    court = next(
        data
        for data in _json_ld(built_site / "routes" / "judicial-review" / "index.html")[0][
            "provider"
        ]
        if data["name"] == "The Administrative Court"
    )
    assert court["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Royal Courts of Justice, Strand, London",
        "postalCode": "WC2A 2LL",
    }
    sendiass = _json_ld(built_site / "sendiass" / "index.html")[0]
    assert sendiass["@type"] == "Organization"
    assert sendiass["contactPoint"][0]["hoursAvailable"][0]["dayOfWeek"][0] == "Monday"


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({"runs": ["lgsco"]}, "runs: expected one of the providers listed, found 'lgsco'"),
        ({"providers": ["sendiass"]}, "found 'send-tribunal'"),
    ],
)
def test_a_route_run_by_a_provider_it_does_not_list_is_refused(change, found):
    """Who runs a route must be among its providers, so its page shows their details."""
    route = shipped_content().routes["tribunal-appeal"]
    data = route.model_dump()
    assert Route.model_validate(data) == route
    with pytest.raises(ValueError, match=re.escape(found)):
        Route.model_validate({**data, **change})
