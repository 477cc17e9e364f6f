"""The letter pages on the device (issue 28), in Chromium on the built site: a family's answers
fill in the letter, with the deadline the rules give (macros/deadlines.py) for the date typed;
the letter can be copied, printed, emailed and downloaded as a Word file made in the browser
(read back here with python-docx); nothing is requested after the page loads but the Word
library, from the site itself, and nothing is stored. Without JavaScript the letter shows with
its blanks. The files the build adds for them: tests/test_letter_files.py.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import docx
import pytest
from conftest import shipped_content
from policy_probe import RECORD_VIOLATIONS

from macros.components import govuk_date, govuk_day
from macros.deadlines import add_months, work_out
from macros.records import letter_parts
from macros.urls import (
    DOCX_LIBRARY,
    LETTERS_LOOKUP_FILE,
    letter_url,
)

# The letter typed into: it goes to the council's SEN team (an email address to send to) and
# names a deadline worked out from the date typed.
LETTER = "ask-for-an-ehc-needs-assessment"
# Names with an apostrophe, a hyphen and an accent: kept as typed in the letter, the email and
# the Word file.
NAMES = {"your-name": "Siân O'Neill-Jones", "child-name": "Alex O'Neill-Jones"}


def built_on(site) -> date:
    return date.fromisoformat(json.loads((site / LETTERS_LOOKUP_FILE).read_text())["built_on"])


def answers(letter, today: date) -> dict:
    """An answer for each of the letter's fields, by id, as the family would type it: the date
    of the letter a few days ago, other dates before it."""
    typed = {}
    for number, field in enumerate(letter.fields.values()):
        if field.type == "date":
            typed[field.id] = (
                today - timedelta(days=4) if field.event else date(2015, 3, 14) + timedelta(number)
            )
        elif field.type == "long-text":
            typed[field.id] = f"First line of answer {number}\nSecond line of answer {number}"
        elif field.type == "email":
            typed[field.id] = "sian@example.com"
        elif field.type == "phone":
            typed[field.id] = "01632 960123"
        elif field.type in ("tick-one", "yes-no"):
            typed[field.id] = "yes" if field.type == "yes-no" else field.options[-1].id
        elif field.type == "tick-any":
            typed[field.id] = [option.id for option in field.options[:2]]
        elif field.type == "consent":
            typed[field.id] = True
        else:
            typed[field.id] = NAMES.get(field.id, f"Typed answer {number}")
    return typed


def words_in_letter(field, value) -> list[str]:
    """What an answer puts in the letter, in pieces that must each be in its text."""
    if field.type == "date":
        return [govuk_date(value)]
    if field.type == "long-text":
        return value.split("\n")
    if field.type == "yes-no":
        return ["Yes"]
    labels = {option.id: option.label for option in field.options}
    if field.type == "tick-one":
        return [labels[value]]
    if field.type == "tick-any":
        return [" and ".join(labels[each] for each in value)]
    return [] if field.type == "consent" else [value]


def type_answers(page, letter, typed: dict) -> None:
    for field_id, value in typed.items():
        field = letter.fields[field_id]
        if field.type == "date":
            for part in ("day", "month", "year"):
                page.fill(f"#{field_id}-{part}", str(getattr(value, part)))
        elif field.type in ("tick-one", "yes-no"):
            page.check(f"#{field_id}-{value}")
        elif field.type == "tick-any":
            for option in value:
                page.check(f"#{field_id}-{option}")
        elif field.type == "consent":
            page.check(f"#{field_id}")
        else:
            page.fill(f"#{field_id}", value)


def expected_deadlines(content, letter, typed: dict) -> dict[str, str]:
    """Each deadline the letter names ({deadline:...}), worked out here by the rules from the
    dates typed."""
    dates = {f.event: typed[f.id] for f in letter.fields.values() if f.event and f.id in typed}
    texts = [letter.subject, *(p for p in letter.paragraphs if isinstance(p, str))]
    named = {part.value for text in texts for part in letter_parts(text) if part.kind == "deadline"}
    return {
        limit_id: govuk_day(work_out(content.time_limit(limit_id), dates).date)
        for limit_id in sorted(named)
    }


@pytest.fixture
def letter_page(browser, site_url):
    """The letter's page with JavaScript on: every request as it loads, every request after it
    has loaded, any breach of the Content Security Policy, and printing recorded instead of done."""
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    loading: list[str] = []
    page.on("request", lambda request: loading.append(request.url))
    page.goto(site_url + letter_url(LETTER))
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.evaluate("() => { window.printed = 0; window.print = () => window.printed++; }")
    yield page, loading, requests
    context.close()


def stored(page) -> dict:
    """Everything a page could have kept on the device."""
    return page.evaluate(
        """async () => ({
          local: localStorage.length,
          session: sessionStorage.length,
          cookies: document.cookie,
          databases: (await indexedDB.databases()).length,
          caches: (await caches.keys()).length,
        })"""
    )


def status_says(page, words_attribute: str) -> None:
    """Wait for the status line to say the actions' words in ``words_attribute``."""
    words = page.locator(".sl-letter-actions").get_attribute(words_attribute)
    page.wait_for_function(
        "words => document.querySelector('[data-sl-status]').textContent === words", arg=words
    )


