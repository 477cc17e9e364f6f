"""The views of routes: a route's own page, the routes index and the comparison of routes."""

from __future__ import annotations

import typing

from jinja2 import Environment

from ..appeal_guide import link_for_route
from ..components import render
from ..content import Content
from ..deadline_pages import calculator_links
from ..opendata import route_json_ld
from ..records import Route, Source
from ..urls import FINDER_START, ROUTES_ROOT, case_anchor, relative_url, route_url
from .forms import Pdfs, form_links
from .letters import route_letter_links
from .page import GeneratedPage


def route_view(content: Content, route: Route, pdfs: Pdfs) -> dict:
    """A route's own page (route_page.html): what it is, its time limits, each of its cases
    with what is its own, its forms, contacts and sources."""
    url = route_url(route.id)
    route_forms = content.forms_for_route(route.id)
    shared_forms = {form.id for form in route_forms}
    cases = [
        {
            "case": case,
            "anchor": case_anchor(case.id),
            "time_limits": [content.time_limit(t) for t in case.time_limits],
            "providers": [content.provider(p) for p in case.providers],
            "form_links": form_links(
                [content.forms[f] for f in case.forms if f not in shared_forms], pdfs, url
            ),
            "calculator_links": calculator_links(content, case.time_limits, url),
        }
        for case in route.cases
    ]
    return {
        "route": route,
        "time_limits": [content.time_limit(t) for t in route.time_limits],
        "cases": cases,
        "form_links": form_links(route_forms, pdfs, url),
        "letters": route_letter_links(content, route.id, url),
        "json_ld": route_json_ld(content, route),
        "providers": [content.provider(p) for p in route.providers],
        "cost_help": [content.provider(p) for p in route.cost_help],
        "calculator_links": calculator_links(content, route.time_limits, url),
        "appeal_guide": link_for_route(content, route.id, url),
        "sources": route_sources(content, route),
        "links": {
            "routes": relative_url(url, ROUTES_ROOT),
            "finder": relative_url(url, FINDER_START),
        },
    }


def route_pages(content: Content, templates: Environment, pdfs: Pdfs) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            route_url(route.id),
            route.name,
            render(templates, "route_page.html", **route_view(content, route, pdfs)),
            "route_page",
        )
        for route in content.routes.values()
    ]


def route_sources(content: Content, route: Route) -> list[Source]:
    """Where a route page's facts come from: the route's sources, then those of its time limits
    (each source once), so every time limit on the page says where it comes from."""
    sources: list[Source] = []
    for source in [*route.sources, *(content.time_limit(t).source for t in route.all_time_limits)]:
        if source not in sources:
            sources.append(source)
    return sources


def routes_index_view(content: Content, from_url: str) -> dict:
    """Routes grouped in the order of Route.group's choices, each group in route order
    (routes_index.html)."""
    groups = typing.get_args(Route.model_fields["group"].annotation)
    return {
        "groups": [
            (
                group,
                [
                    {"route": route, "url": relative_url(from_url, route_url(route.id))}
                    for route in content.routes.values()
                    if route.group == group
                ],
            )
            for group in groups
            if any(route.group == group for route in content.routes.values())
        ]
    }


def route_comparison_view(
    content: Content, from_url: str, route_ids: list[str], caption: str
) -> dict:
    """Routes side by side, with their time limits (route_comparison.html)."""
    items = [
        {
            "route": content.route(route_id),
            "url": relative_url(from_url, route_url(route_id)),
            "time_limits": [content.time_limit(t) for t in content.route(route_id).all_time_limits],
        }
        for route_id in route_ids
    ]
    return {"items": items, "caption": caption}
