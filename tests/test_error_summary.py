"""Errors a user can see (issue 27), in Chromium on the built site: on the request forms and
the deadline page, following each link of GOV.UK's error summary shows the question's label or
legend and its error message with focus on the control, at 1280 and 320 px; no control is
invalid before anything is typed; after an error only the wrong controls are aria-invalid, and
the page's title starts "Error: "; a changed date takes away the dates worked out for the old
one. The error summaries' own tests are in tests/test_forms.py and tests/test_deadline_page.py."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from conftest import shipped_content
from sitecheck.browser import DESKTOP, PHONE

from macros.urls import DEADLINES_PAGE, LOOKUP_FILE, form_url

CONTENT = shipped_content()
FORMS = list(CONTENT.forms.values())
APPEAL = "#work-out-appeal"
DECISION = f"{APPEAL}-decision-letter-sent"
VIEWPORTS = {"1280px": DESKTOP, "320px": PHONE}
# A date no calendar has, typed into every date a form does not require, so that each form
# (the meeting notes have no required question) shows date errors and links to them.
IMPOSSIBLE = ("31", "2", "2026")

# Where the question's label or legend, its error message and the control are on the screen:
# the legend of the control's group if it has one (a date's, not its "Day"), else its label.
WHERE = """(id) => {
  const control = document.getElementById(id);
  const group = control.closest('fieldset');
  const caption = group
    ? group.querySelector('legend')
    : document.querySelector(`label[for="${id}"]`);
  const message = control.closest('.sl-field').querySelector('.sl-error-message');
  const box = (element) => {
    const rect = element.getBoundingClientRect();
    return [rect.top, rect.bottom];
  };
  return {caption: box(caption), message: message && box(message), control: box(control),
          height: window.innerHeight, focus: document.activeElement.id};
}"""
WHERE_PARTS = ("caption", "message", "control")
# Each control of the form, with its aria-invalid and whether its question is marked wrong.
STATES = """() => [...document.querySelectorAll('form .sl-field')].map((field) => ({
  invalid: [...field.querySelectorAll('input, textarea')]
    .map((control) => control.getAttribute('aria-invalid')),
  marked: field.classList.contains('sl-field--error'),
}))"""


def fields(form):
    return [field for section in form.sections for field in section.fields]


def on_screen(box: list[float], height: int) -> bool:
    top, bottom = box
    return top >= -1 and bottom <= height + 1


@pytest.fixture
def page_at(browser, site_url):
    """A page at a size, with printing recorded instead of done."""
    contexts = []

    def open_page(path: str, viewport: dict = DESKTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate("() => { window.printed = 0; window.print = () => window.printed++; }")
        return page

    yield open_page
    for context in contexts:
        context.close()


def type_date(page, field_id: str, parts: tuple[str, str, str]) -> None:
    for name, value in zip(("day", "month", "year"), parts, strict=True):
        page.fill(f"{field_id}-{name}", value)


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_each_error_link_shows_the_question_and_its_message(page_at, form, width):
    """Each required question left empty, and each other date typed as 31 2 2026: every link
    in the summary puts focus on its control, with the label or legend and the message on the
    screen. The browser's own jump to the control put them above the screen."""
    page = page_at(form_url(form.id), VIEWPORTS[width])
    optional_dates = [f for f in fields(form) if f.control == "date" and not f.required]
    for field in optional_dates:
        type_date(page, f"#{field.id}", IMPOSSIBLE)
    page.locator("[data-sl-print]").click()
    links = page.locator("#error-summary a")
    wrong = [f for f in fields(form) if f.required or f in optional_dates]
    assert links.count() == len(wrong) > 0
    hidden = []
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        where = page.evaluate(WHERE, target)
        assert where["focus"] == target, (target, where)
        if not all(on_screen(where[part], where["height"]) for part in WHERE_PARTS):
            hidden.append((target, where))
    assert hidden == [], f"{len(hidden)} of {links.count()} links hide their question: {hidden}"
    assert page.evaluate("() => window.printed") == 0


@pytest.mark.parametrize("path", [*(form_url(f.id) for f in FORMS), DEADLINES_PAGE])
def test_no_control_is_invalid_before_anything_is_typed(page_at, path):
    """The required attribute made Chrome call the empty fields (and so the form) invalid as
    the page loaded; aria-invalid comes only with an error."""
    page = page_at(path)
    assert page.evaluate("() => document.querySelectorAll(':invalid, [aria-invalid]').length") == 0
    assert not page.title().startswith("Error:")