def check_email(page, content, letter, text: str) -> None:
    """The email link: to the SEN team's address, the letter's subject, the letter as body."""
    parts = urlsplit(page.get_attribute("[data-sl-email]", "href"))
    query = parse_qs(parts.query)
    team = content.provider(content.send_team)
    assert letter.to == [team.id] and team.email
    assert parts.scheme == "mailto" and unquote(parts.path) == team.email.address
    assert query["body"] == [text.replace("\n", "\r\n")]
    assert NAMES["child-name"] in query["subject"][0] and "{" not in query["subject"][0]


def check_print(page, text: str) -> None:
    """The button prints; on paper, the letter as it is in the box, under the council's header,
    and nothing else of the page."""
    page.click("[data-sl-print]")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    printed = page.locator(".sl-letter--typed")
    assert printed.is_visible() and printed.inner_text().strip() == text.strip()
    assert page.locator(".sl-print-header").is_visible()
    for hidden in ("h1", "#letter", ".sl-letter-actions", ".sl-device-note", "form"):
        assert not page.locator(f".sl-letter-page {hidden}").first.is_visible(), hidden
    page.emulate_media(media="screen")


def check_word(page, text: str) -> None:
    """The Word file: made here, saved under the page's name, the same text read back."""
    with page.expect_download() as download_info:
        page.click("[data-sl-docx]")
    download = download_info.value
    assert download.suggested_filename == page.get_attribute(".sl-letter-page", "data-sl-docx-name")
    document = docx.Document(io.BytesIO(download.path().read_bytes()))
    assert "\n\n".join(p.text for p in document.paragraphs) == text.strip()
    assert document.core_properties.author == ""
    status_says(page, "data-sl-docx-ready")


def test_a_familys_letter_is_filled_in_copied_emailed_printed_and_made_into_word(
    letter_page, built_site, site_url
):
    page, loading, requests = letter_page
    content = shipped_content()
    letter = content.letters[LETTER]
    typed = answers(letter, built_on(built_site))
    # The deadlines' file came with the page, before anything was typed; the Word library not.
    assert site_url + LETTERS_LOOKUP_FILE in loading
    assert site_url + DOCX_LIBRARY not in loading
    type_answers(page, letter, typed)
    page.click("[data-sl-make]")
    box = page.locator("#letter-text")
    assert box.is_visible() and page.evaluate("document.activeElement.id") == "letter-text"
    text = box.input_value()
    # Every answer, and each deadline as the rules give it for the date typed.
    for field_id, value in typed.items():
        for words in words_in_letter(letter.fields[field_id], value):
            assert words in text, (field_id, words)
        assert f"[{letter.fields[field_id].label}]" not in text, field_id
    deadlines = expected_deadlines(content, letter, typed)
    assert deadlines and all(day in text for day in deadlines.values()), (deadlines, text)
    assert letter.title not in text and "Dear Sir or Madam," in text
    # Copy: the whole letter, as shown.
    page.click("[data-sl-copy]")
    status_says(page, "data-sl-copied")
    assert page.evaluate("navigator.clipboard.readText()") == text
    # The family changes the letter: the email, the print and the Word file use the change.
    text = text.rstrip("\n") + "\n\nI can meet you on any weekday morning.\n"
    box.fill(text)
    check_email(page, content, letter, text)
    check_print(page, text)
    check_word(page, text)
    # After the page loaded: the Word library from the site itself, and nothing else (the file
    # itself is a blob: address made in the browser); and nothing kept on the device.
    assert [url for url in requests if not url.startswith("blob:")] == [site_url + DOCX_LIBRARY]
    assert stored(page) == {"local": 0, "session": 0, "cookies": "", "databases": 0, "caches": 0}
    # The Content Security Policy allowed all of it: the library needs no eval, worker or host.
    assert page.evaluate("window.__violations") == []


def test_answers_missing_get_the_forms_error_summary_then_the_letter_with_blanks(letter_page):
    page, _, requests = letter_page
    letter = shipped_content().letters[LETTER]
    title = page.title()
    page.click("[data-sl-make]")
    summary = page.locator("#error-summary")
    assert summary.is_visible() and page.evaluate("document.activeElement.id") == "error-summary"
    required = [field for field in letter.fields.values() if field.required]
    listed = summary.locator("li").all_inner_texts()
    assert len(listed) == len(required)
    assert all(f"“{field.label}”" in item for field, item in zip(required, listed, strict=True))
    assert page.title() == f"Error: {title}"
    # Its link goes to the question, whose message is tied to it.
    summary.locator("a").first.click()
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith(required[0].id)
    assert not page.locator("#letter-text").is_visible()
    # A second press shows the letter with each gap in brackets, to fill in.
    page.click("[data-sl-make]")
    text = page.locator("#letter-text").input_value()
    assert f"[{letter.fields['child-name'].label}]" in text
    assert not summary.is_visible() and page.title() == title
    assert requests == []


