"""Pages made from content, rendered in-process from records through their views and templates:
no MkDocs, no site build. Route pages, form pages, finder questions and finder outcomes, from the
shipped content (loaded once) or from small records, with stand-ins for the forms' PDFs."""

from __future__ import annotations

import re

import pytest
from conftest import shipped_content

from macros.components import make_environment, render
from macros.contradictions import outcome_pages, placeholder_pdfs
from macros.finder import finder_pages
from macros.views.finder import finder_page, finder_question_view
from macros.views.forms import form_pages, form_view
from macros.views.generated import all_generated_pages
from macros.views.routes import route_pages, route_view

CONTENT = shipped_content()
# Stand-ins for the forms' PDFs (40,000 bytes each): pages only show their names and sizes.
PDFS = placeholder_pdfs(CONTENT)


@pytest.fixture(scope="module")
def env():
    return make_environment()


@pytest.fixture(scope="module")
def pages(env) -> dict:
    """Every page made from content, by address."""
    return {page.url: page for page in all_generated_pages(CONTENT, env, PDFS)}


def test_every_route_form_and_finder_path_has_one_page(pages):
    finder = finder_pages(CONTENT.finder)
    assert len(pages) == len(CONTENT.routes) + len(CONTENT.forms) + len(finder)
    templates = {page.template for page in pages.values()}
    assert templates == {"route_page", "form_page", "finder_question", "finder_outcome"}
    # Only the finder's pages hold one family's answers: only they are private.
    assert {page.url for page in pages.values() if page.private} == {page.url for page in finder}


# --- Route pages ---


def test_a_route_page_is_titled_by_its_route_and_links_back_to_the_routes_and_finder(env):
    route = CONTENT.route("mediation")
    html = render(env, "route_page.html", **route_view(CONTENT, route, PDFS))
    assert f"<h1>{route.name}</h1>" in html
    assert f'<p class="sl-lead">{route.summary}</p>' in html
    assert 'href="../"' in html and 'href="../../which-route/"' in html


def test_a_route_page_links_its_forms_pdfs_from_its_own_folder(pages):
    html = pages["routes/disagreement-resolution/"].html
    form = CONTENT.forms["request-for-disagreement-resolution"]
    assert f'href="../../forms/{form.id}/{form.id}.pdf"' in html
    assert f'href="../../forms/{form.id}/{form.id}-print.pdf"' in html
    assert "(PDF, 39 KB)" in html


def test_a_route_s_text_is_escaped(env):
    route = CONTENT.route("mediation").model_copy(update={"name": "Talk & <b>agree</b>"})
    html = render(env, "route_page.html", **route_view(CONTENT, route, PDFS))
    assert "<h1>Talk &amp; &lt;b&gt;agree&lt;/b&gt;</h1>" in html


def _content():
    from conftest import shipped_content

    return shipped_content()


def test_a_route_page_shows_every_case_under_its_own_heading(env):

    content = _content()
    pages = {p.url: p for p in route_pages(content, env, placeholder_pdfs(content))}
    html = pages["routes/tribunal-appeal/"].html
    for case in content.route("tribunal-appeal").cases:
        heading = f'<h3 id="case-{case.id}">Appeal to the SEND tribunal: {case.name}</h3>'
        assert heading in html, case.id
    # The with-a-certificate case shows its own time limits; the Section I case does not.
    section_i = html.split('id="case-only-about-section-i"')[1].split("</section>")[0]
    assert 'data-time-limit="contact-mediation-adviser"' not in section_i
    with_certificate = html.split('id="case-with-a-certificate"')[1].split("</section>")[0]
    assert 'data-time-limit="contact-mediation-adviser"' in with_certificate


def test_routes_with_legal_aid_show_civil_legal_advice_under_the_cost_not_on_outcomes(env):

    content = _content()
    pages = {p.url: p.html for p in route_pages(content, env, placeholder_pdfs(content))}
    for route in ("tribunal-appeal", "judicial-review"):
        cost = pages[f"routes/{route}/"].split('<h2 id="cost">')[1].split("<h2 ")[0]
        assert '<h3 class="sl-contact__name">Civil Legal Advice</h3>' in cost, route
        assert '<a href="tel:+443453454345">0345 345 4345</a>' in cost, route
        assert '<a href="https://www.gov.uk/legal-aid">' in cost, route
    # Finder outcomes stay short: the route's page is one link away.
    _, outcome = outcome_pages(content, env)["refuse-assess"]
    assert "Civil Legal Advice" not in outcome


def test_an_outcome_shows_each_contact_and_form_once_and_links_cards_to_cases(env):

    content = _content()
    outcome, html = outcome_pages(content, env)["refuse-assess"]
    assert 'href="../../../../routes/tribunal-appeal/#case-with-a-certificate"' in html
    # Each organisation once, however many cards name it.
    names = re.findall(r"<summary>([^<]+)</summary>", html)
    assert len(names) == len(set(names)) and "Example Council SENDIASS" in names
    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a>, to fill in on screen\.', html)
    assert len(titles) == len(set(titles)) and titles
    # Every deadline listed once, the family's own first; each card links to its own.
    listed = re.findall(r'<li id="deadline-([a-z0-9-]+)"', html)
    assert len(listed) == len(set(listed))
    assert listed[:2] == ["contact-mediation-adviser", "appeal-to-the-tribunal"]
    for target in re.findall(r'<a href="#deadline-([a-z0-9-]+)">', html):
        assert target in listed


