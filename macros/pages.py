"""Pages made from content rather than written in docs/: one per route, one per finder path.

Pure: content and the template environment in, a list of pages out. The MkDocs hook in
mkdocs_hooks.py only adds them to the build.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment

from .appeal_guide import link_for_outcome, link_for_route
from .components import render
from .content import Content
from .deadline_pages import calculator_links
from .finder import FinderPage, card_time_limits, finder_pages
from .opendata import route_json_ld
from .pdffields import FieldFixes, RadioGroup
from .pdfs import BuiltPdf, build_pdf, field_font, file_size
from .records import Outcome, RequestForm, Route, Situation, Source
from .urls import (
    FINDER_START,
    PROPOSED_CHANGES_PAGE,
    ROUTES_ROOT,
    SENDIASS_PAGE,
    docs_url,
    form_url,
    relative_url,
    route_url,
)

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
    # The component template that made it: written on the page for the site checks, which
    # check a sample of each template's pages in the browser (tests/sitecheck/sample.py).
    template: str
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
        meta = {
            "title": self.title,
            "render_macros": False,
            "sl_template": self.template,
            **self.meta,
        }
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


def case_anchor(case_id: str) -> str:
    """The id of a case's heading on its route's page: 'case-only-about-section-i'."""
    return f"case-{case_id}"


def deadline_anchor(time_limit_id: str) -> str:
    """The id of a deadline in an outcome page's list of deadlines."""
    return f"deadline-{time_limit_id}"


def pdf_name(form_id: str, kind: str) -> str:
    """The file name of one of a form's PDFs, in its form's folder: 'meeting-notes-print.pdf'."""
    return PDF_KINDS[kind][0].format(id=form_id)


def form_pdfs(
    content: Content, templates: Environment, cache: Path
) -> dict[str, dict[str, BuiltPdf]]:
    """Both PDFs of every form, from the cache where the source has not changed."""
    # Relative to the cache folder (the PDFs' base URL), so the HTML, and so each PDF's cache
    # key, is the same wherever the project is: a moved or copied project reuses its PDFs.
    font_url = field_font(cache).name
    built: dict[str, dict[str, BuiltPdf]] = {}
    for form in content.forms.values():
        built[form.id] = {}
        for kind, (_, fillable) in PDF_KINDS.items():
            html = templates.get_template("form_pdf.html").render(
                form=form,
                recipients=[content.provider(p) for p in form.recipients],
                time_limits=[content.time_limit(t) for t in form.time_limits],
                accessible_names={
                    f.id: field_accessible_name(f) for s in form.sections for f in s.fields
                },
                fillable=fillable,
                field_font_url=font_url,
            )
            fixes = form_field_fixes(form) if fillable else None
            built[form.id][kind] = build_pdf(html, cache, fillable, cache, fixes)
    return built


# The choices of a yes-no question, by id (their words are in templates/form_choices.html).
YES_NO_CHOICES = ["yes", "no"]


def form_field_fixes(form: RequestForm) -> FieldFixes:
    """Which PDF check boxes make one radio group, and which fields are required."""
    groups, required = [], set()
    for section in form.sections:
        for form_field in section.fields:
            if form_field.control == "choose-one":
                choices = (
                    YES_NO_CHOICES
                    if form_field.type == "yes-no"
                    else [option.id for option in form_field.options]
                )
                groups.append(
                    RadioGroup(
                        name=form_field.id,
                        accessible_name=field_accessible_name(form_field),
                        choices={f"{form_field.id}-{choice}": choice for choice in choices},
                        required=form_field.required,
                    )
                )
            elif form_field.required:
                required.add(form_field.id)
    return FieldFixes(groups, required)