@pytest.mark.parametrize(
    "form", [f for f in FORMS if any(x.required for x in fields(f))], ids=lambda f: f.id
)
def test_only_the_wrong_questions_are_marked_invalid_until_the_errors_go(page_at, form):
    """Half the required questions answered: the other half's controls are all aria-invalid
    (each tick box of a group), the answered ones and the questions not required are not, and
    the title starts "Error: ". Printing anyway clears all of it."""
    page = page_at(form_url(form.id))
    title = page.title()
    required = [f for f in fields(form) if f.required]
    answered = required[::2]
    for field in answered:
        if field.control in ("choose-one", "choose-any", "consent"):
            page.locator(f"form.sl-form input[name='{field.id}']").first.check()
        elif field.control == "date":
            type_date(page, f"#{field.id}", ("1", "2", "2026"))
        else:
            page.fill(f"#{field.id}", "Sam Smith")
    page.locator("[data-sl-print]").click()
    states = page.evaluate(STATES)
    assert len(states) == len(fields(form))
    for field, state in zip(fields(form), states, strict=True):
        wrong = field.required and field not in answered
        expected = ["true"] * len(state["invalid"]) if wrong else [None] * len(state["invalid"])
        assert state == {"invalid": expected, "marked": wrong}, field.id
    assert page.title() == f"Error: {title}"
    page.locator("[data-sl-print]").click()
    assert page.evaluate("() => window.printed") == 1
    marks = "() => document.querySelectorAll('[aria-invalid], .sl-input--error').length"
    assert page.evaluate(marks) == 0
    assert page.title() == title


LETTER = "Date on the council's decision letter"


@pytest.mark.parametrize(
    ("typed", "message", "marked"),
    [
        (("", "", ""), f"Enter “{LETTER}”", "day month year"),
        (("12", "", "2026"), f"{LETTER} must include a month", "month"),
        (("12", "", ""), f"{LETTER} must include a month and year", "month year"),
        (("", "3", ""), f"{LETTER} must include a day and year", "day year"),
        (("31", "2", "2026"), f"{LETTER} must be a real date", "day month year"),
        (("1", "1", "26"), f"{LETTER} must be a real date", "day month year"),
        (("1", "1", "2026"), None, ""),
    ],
)
def test_a_form_s_date_gets_govuk_s_messages(page_at, typed, message, marked):
    """GOV.UK's date input: a required date left empty, a part missing (only that box marked,
    and the link goes to it), or a date that cannot be."""
    page = page_at(form_url("request-for-mediation-advice"))
    field = "#decision-letter-date"
    type_date(page, field, typed)
    page.locator("[data-sl-print]").click()
    summary = page.locator("#error-summary").inner_text()
    boxes = page.locator(f"{field}-day, {field}-month, {field}-year").all()
    invalid = [b.get_attribute("data-sl-part") for b in boxes if b.get_attribute("aria-invalid")]
    styled = [
        b.get_attribute("data-sl-part") for b in boxes if "--error" in b.get_attribute("class")
    ]
    assert invalid == styled == marked.split()
    if message is None:
        assert "decision letter" not in summary
        return
    assert message in summary
    link = page.get_by_role("link", name=message)
    assert link.get_attribute("href") == f"{field}-{marked.split()[0]}"
    question = page.locator(f".sl-field:has({field}-day)")
    error = question.locator(".sl-error-message")
    assert error.text_content() == f"Error: {message}"
    described = question.locator("fieldset").get_attribute("aria-describedby").split()
    assert error.evaluate("e => e.id") in described and f"{field[1:]}-hint" in described


# --- The deadline page ---


def built_on(site) -> date:
    return date.fromisoformat(json.loads((site / LOOKUP_FILE).read_text())["built_on"])


