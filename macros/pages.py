"""Pages made from content rather than written in docs/: one per route, one per finder path.

Pure: content and the template environment in, a list of pages out. The MkDocs hook in
mkdocs_hooks.py only adds them to the build.
"""

from __future__ import annotations

import functools
import posixpath
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment

from .components import render
from .content import Content
from .finder import FinderPage, finder_pages
from .opendata import route_json_ld
from .pdfs import BuiltPdf, build_pdf, field_font, file_size
from .records import RequestForm, Route

ROUTES_ROOT = "routes/"
FINDER_START = "which-route/"
SENDIASS_PAGE = "sendiass/"
FORMS_ROOT = "forms/"
# libyaml's writer when PyYAML has it: PyYAML's own took a tenth of a build at 50x content.
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Stands in a generated page's Markdown source for its HTML (see GeneratedPage.markdown).
GENERATED_HTML_MARKER = "<!-- generated-page-html -->"
# The two PDFs of each form, by kind: name in the site, and whether it has form fields.
PDF_KINDS = {"fillable": ("{id}.pdf", True), "printable": ("{id}-print.pdf", False)}


@dataclass(frozen=True)
class GeneratedPage:
    url: str  # site-relative, ending in '/', e.g. 'routes/mediation/'
    title: str
    html: str
    # Finder pages are for one family's answers: kept out of search engines and the menu.
    private: bool = False
    # Extra front matter, e.g. form_page: true to load the print button's script.
    meta: dict = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return self.url + "index.md"

    def markdown(self) -> str:
        """The page's source for MkDocs: its settings and a marker, not its HTML.

        The HTML is finished, so Markdown need not parse it (that was a quarter of a build's
        time): mkdocs_hooks.on_page_content puts it in place of what Markdown makes of this.
        """
        meta = {"title": self.title, "render_macros": False, **self.meta}
        if self.private:
            # One family's answers: not for search engines or the site search, and needing no
            # JavaScript, so none is loaded (the page weighs a third as much).
            meta.update(
                robots="noindex",
                hide=["navigation", "toc"],
                search={"exclude": True},
                no_javascript=True,
            )
        front_matter = yaml.dump(meta, Dumper=_YAML_DUMPER, sort_keys=False)
        return f"---\n{front_matter}---\n\n{GENERATED_HTML_MARKER}\n"


@functools.cache  # pages link to the same few pages over and over; relpath is slow
def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-relative page address to another.

    relative_url('routes/mediation/', 'which-route/') → '../../which-route/';
    relative_url('routes/', 'routes/mediation/') → 'mediation/'.
    """
    target = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if target == "." else target.rstrip("/") + "/"


def route_url(route_id: str) -> str:
    return f"{ROUTES_ROOT}{route_id}/"


def form_url(form_id: str) -> str:
    return f"{FORMS_ROOT}{form_id}/"


def pdf_name(form_id: str, kind: str) -> str:
    """The file name of one of a form's PDFs, in its form's folder: 'meeting-notes-print.pdf'."""
    return PDF_KINDS[kind][0].format(id=form_id)


def form_pdfs(
    content: Content, templates: Environment, cache: Path
) -> dict[str, dict[str, BuiltPdf]]:
    """Both PDFs of every form, from the cache where the source has not changed."""
    font_url = field_font(cache).as_uri()
    built: dict[str, dict[str, BuiltPdf]] = {}
    for form in content.forms.values():
        built[form.id] = {}
        for kind, (_, fillable) in PDF_KINDS.items():
            html = templates.get_template("form_pdf.html").render(
                form=form,
                recipients=[content.provider(p) for p in form.recipients],
                fillable=fillable,
                field_font_url=font_url,
            )
            built[form.id][kind] = build_pdf(html, cache, fillable, cache)
    return built


def attachments(
    form: RequestForm, pdfs: dict[str, dict[str, BuiltPdf]], from_url: str, link_web_page: bool
) -> list[dict]:
    """The downloads of a form, as seen from the page at ``from_url``."""
    return [
        {
            "title": form.title,
            "kind": kind,
            "fillable": PDF_KINDS[kind][1],
            "url": relative_url(from_url, form_url(form.id)).removeprefix("./")
            + pdf_name(form.id, kind),
            "size": file_size(built.size),
            "html_url": relative_url(from_url, form_url(form.id)) if link_web_page else None,
        }
        for kind, built in pdfs[form.id].items()
    ]


def form_links(
    content: Content, route_id: str, pdfs: dict[str, dict[str, BuiltPdf]], from_url: str
) -> list[dict]:
    return [
        {
            "form": form,
            "url": relative_url(from_url, form_url(form.id)),
            "attachments": attachments(form, pdfs, from_url, link_web_page=True),
        }
        for form in content.forms_for_route(route_id)
    ]


def form_pages(
    content: Content, templates: Environment, pdfs: dict[str, dict[str, BuiltPdf]]
) -> list[GeneratedPage]:
    pages = []
    for form in content.forms.values():
        url = form_url(form.id)
        html = render(
            templates,
            "form_page.html",
            form=form,
            recipients=[content.provider(p) for p in form.recipients],
            # The web page is this one, so its downloads need no link back to it.
            attachments=attachments(form, pdfs, url, link_web_page=False),
        )
        pages.append(GeneratedPage(url, form.title, html, meta={"form_page": True}))
    return pages


def route_pages(
    content: Content, templates: Environment, pdfs: dict[str, dict[str, BuiltPdf]]
) -> list[GeneratedPage]:
    pages = []
    for route in content.routes.values():
        url = route_url(route.id)
        html = render(
            templates,
            "route_page.html",
            route=route,
            form_links=form_links(content, route.id, pdfs, url),
            json_ld=route_json_ld(content, route),
            providers=[content.provider(p) for p in route.providers],
            links={
                "routes": relative_url(url, ROUTES_ROOT),
                "finder": relative_url(url, FINDER_START),
            },
        )
        pages.append(GeneratedPage(url, route.name, html))
    return pages


def finder_page(
    page: FinderPage,
    content: Content,
    templates: Environment,
    pdfs: dict[str, dict[str, BuiltPdf]],
) -> GeneratedPage:
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
                "form_links": form_links(content, fit.route, pdfs, here),
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


def forms_index(
    content: Content, pdfs: dict[str, dict[str, BuiltPdf]], from_url: str
) -> list[dict]:
    return [
        {
            "form": form,
            "url": relative_url(from_url, form_url(form.id)),
            "attachments": attachments(form, pdfs, from_url, link_web_page=True),
        }
        for form in content.forms.values()
    ]


def all_generated_pages(
    content: Content, templates: Environment, pdfs: dict[str, dict[str, BuiltPdf]]
) -> list[GeneratedPage]:
    finder = [finder_page(page, content, templates, pdfs) for page in finder_pages(content.finder)]
    return route_pages(content, templates, pdfs) + form_pages(content, templates, pdfs) + finder