def field_accessible_name(form_field) -> str:
    """A field's name as screen readers announce it in the PDF: label, then hint and
    whether it is required (hints are not read out when tabbing from field to field)."""
    name = form_field.label
    if form_field.hint:
        name += (" " if name.endswith(("?", ".", "!")) else ". ") + form_field.hint
    return name + (" (required)" if form_field.required else "")


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
    forms: list[RequestForm], pdfs: dict[str, dict[str, BuiltPdf]], from_url: str
) -> list[dict]:
    return [
        {
            "form": form,
            "url": relative_url(from_url, form_url(form.id)),
            "attachments": attachments(form, pdfs, from_url, link_web_page=True),
        }
        for form in forms
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
            time_limits=[content.time_limit(t) for t in form.time_limits],
            # The web page is this one, so its downloads need no link back to it.
            attachments=attachments(form, pdfs, url, link_web_page=False),
        )
        pages.append(GeneratedPage(url, form.title, html, "form_page", meta={"form_page": True}))
    return pages


def route_pages(
    content: Content, templates: Environment, pdfs: dict[str, dict[str, BuiltPdf]]
) -> list[GeneratedPage]:
    pages = []
    for route in content.routes.values():
        url = route_url(route.id)
        cases = [
            {
                "case": case,
                "anchor": case_anchor(case.id),
                "time_limits": [content.time_limit(t) for t in case.time_limits],
                "providers": [content.provider(p) for p in case.providers],
                "form_links": form_links(
                    [content.forms[f] for f in case.forms if f not in route_forms], pdfs, url
                ),
                "calculator_links": calculator_links(content, case.time_limits, url),
            }
            for route_forms in [{f.id for f in content.forms_for_route(route.id)}]
            for case in route.cases
        ]
        html = render(
            templates,
            "route_page.html",
            route=route,
            time_limits=[content.time_limit(t) for t in route.time_limits],
            cases=cases,
            form_links=form_links(content.forms_for_route(route.id), pdfs, url),
            json_ld=route_json_ld(content, route),
            providers=[content.provider(p) for p in route.providers],
            cost_help=[content.provider(p) for p in route.cost_help],
            calculator_links=calculator_links(content, route.time_limits, url),
            appeal_guide=link_for_route(content, route.id, url),
            sources=route_sources(content, route),
            links={
                "routes": relative_url(url, ROUTES_ROOT),
                "finder": relative_url(url, FINDER_START),
            },
        )
        pages.append(GeneratedPage(url, route.name, html, "route_page"))
    return pages


def route_sources(content: Content, route: Route) -> list[Source]:
    """Where a route page's facts come from: the route's sources, then those of its time limits
    (each source once), so every time limit on the page says where it comes from."""
    sources: list[Source] = []
    for source in [*route.sources, *(content.time_limit(t).source for t in route.all_time_limits)]:
        if source not in sources:
            sources.append(source)
    return sources


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
        outcome = typing.cast(Outcome, page.node)
        links["proposed_changes"] = relative_url(here, PROPOSED_CHANGES_PAGE)
        html = render(
            templates,
            "finder_outcome.html",
            **outcome_view(outcome, content, pdfs, here),
            answers=answers,
            links=links,
        )
        title = outcome.title
        template = "finder_outcome"
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
        template = "finder_question"
    return GeneratedPage(here, title, html, template, private=True)


def young_person_acts(situation: Situation) -> bool:
    """Whether a young person over compulsory school age acts in their own name here: in an
    appeal, mediation or a claim to the tribunal (research R4, R6, R8). Not for a county court
    claim, where the research does not say who acts for a young person under 18."""
    return (
        situation.appeal != "none" or situation.mediation != "none" or situation.claim == "tribunal"
    )