def test_a_date_the_deadline_cannot_be_worked_out_from_is_an_error(letter_page, built_site):
    page, _, _ = letter_page
    letter = shipped_content().letters[LETTER]
    (dated,) = [f for f in letter.fields.values() if f.event]
    too_old = add_months(built_on(built_site), -13) - timedelta(days=1)
    type_answers(page, letter, {**answers(letter, built_on(built_site)), dated.id: too_old})
    page.click("[data-sl-make]")
    message = page.locator("#error-summary li").inner_text()
    assert message.startswith(f"{dated.label} must be on or after"), message
    assert page.locator(f"#{dated.id}-day").get_attribute("aria-invalid") == "true"


def test_an_answer_changed_after_the_letter_is_shown_is_said_to_be_left_out(
    letter_page, built_site
):
    page, _, _ = letter_page
    letter = shipped_content().letters[LETTER]
    type_answers(page, letter, answers(letter, built_on(built_site)))
    page.click("[data-sl-make]")
    stale = page.locator("[data-sl-stale]")
    assert stale.inner_text() == ""
    page.fill("#child-name", "Robin Example")
    assert stale.inner_text() == stale.get_attribute("data-sl-stale")
    assert "Robin Example" not in page.locator("#letter-text").input_value()
    page.click("[data-sl-make]")
    assert "Robin Example" in page.locator("#letter-text").input_value()
    assert stale.inner_text() == ""


def test_the_finders_answers_carried_in_the_link_are_ticked(browser, site_url, built_site):
    """Each outcome page's link to its letter carries the finder's answers after #: following
    it ticks them."""
    # One outcome page for each letter and set of answers, by the link's own address.
    outcomes = {}
    for path in sorted(built_site.glob("which-route/questions/**/index.html")):
        html = path.read_text(encoding="utf-8")
        for link in re.findall(r'<a [^>]*class="sl-letter-link"[^>]*>', html):
            href = re.search(r'\shref="([^"]*)"', link)[1]
            if "#" in href:
                outcomes.setdefault(href.lstrip("./"), path)
    assert outcomes, "no outcome page carries the finder's answers to its letter"
    context = browser.new_context()
    try:
        page = context.new_page()
        for path in list(outcomes.values())[:3]:
            page.goto(site_url + path.parent.relative_to(built_site).as_posix() + "/")
            link = page.locator("a.sl-letter-link[href*='#']").first
            fragment = link.get_attribute("href").split("#", 1)[1]
            link.click()
            page.wait_for_load_state("networkidle")
            for name, value in (pair.split("=") for pair in fragment.split("&")):
                assert page.locator(f"input[name='{name}'][value='{value}']").is_checked(), fragment
    finally:
        context.close()


def test_without_javascript_the_letter_shows_with_its_blanks(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + letter_url(LETTER))
        letter = page.locator("#letter")
        assert letter.is_visible()
        blanks = letter.locator(".sl-blank")
        assert blanks.count() >= 5
        for blank in blanks.all():
            words = blank.inner_text()
            assert blank.is_visible() and words.startswith("[") and words.endswith("]"), words
        assert letter.locator("[data-sl-deadline]").count() >= 1
        # Nothing that needs the script: no questions, no box, no buttons.
        assert not page.locator("form.sl-letter-form").is_visible()
        assert not page.locator(".sl-letter-actions").is_visible()
        # On paper: the letter alone, under the council's header.
        page.emulate_media(media="print")
        assert letter.is_visible() and page.locator(".sl-print-header").is_visible()
        for hidden in ("h1", ".sl-lead", "#other-versions", ".sl-attachment"):
            assert not page.locator(f".sl-letter-page {hidden}").first.is_visible(), hidden
    finally:
        context.close()


@pytest.mark.parametrize("state", ["letter", "errors"])
def test_the_page_passes_the_accessibility_checkers_as_the_script_leaves_it(
    browser, site_url, built_site, state, tmp_path
):
    """The site checks see the page as it loads; these are the states the script makes: the
    letter in its box with the buttons, and GOV.UK's error summary with its messages."""
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
    offsite = OffsiteRequests()
    context = new_context(browser, offsite, with_axe=True, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(site_url + letter_url(LETTER))
        page.wait_for_load_state("networkidle")
        if state == "letter":
            letter = shipped_content().letters[LETTER]
            type_answers(page, letter, answers(letter, built_on(built_site)))
        page.click("[data-sl-make]")
        shown = "#letter-text" if state == "letter" else "#error-summary"
        assert page.locator(shown).is_visible()
        name = f"{letter_url(LETTER)} ({state})"
        (tmp_path / f"{state}.html").write_text(page.content(), encoding="utf-8")
        failures = [
            *nu_failures(tmp_path),
            *axe_failures(page, name, "320px"),
            *ibm_failures(page, name),
            *htmlcs_failures(page, name),
            *reflow_failures(page, name, {"width": 320, "height": 640}, "320px"),
            *offsite.failures(),
        ]
        assert failures == [], report(failures)
    finally:
        context.close()
