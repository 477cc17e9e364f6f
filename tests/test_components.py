"""Components render records through their templates: escaped text, fixed channel order,
GOV.UK formats for times and days, and Markdown only where the schema allows it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from macros.components import (
    day_ranges,
    flatten_for_markdown,
    govuk_date,
    govuk_time,
    make_environment,
    render,
    render_markdown,
    tel_href,
)
from macros.records import (
    MarkdownText,
    NotedOrganization,
    Organization,
    ProcessStep,
    Service,
)

ORGANIZATION = {
    "id": "riverside",
    "name": "Riverside Mediation",
    "description": "Runs meetings.",
    "phones": [{"number": "0113 496 0999", "last_checked": date(2026, 1, 5)}],
    "email": {"address": "help@example.org", "last_checked": date(2026, 1, 5)},
    "website": {"url": "https://riverside.example.org", "last_checked": date(2026, 1, 5)},
    "schedules": [
        {
            "byday": ["MO", "TU", "WE", "TH", "FR"],
            "opens_at": "09:00",
            "closes_at": "17:30",
            "description": "Closed on bank holidays",
            "last_checked": date(2026, 1, 5),
        }
    ],
}


@pytest.fixture(scope="module")
def env():
    return make_environment()


@pytest.mark.parametrize(
    "days, expected",
    [
        (["MO", "TU", "WE", "TH", "FR"], [("MO", "FR")]),
        (["MO", "WE"], [("MO", None), ("WE", None)]),
        (["SA", "MO", "TU"], [("MO", "TU"), ("SA", None)]),
        (["SU"], [("SU", None)]),
    ],
)
def test_day_ranges(days, expected):
    assert day_ranges(days) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("09:00", "9am"),
        ("17:30", "5:30pm"),
        ("12:00", "midday"),
        ("00:00", "midnight"),
        ("12:15", "12:15pm"),
        ("00:30", "12:30am"),
    ],
)
def test_govuk_time(value, expected):
    assert govuk_time(value) == expected


def test_govuk_date():
    assert govuk_date(date(2026, 11, 8)) == "8 November 2026"


@pytest.mark.parametrize(
    "number, expected",
    [("0161 283 4836", "tel:+441612834836"), ("03330 062 835", "tel:+443330062835")],
)
def test_tel_href(number, expected):
    assert tel_href(number) == expected


def test_contact_card_shows_channels_in_a_fixed_order(env):
    html = render(
        env,
        "contact_card.html",
        organization=Organization.model_validate(ORGANIZATION),
        heading_level=3,
        show_description=True,
    )
    assert '<h3 class="sl-contact__name">Riverside Mediation</h3>' in html
    assert "<p>Runs meetings.</p>" in html
    order = [
        html.index(marker)
        for marker in ("Telephone:", "Monday to Friday, 9am to 5:30pm", "Email:", "Website:")
    ]
    assert order == sorted(order)
    assert '<a href="tel:+441134960999">0113 496 0999</a>' in html
    assert '<a href="mailto:help@example.org">help@example.org</a>' in html
    assert "Closed on bank holidays" in html


def test_contact_card_leaves_out_channels_it_does_not_have(env):
    bare = {k: v for k, v in ORGANIZATION.items() if k in ("id", "name", "description")}
    html = render(
        env,
        "contact_card.html",
        organization=Organization.model_validate(bare),
        heading_level=2,
        show_description=False,
    )
    for absent in ("Telephone:", "Email:", "Website:", "call charges", " to "):
        assert absent not in html
    assert html.startswith('<div class="sl-contact">\n<h2')
    # With no way to reach them, the card says who they are: never a heading with nothing under it.
    assert "<p>Runs meetings.</p>" in html
    with_phone = Organization.model_validate({**bare, "phones": ORGANIZATION["phones"]})
    html = render(
        env, "contact_card.html", organization=with_phone, heading_level=2, show_description=False
    )
    assert "Runs meetings" not in html and "Telephone:" in html


def test_text_from_yaml_is_escaped(env):
    # model_construct skips validation, as if a check were missed: the template must still escape.
    hostile = Organization.model_construct(
        **{
            **ORGANIZATION,
            "name": "<script>alert(1)</script>",
            "phones": [],
            "schedules": [],
            "email": None,
            "website": None,
        }
    )
    html = render(
        env, "contact_card.html", organization=hostile, heading_level=3, show_description=True
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


GOV_UK = "https://www.gov.uk/government/organisations/department-for-education/about/complaints-procedure"
NATIONAL_BODY = {
    "id": "dfe",
    "name": "Department for Education",
    "description": "The government department for schools.",
    "phones": [{"number": "0370 000 2288", "source": GOV_UK, "last_checked": date(2026, 12, 5)}],
    "schedules": [
        {
            "byday": ["MO", "TU", "WE", "TH", "FR"],
            "opens_at": "09:30",
            "closes_at": "17:00",
            "description": "Closed on bank holidays",
            "source": GOV_UK,
            "last_checked": date(2026, 12, 5),
        }
    ],
    "address": {
        "lines": ["Piccadilly Gate", "Store Street"],
        "postcode": "M1 2WD",
        "source": GOV_UK,
        "last_checked": date(2026, 12, 1),
    },
    "website": {
        "url": GOV_UK,
        "description": "How to complain to the Department for Education",
        "last_checked": date(2026, 12, 5),
    },
    "pages": [
        {
            "title": "Complain about an academy",
            "url": "https://www.gov.uk/government/publications/complain-about-an-academy",
            "last_checked": date(2026, 12, 1),
        }
    ],
}
SOURCE_LINK = f'<a href="{GOV_UK}">{GOV_UK.removeprefix("https://")}</a>'


def test_a_national_body_s_card_shows_its_address_hours_and_where_each_detail_was_read(env):
    html = render(
        env,
        "contact_card.html",
        organization=Organization.model_validate(NATIONAL_BODY),
        heading_level=3,
        show_description=True,
    )
    order = [
        html.index(marker)
        for marker in ("Telephone:", "Monday to Friday, 9:30am to 5pm", "Address:", "Website:")
    ]
    assert order == sorted(order)
    assert "Address:<br>Piccadilly Gate<br>Store Street<br>M1 2WD<br>" in html
    # Each detail says the page it was read on, linked by its address, and when.
    assert html.count(f"Source: {SOURCE_LINK}, last checked 5 December 2026") == 2
    assert html.count(f"Source: {SOURCE_LINK}, last checked 1 December 2026") == 1
    assert "How to complain to the Department for Education<br>Website:" in html
    assert (
        '<li><a href="https://www.gov.uk/government/publications/complain-about-an-academy">'
        "Complain about an academy</a></li>"
    ) in html
    # A detail with no source (a council's own) says nothing about one.
    plain = render(
        env,
        "contact_card.html",
        organization=Organization.model_validate(ORGANIZATION),
        heading_level=3,
        show_description=True,
    )
    assert "Source:" not in plain and "Address:" not in plain


def test_a_council_s_note_about_a_national_body_is_on_its_card_escaped(env):
    # model_construct skips validation (which refuses the tag): the template must still escape.
    body = Organization.model_validate(NATIONAL_BODY)
    noted = NotedOrganization.model_construct(
        **dict(body), local_notes=["Hearings are <b>usually</b> in Leeds."]
    )
    for template in ("contact_card.html", "contact_channels.html"):
        html = render(env, template, organization=noted, heading_level=3, show_description=False)
        assert (
            '<p class="sl-contact__note">Hearings are &lt;b&gt;usually&lt;/b&gt; in Leeds.</p>'
            in html
        )
        assert html.index("sl-contact__note") > html.index("Website:")


def test_markdown_is_rendered_only_for_markdown_fields(env):
    step = ProcessStep.model_validate({"id": "a", "title": "Call *us*", "text": "Call *us* first."})
    assert isinstance(step.text, MarkdownText)
    html = render(env, "process_steps.html", steps=[step])
    assert "<em>us</em> first." in html
    assert "Call *us*</h2>" in html
    with pytest.raises(TypeError, match="not a Markdown field"):
        render_markdown("plain *text*")


def test_process_steps_are_numbered_headings(env):
    steps = [
        ProcessStep.model_validate({"id": f"step-{n}", "title": f"Step {n}", "text": "Text."})
        for n in (1, 2, 3)
    ]
    html = render(env, "process_steps.html", steps=steps)
    assert html.startswith('<ol class="sl-steps">')
    assert re.findall(r'<h2 class="sl-steps__title" id="([^"]+)">', html) == [
        "step-1",
        "step-2",
        "step-3",
    ]


def test_disagreement_types_list_all_four_and_the_icb_note_once(env):
    from conftest import shipped_content

    service: Service = shipped_content().disagreement_resolution
    html = render(
        env,
        "disagreement_types.html",
        types=service.disagreement_types,
        former_names_note=service.former_names_note,
    )
    assert html.count("<li>") == 4
    assert html.count("clinical commissioning groups") == 1


def test_rendered_html_is_safe_to_put_in_markdown():
    flat = flatten_for_markdown("<div>\n\n    <p>\n        Indented\n    </p>\n\n</div>\n")
    assert flat == "<div>\n<p>\nIndented\n</p>\n</div>"


# --- Route cases and outcome pages, rendered from the real content without a build ---


def _content():
    from conftest import shipped_content

    return shipped_content()


def test_a_route_page_shows_every_case_under_its_own_heading(env):
    from macros.contradictions import placeholder_pdfs
    from macros.pages import route_pages

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
    from macros.contradictions import outcome_pages, placeholder_pdfs
    from macros.pages import route_pages

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
    from macros.contradictions import outcome_pages

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


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "<https://ok.example> ![i](x.png)"],
)
def test_markdown_output_never_carries_an_unsafe_link_or_an_image(text):
    # The loader refuses these; if one ever got past it, the sanitiser drops it from the page
    # (and the build goes on: tests/test_content_safety.py has every link form).
    html = render_markdown(MarkdownText(text))
    assert "javascript" not in html.lower() and "<img" not in html and "src=" not in html


def test_markdown_keeps_safe_links():
    html = render_markdown(
        MarkdownText("[GOV.UK](https://www.gov.uk) or [call](tel:+441134960000)")
    )
    assert 'href="https://www.gov.uk"' in html and 'href="tel:+441134960000"' in html


# --- The big templates, rendered from small records: a template change is caught here in a
# fraction of a second, before the browser checks of the built site. ---


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


def test_a_route_comparison_is_a_captioned_table_and_a_list_for_phones(env):
    content = _content()
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
    from macros.pages import a_to_z

    content = _content()
    docs = [("Disagreement resolution", "disagreement-resolution/"), ("Privacy", "privacy/")]
    listed = a_to_z(content, docs, "a-to-z/")
    again = a_to_z(content, list(reversed(docs)), "a-to-z/")
    assert listed == again
    d_entries = next(group for group in listed if group["letter"] == "D")["entries"]
    same = [e["url"] for e in d_entries if e["title"] == "Disagreement resolution"]
    assert same == ["../disagreement-resolution/", "../routes/disagreement-resolution/"]
