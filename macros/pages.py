"""Pages made from content rather than written in docs/: one per route, one per finder path.

Pure: content and the template environment in, a list of pages out. The MkDocs hook in
mkdocs_hooks.py only adds them to the build.
"""

from __future__ import annotations

import posixpath
import typing
from dataclasses import dataclass

import yaml
from jinja2 import Environment

from .components import render
from .content import Content
from .finder import FinderPage, finder_pages
from .records import Route

ROUTES_ROOT = "routes/"
FINDER_START = "which-route/"
SENDIASS_PAGE = "sendiass/"


@dataclass(frozen=True)
class GeneratedPage:
    url: str  # site-relative, ending in '/', e.g. 'routes/mediation/'
    title: str
    html: str
    # Finder pages are for one family's answers: kept out of search engines and the menu.
    private: bool = False

    @property
    def src_uri(self) -> str:
        return self.url + "index.md"

    def markdown(self) -> str:
        meta = {"title": self.title, "render_macros": False}
        if self.private:
            meta.update(robots="noindex", hide=["navigation", "toc"])
        return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n\n{self.html}\n"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-relative page address to another.

    relative_url('routes/mediation/', 'which-route/') → '../../which-route/';
    relative_url('routes/', 'routes/mediation/') → 'mediation/'.
    """
    target = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if target == "." else target.rstrip("/") + "/"


def route_url(route_id: str) -> str:
    return f"{ROUTES_ROOT}{route_id}/"


def route_pages(content: Content, templates: Environment) -> list[GeneratedPage]:
    pages = []
    for route in content.routes.values():
        url = route_url(route.id)
        html = render(
            templates,
            "route_page.html",
            route=route,
            providers=[content.provider(p) for p in route.providers],
            links={
                "routes": relative_url(url, ROUTES_ROOT),
                "finder": relative_url(url, FINDER_START),
            },
        )
        pages.append(GeneratedPage(url, route.name, html))
    return pages


def finder_page(page: FinderPage, content: Content, templates: Environment) -> GeneratedPage:
    here = page.url
    answers = [
        {
            "question": answer.question,
            "option": answer.option,
            "change_url": relative_url(here, page.url_after(index)),
        }
        for index, answer in enumerate(page.answers)
    ]
    previous = page.url_after(len(page.answers) - 1) if page.answers else FINDER_START
    links = {
        "back": relative_url(here, previous),
        "start_again": relative_url(here, FINDER_START),
        "sendiass": relative_url(here, SENDIASS_PAGE),
    }
    if page.is_outcome:
        outcome = page.node
        fits = [
            {
                "route": content.route(fit.route),
                "why": fit.why,
                "url": relative_url(here, route_url(fit.route)),
                "providers": [content.provider(p) for p in content.route(fit.route).providers],
            }
            for fit in outcome.routes
        ]
        html = render(
            templates,
            "finder_outcome.html",
            outcome=outcome,
            fits=fits,
            answers=answers,
            links=links,
        )
        title = templates.get_template("finder_outcome_title.txt").render().strip()
    else:
        question = page.node
        options = [
            {"option": option, "url": relative_url(here, f"{here}{option.id}/")}
            for option in question.options
        ]
        html = render(
            templates,
            "finder_question.html",
            question=question,
            options=options,
            answers=answers,
            links=links,
        )
        title = question.text
    return GeneratedPage(here, title, html, private=True)


def routes_by_group(content: Content, from_url: str) -> list[tuple[str, list[dict]]]:
    """Routes grouped in the order of Route.group's choices, each group in route order."""
    groups = typing.get_args(Route.model_fields["group"].annotation)
    return [
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


def finder_tree(content: Content, from_url: str) -> dict:
    """The finder as nested dicts: a question with its choices, down to each outcome's routes."""
    questions = {q.id: q for q in content.finder.questions}
    outcomes = {o.id: o for o in content.finder.outcomes}

    def node(node_id: str) -> dict:
        if node_id in outcomes:
            fits = [
                {
                    "route": content.route(fit.route),
                    "url": relative_url(from_url, route_url(fit.route)),
                }
                for fit in outcomes[node_id].routes
            ]
            return {"question": None, "fits": fits}
        question = questions[node_id]
        choices = [{"option": option, "next": node(option.next)} for option in question.options]
        return {"question": question, "choices": choices}

    return node(content.finder.start)


def all_generated_pages(content: Content, templates: Environment) -> list[GeneratedPage]:
    finder = [finder_page(page, content, templates) for page in finder_pages(content.finder)]
    return route_pages(content, templates) + finder