def box_states(page) -> dict[str, tuple[str | None, bool]]:
    return {
        part: (box.get_attribute("aria-invalid"), "sl-input--error" in box.get_attribute("class"))
        for part in ("day", "month", "year")
        for box in [page.locator(f"{DECISION}-{part}")]
    }


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_a_wrong_date_on_the_deadline_page_marks_its_boxes_and_the_title(
    page_at, built_site, width
):
    page = page_at(DEADLINES_PAGE, VIEWPORTS[width])
    title = page.title()
    type_date(page, DECISION, ("31", "2", ""))
    page.click(f"{APPEAL} button[type=submit]")
    assert page.title() == f"Error: {title}"
    # A part missing: that box alone.
    assert box_states(page) == {
        "day": (None, False),
        "month": (None, False),
        "year": ("true", True),
    }
    link = page.locator(f"{APPEAL}-errors a").first
    link.click()
    where = page.evaluate(WHERE, f"{DECISION.removeprefix('#')}-year")
    assert where["focus"] == f"{DECISION.removeprefix('#')}-year"
    assert all(on_screen(where[part], where["height"]) for part in WHERE_PARTS), where
    # A date that cannot be: all three.
    type_date(page, DECISION, ("31", "2", "2026"))
    page.click(f"{APPEAL} button[type=submit]")
    assert box_states(page) == {part: ("true", True) for part in ("day", "month", "year")}
    # Put right: nothing marked, and the title as it was.
    today = built_on(built_site)
    type_date(page, DECISION, (str(today.day), str(today.month), str(today.year)))
    page.click(f"{APPEAL} button[type=submit]")
    assert page.locator(f"{APPEAL}-results").is_visible()
    assert box_states(page) == {part: (None, False) for part in ("day", "month", "year")}
    assert page.title() == title


def test_changing_a_date_takes_away_the_dates_worked_out_for_the_old_one(page_at, built_site):
    page = page_at(DEADLINES_PAGE)
    letter = built_on(built_site) - timedelta(days=20)
    type_date(page, DECISION, (str(letter.day), str(letter.month), str(letter.year)))
    page.click(f"{APPEAL} button[type=submit]")
    results = page.locator(f"{APPEAL}-results")
    stale = page.locator(f"{APPEAL} [data-sl-stale]")
    assert results.is_visible()
    shown = results.locator('[data-sl-slot="date"]').first.inner_text()
    earlier = letter - timedelta(days=7)
    page.fill(f"{DECISION}-day", str(earlier.day))
    assert not results.is_visible()
    assert stale.inner_text() == (
        "You changed a date. Select “Work out the dates” to see your new dates."
    )
    assert stale.get_attribute("role") == "status"
    # Printed, the section with no dates is left out, as before any were worked out.
    page.emulate_media(media="print")
    assert not page.locator(APPEAL).is_visible()
    page.emulate_media(media="screen")
    type_date(page, DECISION, (str(earlier.day), str(earlier.month), str(earlier.year)))
    page.click(f"{APPEAL} button[type=submit]")
    assert results.is_visible() and stale.inner_text() == ""
    assert results.locator('[data-sl-slot="date"]').first.inner_text() != shown


def test_a_form_with_errors_passes_the_accessibility_checkers(browser, site_url, tmp_path):
    """The site checks see the form as it loads; this is the form as the script leaves it after
    an error: the summary, a message in each wrong question, and aria-invalid on its controls
    (every kind: a date's boxes, a text box, a long answer, radios, tick boxes, a lone tick box).
    axe, IBM Equal Access, HTML_CodeSniffer and the Nu HTML checker, at 320 px."""
    from sitecheck import report
    from sitecheck.browser import (
        OffsiteRequests,
        axe_failures,
        htmlcs_failures,
        ibm_failures,
        new_context,
        reflow_failures,
    )
    from sitecheck.static import nu_failures
    from sitecheck.tools import require

    require("java", "vnu-jar")
    form = CONTENT.forms["request-for-disagreement-resolution"]
    offsite = OffsiteRequests()
    context = new_context(browser, offsite, with_axe=True, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + form_url(form.id), wait_until="networkidle")
        page.evaluate("() => { window.print = () => {}; }")
        for field in fields(form):
            if field.control == "date":
                type_date(page, f"#{field.id}", IMPOSSIBLE)
        page.locator("[data-sl-print]").click()
        kinds = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('[aria-invalid=true]')]"
            ".map((control) => control.type))].sort()"
        )
        assert kinds == ["checkbox", "radio", "text", "textarea"]
        name = f"{form_url(form.id)} (errors)"
        (tmp_path / "errors.html").write_text(page.content(), encoding="utf-8")
        failures = [
            *nu_failures(tmp_path),
            *axe_failures(page, name, "320px"),
            *ibm_failures(page, name),
            *htmlcs_failures(page, name),
            *reflow_failures(page, name, PHONE, "320px"),
            *offsite.failures(),
        ]
        assert failures == [], report(failures)
    finally:
        context.close()
