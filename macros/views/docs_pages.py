"""The views of what pages written in docs/ show: each macro a page calls is one view here,
rendered by one template (the table of them is page_macros.py).

Every view takes the build's records (``ViewInputs``), the address of the page it is on (for
relative links) and the macro's own arguments, and returns the template's view model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import escape

from ..appeal_guide import appeal_guide_view
from ..content import Content
from ..deadline_pages import calculator_view, dates_list_view
from ..markers import HOME_GUIDE_DOWNLOAD
from ..opendata import organization_json_ld
from ..service_fields import service_field
from ..urls import A_TO_Z_FOOTER_FILES
from .a_to_z import a_to_z, titled_docs_pages, titled_files
from .accessibility import statement_view
from .finder import finder_start_view, finder_tree_view, question_count_view
from .forms import Pdfs, forms_list_view
from .guide import whole_guide_view
from .letters import letters_list_view
from .routes import route_comparison_view, routes_index_view


@dataclass(frozen=True)
class ViewInputs:
    """What the views read, the same for every page of a build."""

    content: Content
    pdfs: Pdfs
    # The build's date: the deadline pages work out dates from it.
    built_on: date
    # The site's menu and the folder of pages written in docs/, for the A to Z.
    nav: list
    docs_dir: Path


# --- Components made from the disagreement resolution service and the providers ---


def service_text(inputs: ViewInputs, here: str, field: str) -> dict:
    """A plain-text field of the disagreement resolution service, as a paragraph."""
    return {"text": service_field(inputs.content.disagreement_resolution, field)}


def service_list(inputs: ViewInputs, here: str, field: str) -> dict:
    """A list field of the service (stages, covers) as bullets."""
    items = service_field(inputs.content.disagreement_resolution, field)
    return {"items": [item.text for item in items]}


def disagreement_types(inputs: ViewInputs, here: str) -> dict:
    service = inputs.content.disagreement_resolution
    return {"types": service.disagreement_types, "former_names_note": service.former_names_note}


def key_facts(inputs: ViewInputs, here: str) -> dict:
    return {"facts": inputs.content.disagreement_resolution.key_facts}


def process_steps(inputs: ViewInputs, here: str) -> dict:
    return {"steps": inputs.content.disagreement_resolution.steps}


def sources(inputs: ViewInputs, here: str) -> dict:
    return {"sources": inputs.content.disagreement_resolution.sources}


def providers(inputs: ViewInputs, here: str, role: str, heading_level: int = 3) -> dict:
    """Contact cards for the providers with this role in the service ('formal', ...)."""
    service = inputs.content.disagreement_resolution
    organizations = [inputs.content.provider(i) for i in getattr(service.providers, role)]
    return {
        "organizations": organizations,
        "heading_level": heading_level,
        "show_description": True,
        "json_ld": [organization_json_ld(o) for o in organizations],
    }


def organization_data(inputs: ViewInputs, here: str, provider_id: str) -> dict:
    """schema.org data about one provider, for a page about it."""
    return {"data": organization_json_ld(inputs.content.provider(provider_id))}


def contact_card(
    inputs: ViewInputs, here: str, provider_id: str, heading_level: int = 3, show_description=True
) -> dict:
    return {
        "organization": inputs.content.provider(provider_id),
        "heading_level": heading_level,
        "show_description": show_description,
    }


def send_team_card(inputs: ViewInputs, here: str, heading_level: int = 3) -> dict:
    return contact_card(inputs, here, inputs.content.send_team, heading_level)


def provider_description(inputs: ViewInputs, here: str, provider_id: str) -> dict:
    return {"text": inputs.content.provider(provider_id).description}


def provider_help(inputs: ViewInputs, here: str, provider_id: str) -> dict:
    return {"items": inputs.content.provider(provider_id).help_with}


# --- Whole pages' components ---


def accessibility_statement(inputs: ViewInputs, here: str) -> dict:
    return statement_view(inputs.content, inputs.pdfs, inputs.built_on, here)


def proposed_changes(inputs: ViewInputs, here: str) -> dict:
    content = inputs.content
    return {"changes": content.proposed_changes, "law_check": content.law_check}


def deadline_calculator(inputs: ViewInputs, here: str) -> dict:
    """The forms of the "Work out your deadlines" page."""
    return calculator_view(inputs.content, inputs.built_on, here)


def deadline_dates_list(inputs: ViewInputs, here: str) -> dict:
    """The deadlines for each date whose deadline is still open at the build, to print."""
    return dates_list_view(inputs.content, inputs.built_on, here)


def appeal_guide(inputs: ViewInputs, here: str) -> dict:
    """How to send an appeal or claim to the tribunal, and what happens next."""
    return appeal_guide_view(inputs.content, here)


def routes_index(inputs: ViewInputs, here: str) -> dict:
    return routes_index_view(inputs.content, here)


def route_comparison(inputs: ViewInputs, here: str, route_ids: list[str], caption: str) -> dict:
    return route_comparison_view(inputs.content, here, route_ids, caption)


def finder_start_link(inputs: ViewInputs, here: str) -> dict:
    return finder_start_view(inputs.content, here)


def finder_question_count(inputs: ViewInputs, here: str) -> dict:
    return question_count_view(inputs.content, here)


def finder_at_a_glance(inputs: ViewInputs, here: str) -> dict:
    return finder_tree_view(inputs.content, here)


def forms_list(inputs: ViewInputs, here: str) -> dict:
    return forms_list_view(inputs.content, inputs.pdfs, here)


def letters_list(inputs: ViewInputs, here: str) -> dict:
    return letters_list_view(inputs.content, here)


def a_to_z_index(inputs: ViewInputs, here: str) -> dict:
    docs_pages = titled_docs_pages(inputs.nav) + titled_files(inputs.docs_dir, A_TO_Z_FOOTER_FILES)
    return {"groups": a_to_z(inputs.content, docs_pages, here)}


def whole_guide(inputs: ViewInputs, here: str) -> dict:
    return whole_guide_view()


# --- Values a page uses as they are, not through a template ---


def council_name(inputs: ViewInputs, here: str) -> str:
    return str(escape(inputs.content.site.council.name))


def information_provider_id(inputs: ViewInputs, here: str) -> str:
    """The id of the first information and support provider (the local SENDIASS)."""
    return inputs.content.disagreement_resolution.providers.information_and_support[0]


def guide_download_marker(inputs: ViewInputs, here: str) -> str:
    """Where the home page shows the whole guide's PDF, once it is built."""
    return HOME_GUIDE_DOWNLOAD