# --- Form pages ---


def test_a_form_page_links_its_own_pdfs_and_not_itself(pages):
    form = CONTENT.forms["meeting-notes"]
    page = pages[f"forms/{form.id}/"]
    assert page.title == form.title and page.meta == {"form_page": True}
    assert f"<h1>{form.title}</h1>" in page.html
    assert f'href="{form.id}.pdf"' in page.html and f'href="{form.id}-print.pdf"' in page.html
    assert "fill in the web page version" not in page.html


def test_a_form_s_view_names_who_it_goes_to(env):
    form = CONTENT.forms["request-for-disagreement-resolution"]
    view = form_view(CONTENT, form, PDFS)
    assert [a["url"] for a in view["attachments"]] == [f"{form.id}.pdf", f"{form.id}-print.pdf"]
    assert [a["html_url"] for a in view["attachments"]] == [None, None]
    html = render(env, "form_page.html", **view)
    for recipient in view["recipients"]:
        assert recipient.name in html
    assert [p.url for p in form_pages(CONTENT, env, PDFS)] == [f"forms/{f}/" for f in CONTENT.forms]


# --- Finder pages ---


def test_the_finder_s_first_question_links_each_option_and_back_to_the_start(env):
    first = finder_pages(CONTENT.finder)[0]
    page = finder_page(first, CONTENT, env, PDFS)
    assert (page.url, page.title, page.template) == (first.url, first.node.text, "finder_question")
    options = re.findall(r'<a class="sl-option" href="([^"]+)"', page.html)
    assert options == [f"{option.id}/" for option in first.node.options]
    assert '<a class="sl-back" href="../">Back</a>' in page.html
    assert finder_question_view(first)["answers"] == []


def test_a_later_question_lists_the_answers_given_with_links_to_change_them():
    later = next(p for p in finder_pages(CONTENT.finder) if not p.is_outcome and p.answers)
    view = finder_question_view(later)
    assert [a["option"] for a in view["answers"]] == [a.option for a in later.answers]
    assert view["answers"][0]["change_url"] == "../" * len(later.answers)
    assert view["links"]["start_again"] == "../" * (len(later.answers) + 1)


def test_no_two_finder_pages_share_a_title(pages):
    """Outcomes reached by several paths have one heading; their titles still differ, each by
    as few of the answers before the last as it takes."""
    finder = [page for url, page in pages.items() if url.startswith("which-route/questions/")]
    titles = [page.title for page in finder]
    assert len(finder) > 50 and len(set(titles)) == len(titles)
    not_sure = {url: page.title for url, page in pages.items() if url.endswith("/not-sure/")}
    assert not_sure["which-route/questions/not-sure/"] == (
        "You are not sure what the disagreement is about"
    )
    assert not_sure["which-route/questions/health-care/not-sure/"] == (
        "You are not sure what the disagreement is about (Health care or social care)"
    )


def test_an_outcome_page_is_titled_by_its_outcome_and_links_the_proposed_changes(pages):
    page = pages["which-route/questions/decision/final-plan/school-only/"]
    # Another path leads to an outcome with this heading: the title adds the answer before.
    assert (page.title, page.template) == (
        "You disagree with the school named in the plan (What to put in a final EHC plan)",
        "finder_outcome",
    )
    assert "<h1>You disagree with the school named in the plan</h1>" in page.html
    alone = pages["which-route/questions/decision/no-assessment/"]
    assert f"<h1>{alone.title}</h1>" in alone.html
    to_root = "../" * page.url.count("/")
    assert f'href="{to_root}proposed-changes/"' in page.html
    assert f'href="{to_root}sendiass/"' in page.html
    start_again = "../" * (page.url.count("/") - 1)  # to which-route/
    assert f'<a href="{start_again}">Start again</a>' in page.html
    # Without proposals that concern it, an outcome does not mention them.
    other = pages["which-route/questions/decision/no-assessment/"]
    assert "proposed-changes/" not in other.html


def test_a_finder_question_is_a_heading_and_one_link_per_option(env):
    from macros.records import Option, Question

    question = Question(
        id="decision",
        text="What did the council & school decide?",
        hint="It is in the letter",
        options=[
            Option(id="no-plan", label="Not to make a plan", hint="After an assessment", next="a"),
            Option(id="not-sure", label="I'm not sure", next="b"),
        ],
    )
    html = render(
        env,
        "finder_question.html",
        question=question,
        options=[{"option": o, "url": f"{o.id}/"} for o in question.options],
        answers=[],
        links={"back": "../", "start_again": "../../", "sendiass": "../../../sendiass/"},
    )
    assert '<h1 class="sl-finder__question" id="question">What did the council &amp; school' in html
    assert '<p class="sl-hint">It is in the letter</p>' in html
    assert re.findall(r'<a class="sl-option" href="([^"]+)"', html) == ["no-plan/", "not-sure/"]
    # An option's hint is tied to its link, so a screen reader reads it with the option.
    assert 'aria-describedby="hint-no-plan"' in html and 'id="hint-no-plan"' in html
    assert "I&#39;m not sure" in html


