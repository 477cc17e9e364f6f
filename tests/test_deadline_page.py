"""The "Work out your deadlines" page (issue 16), on the built site: the dates it gives in
Chromium with JavaScript on are the rules' dates (macros/deadlines.py), its errors follow GOV.UK's
pattern, nothing leaves the device, and without JavaScript it links its printable list of dates.
Last days that have passed, and what that list covers: tests/test_deadline_passed.py.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import ics
import pytest
from conftest import shipped_content

from macros.components import govuk_day
from macros.deadlines import add_months, lookup_table, work_out
from macros.urls import DATES_LIST_PAGE, DEADLINES_PAGE, LOOKUP_FILE

APPEAL = "#work-out-appeal"
CLAIM = "#work-out-claim"


def built_on(site) -> date:
    return date.fromisoformat(json.loads((site / LOOKUP_FILE).read_text())["built_on"])


def test_the_lookup_file_is_the_rules_for_the_build_date(built_site):
    """The file the page reads is lookup_table's, for the date the site was built."""
    content = shipped_content()
    written = json.loads((built_site / LOOKUP_FILE).read_text(encoding="utf-8"))
    day = built_on(built_site)
    assert written == lookup_table(content.calculations, content.time_limits, day)
    assert abs((day - date.today()).days) <= 1


def type_date(page, field: str, day: date | tuple[str, str, str]) -> None:
    parts = (str(day.day), str(day.month), str(day.year)) if isinstance(day, date) else day
    for name, value in zip(("day", "month", "year"), parts, strict=True):
        page.fill(f"{field}-{name}", value)


