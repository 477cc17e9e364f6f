"""Request forms: the web page (labels, legends, hints, no action, nothing sent), in the built
site and in the browser. The PDFs and their cache are tests/test_form_pdfs.py."""

from __future__ import annotations

import pypdf
import pytest
from conftest import PROJECT, shipped_content
from html_text import main_text, normalise, tags

from macros.pdfs import file_size
from macros.urls import form_url, pdf_name

CONTENT = shipped_content()
FORMS = list(CONTENT.forms.values())
CHOICE_TYPES = ("tick-one", "tick-any", "yes-no")
YES_NO = [("yes", "Yes"), ("no", "No")]


def test_the_three_forms_exist():
    assert {
        "request-for-disagreement-resolution",
        "request-for-mediation-advice",
        "meeting-notes",
    } <= set(CONTENT.forms)


def test_the_mediation_form_shows_the_time_limit_to_contact_the_adviser(built_site):
    form = CONTENT.forms["request-for-mediation-advice"]
    assert form.time_limits == ["contact-mediation-adviser"]
    limit = normalise(CONTENT.time_limit("contact-mediation-adviser").text)
    assert "2 months" in limit
    assert limit in main_text(built_site / form_url(form.id) / "index.html")
    for kind in ("fillable", "printable"):
        pdf = built_site / form_url(form.id) / pdf_name(form.id, kind)
        text = normalise(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
        assert limit in text, kind


# --- The web page ---


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_every_field_on_the_web_page_is_labelled_and_grouped(built_site, form):
    page = built_site / form_url(form.id) / "index.html"
    page_tags = tags(page)
    html = page.read_text(encoding="utf-8")
    forms = [a for t, a in page_tags if t == "form" and a.get("class") == "sl-form"]
    # No action, and method="dialog": outside a dialog such a form goes nowhere.
    assert len(forms) == 1 and "action" not in forms[0] and forms[0].get("method") == "dialog"
    # One submit button, the print button: submitting only prints (forms.js).
    submits = [a for t, a in page_tags if t in ("input", "button") and a.get("type") == "submit"]
    assert len(submits) == 1 and "data-sl-print" in submits[0]
    assert html.index("data-sl-print") < html.index("</form>")
    labels = {a["for"] for t, a in page_tags if t == "label" and a.get("for")}
    ids = {a["id"] for t, a in page_tags if a.get("id")}
    controls = [a for t, a in page_tags if t in ("input", "textarea") and a.get("type") != "hidden"]
    form_controls = [c for c in controls if not c.get("class", "").startswith("md-")]
    assert form_controls, "no fields on the page"
    for control in form_controls:
        assert control.get("id") in labels, f"no label for {control}"
        for hint_id in (control.get("aria-describedby") or "").split():
            assert hint_id in ids, f"{control['id']}: hint #{hint_id} missing"
    # Each choice question and each date (GOV.UK's date input) is a group with a legend.
    groups = sum(1 for s in form.sections for f in s.fields if f.type in (*CHOICE_TYPES, "date"))
    assert html.count('<fieldset class="sl-fieldset"') == groups
    assert html.count('<legend class="sl-legend">') == groups
    required = sum(1 for s in form.sections for f in s.fields if f.required)
    assert html.count('<span class="sl-required">(required)</span>') == required
    assert "What you type stays on this device. It is not saved or sent anywhere." in html


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_the_web_page_links_both_pdfs_with_type_and_size(built_site, form):
    html = (built_site / form_url(form.id) / "index.html").read_text(encoding="utf-8")
    for kind in ("fillable", "printable"):
        name = pdf_name(form.id, kind)
        size = file_size((built_site / form_url(form.id) / name).stat().st_size)
        assert f'href="{name}"' in html
        assert f"PDF, {size}" in html


def test_route_and_outcome_pages_link_their_forms(built_site):
    route_page = (built_site / "routes" / "mediation-advice" / "index.html").read_text()
    assert 'href="../../forms/request-for-mediation-advice/"' in route_page
    assert "request-for-mediation-advice.pdf" in route_page
    assert "fill in the web page version" in route_page
    outcome = built_site / "which-route" / "questions" / "decision" / "no-assessment" / "index.html"
    assert "request-for-mediation-advice.pdf" in outcome.read_text()


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_typing_into_a_form_sends_nothing(browser, site_url, form):
    """Fill every field, press Enter and the print button: no request may leave the page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        url = site_url + form_url(form.id)
        page.goto(url, wait_until="networkidle")
        page.evaluate("() => { window.print = () => {}; }")  # no print dialog in a test
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        fields = "input[type=text], input[type=email], input[type=tel], textarea"
        for field in page.locator("form.sl-form").locator(fields).all():
            field.fill("Sam Smith")
        # Dates in GOV.UK's day, month and year boxes.
        for part, value in (("day", "28"), ("month", "11"), ("year", "2026")):
            for field in page.locator(f"form.sl-form input[data-sl-part={part}]").all():
                field.fill(value)
        # Ticked from the keyboard, as a keyboard user would (Space on a focused box).
        for choice in page.locator(
            "form.sl-form input[type=radio], form.sl-form input[type=checkbox]"
        ).all():
            choice.focus()
            page.keyboard.press("Space")
        # Enter in a one-line field is how a browser would submit a form, if it could.
        page.locator("form.sl-form input:not([type=radio]):not([type=checkbox])").first.press(
            "Enter"
        )
        page.locator("[data-sl-print]").click()
        # A script submitting the form, as requestSubmit() does, sends nothing either.
        page.evaluate("() => document.querySelector('form.sl-form').requestSubmit()")
        page.wait_for_timeout(300)
        assert requests == [], f"requests sent: {requests}"
        assert page.url == url
    finally:
        context.close()


def test_a_printed_form_shows_the_answers_and_nothing_else(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + form_url("request-for-mediation-advice"))
        page.locator("form.sl-form input[type=text]").first.fill("Sam Smith")
        page.emulate_media(media="print")
        for hidden in (
            ".sl-header",
            ".sl-nav",
            ".sl-footer",
            ".sl-device-note",
            ".sl-attachment",
            ".sl-print-action",
        ):
            assert page.locator(hidden).count(), f"{hidden} is not on the page at all"
            assert not page.locator(hidden).first.is_visible(), f"{hidden} shows in print"
        assert page.locator("h1").first.is_visible()
        first_field = page.locator("form.sl-form input[type=text]").first
        assert first_field.is_visible() and first_field.input_value() == "Sam Smith"
    finally:
        context.close()


def test_print_first_lists_missing_required_answers_then_prints_anyway(browser, site_url):
    form = CONTENT.forms["request-for-mediation-advice"]
    required = [f for s in form.sections for f in s.fields if f.required]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + form_url(form.id))
        page.evaluate("() => { window.printed = 0; window.print = () => window.printed++; }")
        page.locator("[data-sl-print]").click()
        summary = page.locator("#error-summary")
        assert summary.is_visible()
        assert page.evaluate("() => document.activeElement.id") == "error-summary"
        links = summary.locator("a")
        assert links.count() == len(required)
        assert page.evaluate("() => window.printed") == 0
        # Each message is tied to its question, and each link moves to it.
        # (The question's group if it has one: a date's, a choice's.)
        first = page.locator("form.sl-form [data-sl-required]").first
        assert required[0].label in first.inner_text()
        described = first.locator("fieldset, input, textarea").first
        assert "error-0" in (described.get_attribute("aria-describedby") or "").split()
        page.locator("[data-sl-print]").click()
        assert page.evaluate("() => window.printed") == 1
        assert not summary.is_visible()
    finally:
        context.close()


def test_leaving_a_form_with_answers_typed_asks_first(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + form_url("request-for-mediation-advice"))
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
        page.close(run_before_unload=True)  # nothing typed: no question
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
        page.goto(site_url + form_url("request-for-mediation-advice"))
        page.locator("form.sl-form input[type=text]").first.fill("Sam Smith")
        page.close(run_before_unload=True)
        page.wait_for_event("close", timeout=5000)
        assert dialogs == ["beforeunload"]
    finally:
        context.close()


def test_enter_in_a_field_neither_sends_nor_prints(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        url = site_url + form_url("meeting-notes")
        page.goto(url)
        page.evaluate("() => { window.printed = 0; window.print = () => window.printed++; }")
        page.locator("form.sl-form input").first.press("Enter")
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.printed") == 0 and page.url == url
        assert not page.locator("#error-summary").is_visible()
    finally:
        context.close()


def test_a_form_with_one_short_text_field_cannot_send_what_is_typed(browser, tmp_path):
    """Whatever fields a council gives a form: one short text field is the case where pressing
    Enter submits a form by the HTML standard. The form page made from it, with the real
    script, goes nowhere on Enter or on requestSubmit(), with JavaScript on or off."""
    from sitecheck.server import serve

    from macros.components import make_environment, render
    from macros.records import FormField, FormSection

    form = shipped_content().forms["meeting-notes"]
    one_field = FormSection(
        id="about",
        title="About you",
        fields=[FormField(id="your-name", type="short-text", label="Your name")],
    )
    form = form.model_copy(update={"sections": [one_field], "recipients": []})
    body = render(
        make_environment(),
        "form_page.html",
        form=form,
        recipients=[],
        time_limits=[],
        attachments=[],
    )
    scripts = PROJECT / "overrides" / "assets" / "javascripts"
    # forms.js with the checks it shares with the letters, as form pages load them.
    script = "\n".join((scripts / name).read_text() for name in ("form-checks.js", "forms.js"))
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en" class="no-js"><head><title>Form</title></head>'
        f"<body>{body}<script>{script}</script></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        for javascript in (True, False):
            context = browser.new_context(java_script_enabled=javascript)
            try:
                page = context.new_page()
                page.goto(url)
                requests: list[str] = []
                page.on("request", lambda request, seen=requests: seen.append(request.url))
                field = page.locator("#your-name")
                field.fill("Alex Example")
                field.press("Enter")
                if javascript:
                    page.evaluate("window.print = () => {}")
                    page.evaluate("document.querySelector('form.sl-form').requestSubmit()")
                page.wait_for_timeout(300)
                assert page.url == url, javascript
                assert requests == [], (javascript, requests)
                assert field.input_value() == "Alex Example", javascript
            finally:
                context.close()