def test_a_form_page_labels_every_field_and_marks_the_required_ones(env):
    from macros.records import FormField, FormOption, FormSection, RequestForm

    form = RequestForm(
        id="small-form",
        title="A small form",
        introduction="Fill this in.",
        sections=[
            FormSection(
                id="about-you",
                title="About you",
                fields=[
                    FormField(id="name", type="short-text", label="Your name", required=True),
                    FormField(
                        id="contact",
                        type="tick-one",
                        label="How to contact you",
                        hint="Choose one",
                        options=[
                            FormOption(id="phone", label="Phone"),
                            FormOption(id="email", label="Email"),
                        ],
                    ),
                    FormField(id="agree", type="consent", label="I agree", required=True),
                ],
            )
        ],
    )
    html = render(env, "form_page.html", form=form, recipients=[], time_limits=[], attachments=[])
    assert "<h1>A small form</h1>" in html
    assert '<h3 class="sl-form__section" id="section-about-you">About you</h3>' in html
    for field_id in ("name", "contact-phone", "contact-email", "agree"):
        assert f'id="{field_id}"' in html and f'for="{field_id}"' in html, field_id
    assert '<legend class="sl-legend">How to contact you</legend>' in html
    assert 'aria-describedby="contact-hint"' in html
    assert html.count("data-sl-required") == 2
    assert 'data-sl-error="Fill in “Your name”"' in html
    assert 'data-sl-error="Tick “I agree” if you agree"' in html


def test_a_form_s_date_is_govuk_s_date_input(env):
    """Day, month and year boxes in a group named by the question, not the browser's own date
    control (type=date), whose order follows the browser's language (mm/dd/yyyy in American
    English). No field has the required attribute: it made the browser call the empty fields
    invalid before anything was typed."""
    from macros.records import FormField, FormSection, RequestForm

    dates = [
        FormField(
            id="letter",
            type="date",
            label="Date on the letter",
            hint="Not the day it came",
            required=True,
        ),
        FormField(id="met", type="date", label="Date of the meeting"),
        FormField(id="born", type="date", label="Your date of birth", autocomplete="bday"),
        FormField(id="name", type="short-text", label="Your name", required=True),
        FormField(id="agree", type="consent", label="I agree", required=True),
    ]
    form = RequestForm(
        id="f",
        title="F",
        introduction="I.",
        sections=[FormSection(id="s", title="S", fields=dates)],
    )
    html = render(env, "form_page.html", form=form, recipients=[], time_limits=[], attachments=[])
    assert 'type="date"' not in html and not re.search(r"\srequired[\s>=]", html)
    assert html.count('<fieldset class="sl-fieldset" role="group"') == 3
    required = ' <span class="sl-required">(required)</span>'
    assert f'<legend class="sl-legend">Date on the letter{required}</legend>' in html
    assert (
        '<p class="sl-hint" id="letter-hint">Not the day it came. For example, 27 3 2026</p>'
        in html
    )
    assert '<p class="sl-hint" id="met-hint">For example, 27 3 2026</p>' in html
    for field_id in ("letter", "met", "born"):
        assert f'aria-describedby="{field_id}-hint"' in html
        boxes = re.findall(
            rf'<label [^>]*for="{field_id}-(\w+)">(\w+)</label>\s*<input ([^>]*)>', html
        )
        assert [(part, words) for part, words, _ in boxes] == [
            ("day", "Day"), ("month", "Month"), ("year", "Year"),
        ]  # fmt: skip
        for part, _, attributes in boxes:
            width = 4 if part == "year" else 2
            assert f'id="{field_id}-{part}"' in attributes
            assert f'class="sl-input sl-input--width-{width}"' in attributes
            assert 'type="text" inputmode="numeric"' in attributes
            # Only a date of birth of the person filling the form in is filled in for them.
            autocomplete = f"bday-{part}" if field_id == "born" else "off"
            assert f'autocomplete="{autocomplete}"' in attributes
    # The messages (forms.js chooses one): a required date left empty, a part left out, a date
    # that cannot be.
    assert 'data-sl-error="Enter “Date on the letter”"' in html
    assert 'data-sl-error-month="Date of the meeting must include a month"' in html
    assert 'data-sl-error-day-year="Date of the meeting must include a day and year"' in html
    assert 'data-sl-error-real="Your date of birth must be a real date"' in html
    assert html.count("data-sl-date ") == 3 and html.count("data-sl-required") == 3


def test_only_a_date_of_birth_fills_in_a_date_s_parts():
    """A date's boxes are filled in by the browser only as parts of a date of birth (bday-day...):
    any other autocomplete on a date is refused."""
    from pydantic import ValidationError

    from macros.records import FormField

    with pytest.raises(ValidationError, match="bday or none for a date field"):
        FormField(id="met", type="date", label="Date of the meeting", autocomplete="name")