@pytest.fixture
def deadline_page(browser, site_url):
    """The page with JavaScript on, recording every request after it loads and every use of
    storage, and with printing recorded instead of done."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + DEADLINES_PAGE)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.evaluate(
        """() => {
          window.printed = 0;
          window.print = () => window.printed++;
        }"""
    )
    yield page, requests
    context.close()


def result_dates(page, section: str) -> dict[str, str]:
    return {
        result.get_attribute("data-sl-time-limit"): result.locator(
            '[data-sl-slot="date"]'
        ).inner_text()
        for result in page.locator(f"{section} .sl-result").all()
    }


def test_the_page_gives_the_rules_dates_for_a_letter_typed_in(deadline_page, built_site):
    """Letter dates across the range, with and without a certificate, give work_out's dates
    (worked out here in Python, not read from the page's file), and the working shows each
    step with its rule and source."""
    page, requests = deadline_page
    content = shipped_content()
    appeal = content.time_limit("appeal-to-the-tribunal")
    adviser = content.time_limit("contact-mediation-adviser")
    claim = content.time_limit("discrimination-claim")
    today = built_on(built_site)
    letters = [today - timedelta(days=n) for n in (0, 17, 40, 95, 200, 380)] + [
        add_months(today, -13)
    ]
    for letter in letters:
        type_date(page, f"{APPEAL}-decision-letter-sent", ("", "", ""))
        type_date(page, f"{APPEAL}-decision-letter-sent", letter)
        type_date(page, f"{APPEAL}-mediation-certificate-issued", ("", "", ""))
        page.click(f"{APPEAL} button[type=submit]")
        expected = {
            "contact-mediation-adviser": work_out(adviser, {"decision-letter-sent": letter}).date,
            "appeal-to-the-tribunal": work_out(appeal, {"decision-letter-sent": letter}).date,
        }
        assert result_dates(page, APPEAL) == {k: govuk_day(v) for k, v in expected.items()}
        assert page.evaluate("document.activeElement.id") == "work-out-appeal-results"
    # A certificate late in the 2 months: the later date counts, and the working says so.
    letter = today - timedelta(days=60)
    issued = letter + timedelta(days=50)
    type_date(page, f"{APPEAL}-decision-letter-sent", letter)
    type_date(page, f"{APPEAL}-mediation-certificate-issued", issued)
    page.click(f"{APPEAL} button[type=submit]")
    worked = work_out(
        appeal, {"decision-letter-sent": letter, "mediation-certificate-issued": issued}
    )
    assert result_dates(page, APPEAL)["appeal-to-the-tribunal"] == govuk_day(worked.date)
    working = page.locator(
        f'{APPEAL} .sl-result[data-sl-time-limit="appeal-to-the-tribunal"] .sl-working li'
    ).all_inner_texts()
    assert len(working) == len(worked.steps)
    assert (
        f"The later of these is {govuk_day(max(s.date for s in worked.steps[:2]))}" in (working[2])
    )
    rules = content.counting_rules
    assert all("Rule: " in step and "Source: " in step for step in working)
    assert rules.later_of.text in working[2] and rules.months.text in working[0]
    # A claim: 6 months starting with the day, never moved for August or Christmas.
    for treatment in (today - timedelta(days=n) for n in (3, 100, 300)):
        type_date(page, f"{CLAIM}-unfair-treatment", treatment)
        page.click(f"{CLAIM} button[type=submit]")
        expected = work_out(claim, {"unfair-treatment": treatment}).date
        assert result_dates(page, CLAIM) == {"discrimination-claim": govuk_day(expected)}
    assert rules.starting_with.text in page.locator(f"{CLAIM} .sl-working").inner_text()
    # Nothing was requested after the page loaded: the dates typed stayed on the device.
    assert requests == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("document.cookie") == ""


def test_an_august_end_shows_the_extension_in_the_working(deadline_page, built_site):
    page, _ = deadline_page
    appeal = shipped_content().time_limit("appeal-to-the-tribunal")
    today = built_on(built_site)
    # A letter dated in June whose 2 months end in August, within the page's range.
    year = today.year if date(today.year, 6, 20) <= today else today.year - 1
    letter = date(year, 6, 20)
    type_date(page, f"{APPEAL}-decision-letter-sent", letter)
    page.click(f"{APPEAL} button[type=submit]")
    worked = work_out(appeal, {"decision-letter-sent": letter})
    working = page.locator(
        f'{APPEAL} .sl-result[data-sl-time-limit="appeal-to-the-tribunal"] .sl-working'
    ).inner_text()
    assert "is in August, so the last day moves to" in working
    assert govuk_day(worked.date) in working and worked.date.month == 9


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("31", "2", "2026"), "Date on the council's decision letter must be a real date"),
        (("", "", ""), "Enter the date on the council's decision letter"),
        (("12", "", "2026"), "Date on the council's decision letter must include a month"),
        (("1", "1", "26"), "Date on the council's decision letter must be a real date"),
        ("future", "Date on the council's decision letter must be today or in the past"),
        ("old", "Date on the council's decision letter must be on or after"),
    ],
)
def test_a_wrong_date_gets_the_govuk_error_pattern(deadline_page, built_site, typed, message):
    page, requests = deadline_page
    today = built_on(built_site)
    if typed == "future":
        typed = today + timedelta(days=2)
    elif typed == "old":
        typed = add_months(today, -13) - timedelta(days=1)
    type_date(page, f"{APPEAL}-decision-letter-sent", typed)
    page.click(f"{APPEAL} button[type=submit]")
    summary = page.locator("#work-out-appeal-errors")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "work-out-appeal-errors"
    assert message in summary.locator("li").inner_text()
    # The message above the date, tied to its group of inputs, after the hint.
    group = page.locator(f"{APPEAL} .sl-date-field").first.locator("fieldset")
    described = group.get_attribute("aria-describedby").split()
    assert described[0] == "work-out-appeal-decision-letter-sent-hint"
    error = page.locator(f"#{described[1]}")
    assert message in error.inner_text() and error.inner_text().startswith("Error:")
    assert not page.locator("#work-out-appeal-results").is_visible()
    # The link in the summary moves focus to the date's first wrong part.
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.closest('fieldset') !== null")
    # Fixed, the error goes and the dates show.
    type_date(page, f"{APPEAL}-decision-letter-sent", today)
    page.click(f"{APPEAL} button[type=submit]")
    assert not summary.is_visible() and page.locator(".sl-error-message").count() == 0
    assert group.get_attribute("aria-describedby") == "work-out-appeal-decision-letter-sent-hint"
    assert requests == []


def test_a_certificate_before_the_decision_is_an_error(deadline_page, built_site):
    page, _ = deadline_page
    today = built_on(built_site)
    type_date(page, f"{APPEAL}-decision-letter-sent", today - timedelta(days=10))
    type_date(page, f"{APPEAL}-mediation-certificate-issued", today - timedelta(days=20))
    page.click(f"{APPEAL} button[type=submit]")
    assert (
        "Date on your mediation certificate must be the same as or after the date on the "
        "decision letter" in page.locator("#work-out-appeal-errors").inner_text()
    )


def test_enter_and_request_submit_send_nothing(deadline_page, site_url):
    page, requests = deadline_page
    url = page.url
    page.locator(f"{CLAIM} input").first.fill("3")
    page.locator(f"{CLAIM} input").first.press("Enter")
    page.evaluate("document.querySelector('#work-out-claim form').requestSubmit()")
    page.wait_for_timeout(200)
    assert page.url == url and requests == []


def test_add_to_calendar_makes_an_ics_file_on_the_device(deadline_page, built_site):
    page, requests = deadline_page
    today = built_on(built_site)
    type_date(page, f"{APPEAL}-decision-letter-sent", today)
    page.click(f"{APPEAL} button[type=submit]")
    with page.expect_download() as download_info:
        page.click(f'{APPEAL} [data-sl-action="calendar"]')
    download = download_info.value
    assert download.suggested_filename == "appeal-deadlines.ics"
    text = download.path().read_bytes().decode("utf-8")
    appeal = shipped_content().time_limit("appeal-to-the-tribunal")
    due = work_out(appeal, {"decision-letter-sent": today}).date
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}\r\n" in text
    assert "SUMMARY:Last day: Appeal to the tribunal\r\n" in text
    assert text.count("BEGIN:VEVENT") == 2
    # RFC 5545: lines of at most 75 octets, longer ones folded onto lines that start with a space.
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert f"DESCRIPTION:{appeal.text.replace(',', chr(92) + ',')}\r\n" in unfolded
    # Each last day has two reminders a calendar can read: 14 days and 3 days before.
    (calendar,) = ics.parse(text)
    events = calendar.children("VEVENT")
    assert calendar.name == "VCALENDAR" and len(events) == 2
    for event in events:
        alarms = event.children("VALARM")
        assert [alarm.value("TRIGGER") for alarm in alarms] == ["-P14D", "-P3D"]
        for alarm in alarms:
            assert ics.DURATION.match(alarm.value("TRIGGER"))
            assert alarm.value("ACTION") == "DISPLAY"
            assert alarm.value("DESCRIPTION") == event.value("SUMMARY")
    page.click(f'{APPEAL} [data-sl-action="print"]')
    assert page.evaluate("window.printed") == 1
    # On paper: the dates with their rules and sources, not the form or the unused claim form.
    page.emulate_media(media="print")
    assert page.locator("#work-out-appeal-results").is_visible()
    assert "Rule: " in page.locator("#work-out-appeal-results").inner_text()
    assert not page.locator(f"{APPEAL} form").is_visible()
    assert not page.locator(CLAIM).is_visible()
    # Only the file made in the browser (a blob: address), nothing from any server.
    assert all(url.startswith("blob:") for url in requests)


def test_without_javascript_the_page_links_the_list_of_dates(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + DEADLINES_PAGE)
        assert not page.locator(f"{APPEAL} form").is_visible()
        link = page.get_by_role("link", name="list of deadlines for each date")
        assert link.is_visible()
        link.click()
        assert page.url == site_url + DATES_LIST_PAGE
    finally:
        context.close()


def test_every_list_of_deadlines_links_once_to_the_form_that_works_them_out(built_site):
    """In each list of time limits on an outcome or route page, the last time limit the deadline
    page works out (the appeal, after contacting the mediation adviser) links to its form there,
    once for each form; nothing else links."""
    content = shipped_content()
    form_of = {}
    for calculation in reversed(content.calculations.values()):
        form_of |= {limit_id: calculation.id for limit_id in calculation.time_limits}
    pages = [
        *built_site.glob("which-route/questions/**/index.html"),
        *built_site.glob("routes/*/index.html"),
    ]
    linked = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for items in re.findall(
            r"<ul[^>]*>\s*((?:<li[^>]*data-time-limit=.*?</li>\s*)+)</ul>", html, re.S
        ):
            seen = set()
            listed = re.findall(r'<li[^>]*data-time-limit="([a-z-]+)">(.*?)</li>', items)
            for limit_id, rest in reversed(listed):
                links = re.findall(r'class="sl-deadline-link" href="([^"]*)"', rest)
                form = form_of.get(limit_id)
                if form is None or form in seen:
                    assert not links, (path, limit_id)
                    continue
                seen.add(form)
                assert len(links) == 1 and links[0].endswith(f"deadlines/#work-out-{form}"), (
                    path,
                    limit_id,
                )
                target = (path.parent / links[0].split("#")[0] / "index.html").resolve()
                assert target == (built_site / DEADLINES_PAGE / "index.html").resolve()
                linked += 1
        if "which-route/questions/decision/no-assessment/index.html" in str(path):
            appeal = re.search(r'data-time-limit="appeal-to-the-tribunal">(.*?)</li>', html)[1]
            assert "Work out your dates" in appeal
    # Every outcome with an appeal or a claim, and each route page that lists one.
    assert linked >= 20


@pytest.mark.parametrize("state", ["results", "errors", "passed"])
def test_the_page_passes_the_accessibility_checkers_with_results_and_with_errors(
    browser, site_url, built_site, state, tmp_path
):
    """The site checks see the page as it loads; these are the states the script makes: the
    dates with their working, GOV.UK's error summary with its messages, and last days that have
    passed with what to do. axe, IBM Equal Access, HTML_CodeSniffer and the Nu HTML checker (on
    the page as the script left it), and no sideways scrolling at 320 px."""
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
        page.goto(site_url + DEADLINES_PAGE)
        page.wait_for_load_state("networkidle")
        today = built_on(built_site)
        if state == "results":
            type_date(page, f"{APPEAL}-decision-letter-sent", today - timedelta(days=70))
            type_date(page, f"{APPEAL}-mediation-certificate-issued", today - timedelta(days=20))
            type_date(page, f"{CLAIM}-unfair-treatment", today - timedelta(days=5))
            page.click(f"{CLAIM} button[type=submit]")
        elif state == "passed":
            type_date(page, f"{APPEAL}-decision-letter-sent", today - timedelta(days=300))
            type_date(page, f"{CLAIM}-unfair-treatment", today - timedelta(days=250))
            page.click(f"{CLAIM} button[type=submit]")
        else:
            type_date(page, f"{APPEAL}-decision-letter-sent", ("31", "2", ""))
            type_date(page, f"{APPEAL}-mediation-certificate-issued", ("40", "1", "2026"))
        page.click(f"{APPEAL} button[type=submit]")
        shown = {
            "results": "#work-out-appeal-results",
            "errors": "#work-out-appeal-errors",
            "passed": "#work-out-appeal-results [data-sl-passed]",
        }[state]
        assert page.locator(shown).is_visible()
        name = f"{DEADLINES_PAGE} ({state})"
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
