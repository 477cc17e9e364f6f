"""What pages written in docs/ show, rendered in-process through page_macros' table of views and
templates: no MkDocs, no site build. Every page in docs/ is rendered with its own macro calls,
then each kind of page is checked for its addresses, its records' text and its escaping."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from conftest import PROJECT, shipped_content
from jinja2 import Environment, StrictUndefined
from markupsafe import escape

from macros.components import make_environment, render
from macros.contradictions import placeholder_pdfs
from macros.page_macros import COMPONENT_MACROS, VALUE_MACROS, page_macros
from macros.urls import docs_url
from macros.views.a_to_z import a_to_z

CONTENT = shipped_content()
PDFS = placeholder_pdfs(CONTENT)
BUILT_ON = date(2026, 12, 1)
DOCS = PROJECT / "docs"
# A menu in the shape of mkdocs.yml's nav: titled pages, and a section with its first page.
NAV = [
    {"Home": "index.md"},
    {
        "Which route is for me?": [
            "which-route/index.md",
            {"All routes": "which-route/all-routes.md"},
        ]
    },
    {"Request forms": "forms/index.md"},
]


@pytest.fixture(scope="module")
def env():
    return make_environment()


def macro(env, name: str, here: str, content=CONTENT):
    """One macro as a page at ``here`` calls it."""
    return page_macros(content, env, PDFS, lambda: here, NAV, BUILT_ON)[name]


def with_council_name(name: str):
    council = CONTENT.site.council.model_copy(update={"name": name})
    return dataclasses.replace(CONTENT, site=CONTENT.site.model_copy(update={"council": council}))


@pytest.mark.parametrize("page", sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")))
def test_every_page_in_docs_renders_its_macros_without_a_build(env, page):
    source = (DOCS / page).read_text(encoding="utf-8")
    here = docs_url(page)
    macros = page_macros(CONTENT, env, PDFS, lambda: here, NAV, BUILT_ON)
    rendered = Environment(undefined=StrictUndefined).from_string(source).render(**macros)
    assert "{{" not in rendered and "{%" not in rendered
    # Its heading, as Markdown or made by a macro: every page in docs/ has one.
    assert re.search(r"^# |<h1>", rendered, re.MULTILINE), page


def test_the_table_has_every_macro_once():
    assert not set(COMPONENT_MACROS) & set(VALUE_MACROS)
    for template, _view in COMPONENT_MACROS.values():
        assert (PROJECT / "macros" / "templates" / template).is_file(), template


def test_the_routes_index_links_each_route_from_the_routes_page(env):
    html = macro(env, "routes_index", "routes/")()
    for route in CONTENT.routes.values():
        assert f'<li><a href="{route.id}/">{escape(route.name)}</a>: ' in html
    assert '<h2 id="informal">Sort it out informally</h2>' in html


def test_the_forms_list_links_each_form_its_web_page_and_its_pdfs(env):
    html = macro(env, "forms_list", "forms/")()
    for form in CONTENT.forms.values():
        assert f'<h2 id="{form.id}"><a href="{form.id}/">{form.title}</a></h2>' in html
        assert f'href="{form.id}/{form.id}.pdf"' in html
        assert f'href="{form.id}/{form.id}-print.pdf"' in html
    assert "PDF, 39 KB" in html


def test_the_a_to_z_lists_the_menu_the_footer_pages_routes_and_forms(env):
    html = macro(env, "a_to_z_index", "a-to-z/")()
    # The footer's pages are titled by their own headings in docs/.
    assert '<li><a href="../accessibility/">Accessibility statement</a></li>' in html
    assert '<li><a href="../privacy/">Privacy</a></li>' in html
    assert '<li><a href="../which-route/">Which route is for me?</a></li>' in html
    assert '<li><a href="../">Home</a></li>' in html
    assert '<li><a href="../routes/mediation/">Mediation</a></li>' in html
    letters = re.findall(r'<h2 id="letter-([a-z])">', html)
    assert letters == sorted(letters)


def test_the_finder_at_a_glance_shows_every_question_and_links_routes(env):
    html = macro(env, "finder_at_a_glance", "which-route/all-routes/")()
    for question in CONTENT.finder.questions:
        assert f"<strong>{question.text}</strong>" in html.replace("&#39;", "'"), question.id
    assert '<a href="../../routes/mediation/">' in html


def test_the_finder_starts_from_its_own_page_and_says_how_long_it_is(env):
    link = macro(env, "finder_start_link", "which-route/")()
    assert link == '<p><a class="sl-start" href="questions/">Start now</a></p>'
    count = macro(env, "finder_question_count", "which-route/")()
    assert re.fullmatch(
        r"<p>You will answer up to \d+ questions\. Each one is on its own page\.</p>", count
    )


def test_the_deadline_calculator_links_its_lookup_file_and_list_of_dates(env):
    html = macro(env, "deadline_calculator", "deadlines/")()
    assert 'data-sl-lookup="lookup.json"' in html
    assert '<a href="by-date/">list of deadlines for each date</a>' in html
    assert '<a href="../sendiass/">Get advice from SENDIASS</a>' in html
    for calculation in CONTENT.calculations.values():
        assert f'id="work-out-{calculation.id}"' in html
        assert f'<h2 id="work-out-{calculation.id}-title">{calculation.heading}</h2>' in html


def test_the_dates_list_is_for_the_build_s_date(env):
    html = macro(env, "deadline_dates_list", "deadlines/by-date/")()
    assert "1 December 2026" in html
    assert '<a href="../../sendiass/">get advice from SENDIASS</a>' in html
    for calculation in CONTENT.calculations.values():
        assert f'<h2 id="{calculation.id}-passed">' in html


def test_the_appeal_guide_shows_each_part_and_links_the_calculator(env):
    html = macro(env, "appeal_guide", "how-to-appeal/")()
    for part in CONTENT.appeal_guide.parts:
        assert f'<h2 id="{part.id}">' in html
    assert 'href="../deadlines/#work-out-appeal"' in html
    assert '<a href="../sendiass/">ask SENDIASS for free advice</a>' in html


def test_the_proposed_changes_say_the_law_has_not_changed_and_list_each(env):
    html = macro(env, "proposed_changes", "proposed-changes/")()
    assert "<strong>The law has not changed.</strong>" in html
    for proposal in CONTENT.proposed_changes.proposals:
        assert f'<h2 id="{proposal.id}">' in html


def test_the_accessibility_statement_names_the_council_escaped(env):
    content = with_council_name("Brighton & Hove <City> Council")
    html = macro(env, "accessibility_statement", "accessibility/", content)()
    assert "This website is run by Brighton &amp; Hove &lt;City&gt; Council." in html
    assert "<City>" not in html
    assert macro(env, "council_name", "", content)() == "Brighton &amp; Hove &lt;City&gt; Council"


def test_the_sendiass_page_shows_its_card_description_and_data(env):
    sendiass_id = macro(env, "information_provider_id", "sendiass/")()
    sendiass = CONTENT.provider(sendiass_id)
    card = macro(env, "contact_card", "sendiass/")(sendiass_id, heading_level=2)
    assert f'<h2 class="sl-contact__name">{sendiass.name}</h2>' in card
    assert macro(env, "provider_description", "sendiass/")(sendiass_id) == (
        f"<p>{sendiass.description}</p>"
    )
    data = macro(env, "organization_data", "sendiass/")(sendiass_id)
    assert data.startswith('<script type="application/ld+json">{"@context": "https://schema.org"')


def test_provider_cards_show_each_provider_of_a_role_with_its_data(env):
    html = macro(env, "providers", "disagreement-resolution/who-provides-it/")("formal")
    for provider_id in CONTENT.disagreement_resolution.providers.formal:
        name = CONTENT.provider(provider_id).name
        assert f'<h3 class="sl-contact__name">{name}</h3>' in html
    assert html.count('<script type="application/ld+json">') == 2
    team = macro(env, "send_team_card", "sendiass/")(heading_level=2)
    assert f'<h2 class="sl-contact__name">{CONTENT.provider(CONTENT.send_team).name}</h2>' in team


def test_an_unknown_service_field_names_the_fields_there_are(env):
    with pytest.raises(ValueError, match="has no field 'stage'"):
        macro(env, "service_text", "")("stage")


def test_a_route_comparison_is_a_captioned_table_and_a_list_for_phones(env):
    content = CONTENT
    routes = [content.route("mediation"), content.route("tribunal-appeal")]
    html = render(
        env,
        "route_comparison.html",
        caption="Mediation or an appeal",
        items=[
            {
                "route": route,
                "url": f"../{route.id}/",
                "time_limits": [content.time_limit(t) for t in route.all_time_limits],
            }
            for route in routes
        ],
    )
    assert '<caption id="comparison-caption">Mediation or an appeal</caption>' in html
    # The table scrolls in a named region that takes focus, so a keyboard can scroll it.
    assert 'role="region" aria-labelledby="comparison-caption" tabindex="0"' in html
    assert '<div class="sl-compare-narrow">' in html
    for route in routes:
        assert html.count(f'href="../{route.id}/"') == 2, route.id  # once in each layout
        assert route.name in html


def test_the_a_to_z_lists_pages_with_the_same_title_in_the_same_order_every_time():
    """Its entries are a set, whose order changes from run to run; the page (and so the cached
    guide PDF, keyed by the pages' content) must not."""

    content = CONTENT
    docs = [("Disagreement resolution", "disagreement-resolution/"), ("Privacy", "privacy/")]
    listed = a_to_z(content, docs, "a-to-z/")
    again = a_to_z(content, list(reversed(docs)), "a-to-z/")
    assert listed == again
    d_entries = next(group for group in listed if group["letter"] == "D")["entries"]
    same = [e["url"] for e in d_entries if e["title"] == "Disagreement resolution"]
    assert same == ["../disagreement-resolution/", "../routes/disagreement-resolution/"]
