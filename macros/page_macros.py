"""The macros the pages written in docs/ call, free of any site generator.

Each macro is a view (views/docs_pages.py) rendered by one template. ``page_macros`` returns
them by name; the MkDocs glue (macros/__init__.py) registers each with mkdocs-macros, and another
generator would register the same functions with its own template engine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from .components import render
from .content import Content
from .views import docs_pages as views

# The pages written in docs/ (mkdocs.yml docs_dir), for the A to Z's titles of footer pages.
DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"
# Each macro that shows a component: its template and its view.
COMPONENT_MACROS: dict[str, tuple[str, Callable[..., dict]]] = {
    "deadline_calculator": ("deadline_calculator.html", views.deadline_calculator),
    "deadline_dates_list": ("deadline_dates_list.html", views.deadline_dates_list),
    "appeal_guide": ("appeal_guide.html", views.appeal_guide),
    "service_text": ("paragraph.html", views.service_text),
    "disagreement_types": ("disagreement_types.html", views.disagreement_types),
    "service_list": ("item_list.html", views.service_list),
    "key_facts": ("key_facts.html", views.key_facts),
    "process_steps": ("process_steps.html", views.process_steps),
    "sources": ("sources.html", views.sources),
    "providers": ("provider_cards.html", views.providers),
    "organization_data": ("json_ld.html", views.organization_data),
    "contact_card": ("contact_card.html", views.contact_card),
    "provider_description": ("paragraph.html", views.provider_description),
    "provider_help": ("item_list.html", views.provider_help),
    "send_team_card": ("contact_card.html", views.send_team_card),
    "accessibility_statement": ("accessibility_statement.html", views.accessibility_statement),
    "routes_index": ("routes_index.html", views.routes_index),
    "route_comparison": ("route_comparison.html", views.route_comparison),
    "finder_start_link": ("start_link.html", views.finder_start_link),
    "finder_question_count": ("question_count.html", views.finder_question_count),
    "finder_at_a_glance": ("finder_tree.html", views.finder_at_a_glance),
    "whole_guide": ("guide_page.html", views.whole_guide),
    "a_to_z_index": ("a_to_z.html", views.a_to_z_index),
    "proposed_changes": ("proposed_changes.html", views.proposed_changes),
    "forms_list": ("forms_list.html", views.forms_list),
    "letters_list": ("letters_list.html", views.letters_list),
}
# Each macro whose value goes in the page as it is: escaped text, an id or a marker.
VALUE_MACROS: dict[str, Callable[..., str]] = {
    "council_name": views.council_name,
    "information_provider_id": views.information_provider_id,
    "guide_download_marker": views.guide_download_marker,
}
# Macros whose value is an argument of another macro (an id), never HTML for a page: every
# other macro's HTML is held out of Markdown (fragments.py), and a stand-in is no id.
ARGUMENT_MACROS = frozenset({"information_provider_id"})


def page_macros(
    content: Content,
    templates,
    pdfs: dict,
    here: Callable[[], str],
    nav: list,
    built_on: date,
    docs_dir: Path = DOCS_DIR,
) -> dict[str, Callable[..., str]]:
    """Every macro, by the name pages call it by. ``here()`` is the address of the page being
    rendered (for relative links); ``nav`` the site's menu (for the A to Z); ``built_on`` the
    build's date (the deadline pages work out dates from it)."""
    inputs = views.ViewInputs(content, pdfs, built_on, nav, Path(docs_dir))

    def component(template_name: str, view: Callable[..., dict]) -> Callable[..., str]:
        def macro(*args, **kwargs) -> str:
            return render(templates, template_name, **view(inputs, here(), *args, **kwargs))

        return macro

    def value(view: Callable[..., str]) -> Callable[..., str]:
        return lambda *args, **kwargs: view(inputs, here(), *args, **kwargs)

    macros = {name: component(*entry) for name, entry in COMPONENT_MACROS.items()}
    return macros | {name: value(view) for name, view in VALUE_MACROS.items()}