def outcome_view(
    outcome: Outcome, content: Content, pdfs: dict[str, dict[str, BuiltPdf]], here: str
) -> dict:
    """What an outcome page shows, each thing once: its deadlines (its own, then those its route
    cards carry), short route cards, each organisation's contact card and each form."""
    cards = []
    deadline_ids = list(outcome.deadlines)
    provider_ids: list[str] = []
    form_ids: list[str] = []
    for fit in outcome.routes:
        route = content.route(fit.route)
        case = route.case(fit.case)
        # A card links to the family's own deadlines; other bodies' timescales stay on the
        # route's page, so the card stays short.
        own_deadlines = [
            content.time_limit(t)
            for t in card_time_limits(route, fit.case, outcome.situation, content.time_limits)
            if content.time_limit(t).rule.who_acts == "you"
        ]
        deadline_ids += [limit.id for limit in own_deadlines]
        provider_ids += route.providers + (case.providers if case else [])
        # Forms a family sends to start a route; note sheets stay on the route's page.
        form_ids += [f.id for f in content.forms_for_case(route.id, fit.case) if f.recipients]
        url = relative_url(here, route_url(route.id))
        cards.append(
            {
                "route": route,
                "case": case,
                "why": fit.why,
                "first_step": (case or route).how_to_start[0],
                "deadlines": [
                    {"limit": limit, "anchor": deadline_anchor(limit.id)} for limit in own_deadlines
                ],
                "url": url + (f"#{case_anchor(case.id)}" if case else ""),
            }
        )
    situation = outcome.situation
    # The family's own deadlines first, then what others must do by when.
    shown = sorted(
        dict.fromkeys(deadline_ids), key=lambda t: content.time_limit(t).rule.who_acts != "you"
    )
    calculator = calculator_links(content, shown, here)
    return {
        "outcome": outcome,
        "fits": cards,
        "deadlines": [
            {
                "limit": content.time_limit(t),
                "anchor": deadline_anchor(t),
                "calculator_url": calculator.get(t),
            }
            for t in shown
        ],
        "providers": [content.provider(p) for p in dict.fromkeys(provider_ids)],
        "form_links": form_links([content.forms[f] for f in dict.fromkeys(form_ids)], pdfs, here),
        "young_people": content.finder.young_people if young_person_acts(situation) else None,
        "proposals": [p for p in content.proposed_changes.proposals if p.id in outcome.proposals],
        # How to send the appeal or claim, where there is one to the tribunal.
        "appeal_guide": link_for_outcome(content, situation, shown, here),
    }


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


def titled_docs_pages(nav: list, section: str | None = None) -> list[tuple[str, str]]:
    """(title, address) of each page in a MkDocs-style nav list: 'Title: file.md' entries, and
    a section's untitled first page under the section's own title."""
    found: list[tuple[str, str]] = []
    for index, entry in enumerate(nav):
        if isinstance(entry, str):
            if section is not None and index == 0:
                found.append((section, docs_url(entry)))
            continue
        for title, value in entry.items():
            if isinstance(value, str):
                found.append((title, docs_url(value)))
            else:
                found += titled_docs_pages(value, title)
    return found


def a_to_z(content: Content, docs_pages: list[tuple[str, str]], from_url: str) -> list[dict]:
    """Every page a family may look for, by its title from A to Z, grouped by first letter."""
    entries = {
        *docs_pages,
        *((route.name, route_url(route.id)) for route in content.routes.values()),
        *((form.title, form_url(form.id)) for form in content.forms.values()),
    }
    groups: dict[str, list[dict]] = {}
    # Same titles (a page and a route both called "Disagreement resolution") by address, so
    # every build lists them in the same order.
    for title, url in sorted(entries, key=lambda entry: (entry[0].casefold(), entry[1])):
        groups.setdefault(title[0].upper(), []).append(
            {"title": title, "url": relative_url(from_url, url)}
        )
    return [{"letter": letter, "entries": items} for letter, items in groups.items()]


def all_generated_pages(
    content: Content, templates: Environment, pdfs: dict[str, dict[str, BuiltPdf]]
) -> list[GeneratedPage]:
    finder = [finder_page(page, content, templates, pdfs) for page in finder_pages(content.finder)]
    return route_pages(content, templates, pdfs) + form_pages(content, templates, pdfs) + finder
