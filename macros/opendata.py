"""Open data from the content: Open Referral UK JSON, and schema.org JSON-LD for pages.

Open Referral UK (the UK profile of HSDS 3.0) describes organisations and the services they run;
here each route is one service of each provider that runs it (a route's `runs`, or its case's),
and the providers who help with it (SENDIASS...) are the service's contacts. Ids are UUIDs made
from the council's name and the record ids, so they stay the same from build to build.
"""

from __future__ import annotations

import uuid

from .content import Content
from .records import DAYS, Organization, Route
from .urls import route_url

# Any fixed namespace will do: it only has to stay the same, so ids stay the same.
_NAMESPACE = uuid.UUID("6f1c1b54-3d0e-4f5e-9b7a-2a8c5d9e4b10")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _organization(council: str, provider: Organization) -> dict:
    record = {
        "id": stable_id(council, "organization", provider.id),
        "name": provider.name,
        "description": provider.description,
    }
    if provider.email:
        record["email"] = provider.email.address
    if provider.website:
        record["website"] = provider.website.url
    return record


def who_runs(route: Route) -> dict[str | None, list[str]]:
    """Each provider that runs the route or one of its cases (None for what no provider runs:
    the family's own school, college or nursery), with the providers to contact about what it
    runs: the runner first, then those who help (not the others that run the same thing)."""
    runs: dict[str | None, list[str]] = {}
    for case in route.cases or [None]:
        runners = route.run_by(case)
        listed = route.providers + route.cost_help + (case.providers if case else [])
        helpers = [p for p in listed if p not in runners]
        for runner in runners or [None]:
            runs.setdefault(runner, [runner] if runner else []).extend(helpers)
    return {runner: list(dict.fromkeys(ids)) for runner, ids in runs.items()}


def _contact(council: str, service_id: str, key: tuple[str, ...], provider: Organization) -> dict:
    contact_id = stable_id(council, "contact", *key, provider.id)
    return {
        "id": contact_id,
        "service_id": service_id,
        "name": provider.name,
        "phones": [
            {
                "id": stable_id(council, "phone", *key, provider.id, str(index)),
                "contact_id": contact_id,
                "number": phone.number,
                **({"description": phone.description} if phone.description else {}),
            }
            for index, phone in enumerate(provider.phones)
        ],
    }


def _service(content: Content, route: Route, runner: str | None, contacts: list[str]) -> dict:
    """The route as a service of the body that runs it; who helps with it are its contacts."""
    council = content.site.council.name
    key = (route.id, runner) if runner else (route.id,)
    service_id = stable_id(council, "service", *key)
    provider = content.provider(runner) if runner else None
    service = {
        "id": service_id,
        "name": route.name,
        "description": route.summary,
        "status": "active",
        "url": content.site.council.site_address + route_url(route.id),
        "contacts": [_contact(council, service_id, key, content.provider(p)) for p in contacts],
        "schedules": [
            {
                "id": stable_id(council, "schedule", *key, str(index)),
                "service_id": service_id,
                "freq": "WEEKLY",
                "byday": ",".join(schedule.byday),
                "opens_at": schedule.opens_at,
                "closes_at": schedule.closes_at,
                **({"description": schedule.description} if schedule.description else {}),
            }
            for index, schedule in enumerate(provider.schedules if provider else [])
        ],
    }
    if provider:
        service["organization_id"] = stable_id(council, "organization", provider.id)
    if provider and provider.email:
        service["email"] = provider.email.address
    return service


def open_referral(content: Content) -> dict:
    """Organisations and their services (routes), in the Open Referral UK shape."""
    council = content.site.council.name
    used = {p for route in content.routes.values() for p in route.all_providers}
    return {
        "organizations": [
            _organization(council, provider)
            for provider in content.providers.values()
            if provider.id in used
        ],
        "services": [
            _service(content, route, runner, contacts)
            for route in content.routes.values()
            for runner, contacts in who_runs(route).items()
        ],
    }


def services_page(services: list[dict]) -> dict:
    """The services as one page of the paged list that an Open Referral UK directory reads at
    /services (HSDS 3.0 Page): every service fits on the first page."""
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }


def organization_json_ld(provider: Organization) -> dict:
    """schema.org Organization with a ContactPoint per phone number."""
    data: dict = {"@context": "https://schema.org", "@type": "Organization", "name": provider.name}
    data["description"] = provider.description
    if provider.website:
        data["url"] = provider.website.url
    if provider.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(provider.address.lines),
            **({"postalCode": provider.address.postcode} if provider.address.postcode else {}),
        }
    points = []
    for phone in provider.phones:
        point = {
            "@type": "ContactPoint",
            "telephone": phone.number,
            "contactType": "customer service",
        }
        if provider.email:
            point["email"] = provider.email.address
        if provider.schedules:
            point["hoursAvailable"] = [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [DAYS[day] for day in s.byday],
                    "opens": s.opens_at,
                    "closes": s.closes_at,
                }
                for s in provider.schedules
            ]
        points.append(point)
    if points:
        data["contactPoint"] = points
    return data


def route_json_ld(content: Content, route: Route) -> dict:
    """schema.org GovernmentService for a route page, with who runs it as its provider."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": route.name,
        "description": route.summary,
        "url": content.site.council.site_address + route_url(route.id),
        "areaServed": content.site.council.name,
        "serviceOperator": {"@type": "GovernmentOrganization", "name": content.site.council.name},
    }
    providers = [organization_json_ld(content.provider(p)) for p in who_runs(route) if p]
    if providers:
        data["provider"] = [{k: v for k, v in p.items() if k != "@context"} for p in providers]
    return data
