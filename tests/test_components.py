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
