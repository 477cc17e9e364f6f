"""The macros the pages written in docs/ call, free of any site generator.

Each looks records up and renders one component template. ``page_macros`` returns them by name;
the MkDocs glue (macros/__init__.py) registers each with mkdocs-macros, and another generator
would register the same functions with its own template engine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from markupsafe import escape

from .appeal_guide import appeal_guide_view
from .components import render
from .content import Content, service_field
from .deadline_pages import calculator_view, dates_list_view
from .finder import FINDER_ROOT, most_questions
from .opendata import organization_json_ld
from .pages import (
    a_to_z,
    finder_tree,
    forms_index,
    relative_url,
    route_url,
    routes_by_group,
    titled_docs_pages,
)
from .urls import docs_url

# Pages linked from the footer, not the menu, that the A to Z lists too.
A_TO_Z_EXTRA_PAGES = [
    ("Accessibility statement", "accessibility.md"),
    ("Privacy", "privacy.md"),
]
# Macros whose value is an argument of another macro (an id), never HTML for a page: every
# other macro's HTML is held out of Markdown (fragments.py), and a stand-in is no id.
ARGUMENT_MACROS = frozenset({"information_provider_id"})
# Markers in built pages that the whole guide fills in once every page exists (site_outputs).
GUIDE_MARKERS = {
    "download": "<!-- sl-guide-download -->",
    "sections": "<!-- sl-guide-sections -->",
    "home": "<!-- sl-guide-home-download -->",
}


def page_macros(
    content: Content,
    templates,
    pdfs: dict,
    here: Callable[[], str],
    nav: list,
    built_on: date,
) -> dict[str, Callable[..., str]]:
    """Every macro, by the name pages call it by. ``here()`` is the address of the page being
    rendered (for relative links); ``nav`` the site's menu (for the A to Z); ``built_on`` the
    build's date (the deadline pages work out dates from it)."""
    site = content.site
    service = content.disagreement_resolution
    macros: dict[str, Callable[..., str]] = {}

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        macros[function.__name__] = function
        return function

    def component(template_name: str, **context) -> str:
        return render(templates, template_name, **context)

    @macro
    def deadline_calculator() -> str:
        """The forms of the "Work out your deadlines" page."""
        return component("deadline_calculator.html", **calculator_view(content, built_on, here()))

    @macro
    def deadline_dates_list() -> str:
        """The deadlines for each date whose deadline is still open at the build, to print."""
        return component("deadline_dates_list.html", **dates_list_view(content, built_on, here()))

    @macro
    def appeal_guide() -> str:
        """How to send an appeal or claim to the tribunal, and what happens next."""
        return component("appeal_guide.html", **appeal_guide_view(content, here()))

    @macro
    def council_name() -> str:
        return str(escape(site.council.name))

    @macro
    def service_text(field: str) -> str:
        """A plain-text field of the disagreement resolution service, as a paragraph."""
        return component("paragraph.html", text=service_field(service, field))

    @macro
    def disagreement_types() -> str:
        return component(
            "disagreement_types.html",
            types=service.disagreement_types,
            former_names_note=service.former_names_note,
        )

    @macro
    def service_list(field: str) -> str:
        """A list field of the service (stages, covers) as bullets."""
        items = service_field(service, field)
        return component("item_list.html", items=[item.text for item in items])

    @macro
    def key_facts() -> str:
        return component("key_facts.html", facts=service.key_facts)

    @macro
    def process_steps() -> str:
        return component("process_steps.html", steps=service.steps)

    @macro
    def sources() -> str:
        return component("sources.html", sources=service.sources)

    @macro
    def providers(role: str, heading_level: int = 3) -> str:
        """Contact cards for the providers with this role in the service ('formal', ...)."""
        organizations = [content.provider(i) for i in getattr(service.providers, role)]
        return component(
            "provider_cards.html",
            organizations=organizations,
            heading_level=heading_level,
            show_description=True,
            json_ld=[organization_json_ld(o) for o in organizations],
        )

    @macro
    def organization_data(provider_id: str) -> str:
        """schema.org data about one provider, for a page about it."""
        return component("json_ld.html", data=organization_json_ld(content.provider(provider_id)))

    @macro
    def contact_card(provider_id: str, heading_level: int = 3, show_description=True) -> str:
        return component(
            "contact_card.html",
            organization=content.provider(provider_id),
            heading_level=heading_level,
            show_description=show_description,
        )

    @macro
    def provider_description(provider_id: str) -> str:
        return component("paragraph.html", text=content.provider(provider_id).description)

    @macro
    def provider_help(provider_id: str) -> str:
        return component("item_list.html", items=content.provider(provider_id).help_with)

    @macro
    def send_team_card(heading_level: int = 3) -> str:
        return component(
            "contact_card.html",
            organization=content.provider(content.send_team),
            heading_level=heading_level,
            show_description=True,
        )

    @macro
    def accessibility_statement() -> str:
        return component(
            "accessibility_statement.html",
            council=site.council,
            statement=site.accessibility,
            contact=site.accessibility_contact,
        )

    @macro
    def information_provider_id() -> str:
        """The id of the first information and support provider (the local SENDIASS)."""
        return service.providers.information_and_support[0]

    @macro
    def routes_index() -> str:
        return component("routes_index.html", groups=routes_by_group(content, here()))

    @macro
    def route_comparison(route_ids: list[str], caption: str) -> str:
        items = [
            {
                "route": content.route(route_id),
                "url": relative_url(here(), route_url(route_id)),
                "time_limits": [
                    content.time_limit(t) for t in content.route(route_id).all_time_limits
                ],
            }
            for route_id in route_ids
        ]
        return component("route_comparison.html", items=items, caption=caption)

    @macro
    def finder_start_link() -> str:
        return component("start_link.html", url=relative_url(here(), FINDER_ROOT))

    @macro
    def finder_question_count() -> str:
        return component("question_count.html", count=most_questions(content.finder))

    @macro
    def finder_at_a_glance() -> str:
        return component("finder_tree.html", tree=finder_tree(content, here()))

    @macro
    def whole_guide() -> str:
        return component("guide_page.html")

    @macro
    def guide_download_marker() -> str:
        """Where the home page shows the whole guide's PDF, once it is built."""
        return GUIDE_MARKERS["home"]

    @macro
    def a_to_z_index() -> str:
        docs_pages = titled_docs_pages(nav) + [
            (title, docs_url(path)) for title, path in A_TO_Z_EXTRA_PAGES
        ]
        return component("a_to_z.html", groups=a_to_z(content, docs_pages, here()))

    @macro
    def proposed_changes() -> str:
        return component(
            "proposed_changes.html",
            changes=content.proposed_changes,
            law_check=content.law_check,
        )

    @macro
    def forms_list() -> str:
        return component("forms_list.html", items=forms_index(content, pdfs, here()))

    return macros
