"""Last days that have passed (issue 23): the deadline page says so first, with what the
content says to do (each calculation's when_passed), on a device whose date is fixed; and the
printable list of dates covers every date whose deadline is still open on the day of the build,
worked out from the rules, marking only what has passed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html import unescape

import ics
import pytest
from conftest import shipped_content
from html_text import main_text
from markupsafe import escape
from test_deadline_page import APPEAL, CLAIM, built_on, result_dates, type_date

from macros.components import govuk_day
from macros.deadlines import lookup_range, lookup_table, one_period, work_out
from macros.urls import DATES_LIST_PAGE, DEADLINES_PAGE, LOOKUP_FILE

# The day the problem was found (issue 23): a letter dated 10 January 2026, typed in then.
FOUND_ON = date(2026, 12, 5)


@pytest.fixture
def page_on_5_december_2026(browser, site_url):
    """The page on a device whose date is 5 December 2026 (Playwright's clock: the script reads
    the device's date), with the lookup file a build of that day writes, so the test gives the
    same dates whatever day it runs."""
    content = shipped_content()
    table = lookup_table(content.calculations, content.time_limits, FOUND_ON)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 12, 5, 10, 30))
    page.route(f"**/{LOOKUP_FILE}", lambda route: route.fulfill(json=table))
    page.goto(site_url + DEADLINES_PAGE)
    page.wait_for_load_state("networkidle")
    yield page
    context.close()


def test_a_last_day_that_has_passed_says_so_first_with_what_to_do(page_on_5_december_2026):
    """10 January 2026 gives 10 March 2026: the results open with the calculation's words for a
    passed last day and its next steps, then the appeal's date, then the mediation adviser as
    the first thing to do; nothing passed goes in a calendar."""
    page = page_on_5_december_2026
    appeal = shipped_content().calculations["appeal"]
    type_date(page, f"{APPEAL}-decision-letter-sent", ("10", "1", "2026"))
    page.click(f"{APPEAL} button[type=submit]")
    results = page.locator("#work-out-appeal-results")
    assert page.evaluate("document.activeElement.id") == "work-out-appeal-results"
    # First after the results' heading: the last day has passed, and what to do now.
    first = results.locator(":scope > h3 + *")
    assert first.get_attribute("data-sl-passed") is not None and first.is_visible()
    said = " ".join(first.inner_text().split())
    passed = appeal.when_passed
    assert said.startswith(f"{passed.heading} The last day was Tuesday 10 March 2026.")
    for words in (passed.summary, passed.weighs, *passed.what_to_do):
        assert words in said
    assert first.get_by_role("link", name="Get advice from SENDIASS").is_visible()
    # Then the appeal's date, then the first thing to do, each marked passed.
    shown = results.locator(".sl-result")
    assert [r.get_attribute("data-sl-time-limit") for r in shown.all()] == appeal.time_limits
    assert result_dates(page, APPEAL) == {
        "appeal-to-the-tribunal": "Tuesday 10 March 2026",
        "contact-mediation-adviser": "Tuesday 10 March 2026",
    }
    step = appeal.first_step
    adviser = shown.nth(1)
    assert adviser.locator("h4").inner_text().startswith(f"{step.label}: ")
    assert step.not_needed in adviser.inner_text() and step.if_passed in adviser.inner_text()
    assert all(r.locator("[data-sl-passed-note]").is_visible() for r in shown.all())
    assert not results.locator('[data-sl-action="calendar"]').is_visible()
    # 5 October 2026: the adviser's last day (Friday 4 December) has passed, the appeal's
    # (Monday 7 December, after the weekend) has not. Only the adviser's is marked.
    type_date(page, f"{APPEAL}-decision-letter-sent", ("5", "10", "2026"))
    page.click(f"{APPEAL} button[type=submit]")
    assert not first.is_visible()
    assert not shown.nth(0).locator("[data-sl-passed-note]").is_visible()
    assert adviser.locator("[data-sl-passed-note]").is_visible()
    with page.expect_download() as download_info:
        page.click(f'{APPEAL} [data-sl-action="calendar"]')
    (calendar,) = ics.parse(download_info.value.path().read_bytes().decode("utf-8"))
    (event,) = calendar.children("VEVENT")
    assert event.value("DTSTART") == "20261207"
    # On its last day a date has not passed: Friday 4 December, a letter of 4 October.
    page.clock.set_fixed_time(datetime(2026, 12, 4, 16, 59))
    type_date(page, f"{APPEAL}-decision-letter-sent", ("4", "10", "2026"))
    page.click(f"{APPEAL} button[type=submit]")
    assert result_dates(page, APPEAL)["appeal-to-the-tribunal"] == "Friday 4 December 2026"
    assert not first.is_visible() and not page.locator("[data-sl-passed-note]").first.is_visible()
    # A claim whose last day has passed gets the claim's own words.
    type_date(page, f"{CLAIM}-unfair-treatment", ("10", "1", "2026"))
    page.click(f"{CLAIM} button[type=submit]")
    claim = page.locator("#work-out-claim-results [data-sl-passed]")
    assert claim.is_visible()
    assert shipped_content().calculations["claim"].when_passed.heading in claim.inner_text()


def test_the_printable_list_covers_every_date_still_open_and_marks_what_has_passed(built_site):
    """Each table lists exactly the dates, newest first, whose last day for one of its time
    limits is on or after the build's date: found here by working out every date the page can
    (13 months), not with the page's own function. Each cell is work_out's date, marked passed
    only if it is before the build's date. The page says when it was worked out, and what to do
    if a date is not listed without sending the family back to the page that needs JavaScript."""
    content = shipped_content()
    day = built_on(built_site)
    page = built_site / DATES_LIST_PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f"on {day.day} {day:%B %Y}" in main_text(page)
    every_day = [day - timedelta(days=n) for n in range((day - lookup_range(day)[0]).days + 1)]
    tables = re.findall(r"<table.*?</table>", html, re.S)
    expected = [
        (question.event, [t for t in calculation.time_limits if t in from_event(question.event)])
        for calculation in content.calculations.values()
        for question in calculation.dates
    ]
    assert len(tables) == len(expected) == 3
    for table, (event, limit_ids) in zip(tables, expected, strict=True):
        limits = [one_period(content.time_limit(t), event) for t in limit_ids]
        ends = {
            start: [work_out(lim, {event: start}).date for lim in limits] for start in every_day
        }
        still_open = [start for start in every_day if max(ends[start]) >= day]
        # One run of days back from the build's, as the deadlines only move later with the date.
        assert still_open == every_day[: len(still_open)], event
        rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table)
        assert [unescape(r[0]) for r in rows] == [govuk_day(d) for d in still_open], event
        for (_, cells), start in zip(rows, still_open, strict=True):
            found = [
                unescape(re.sub("<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", cells)
            ]
            assert found == [
                govuk_day(end) + (" (passed)" if end < day else "") for end in ends[start]
            ]
    # About 2 months of letters, 1 of certificates and 6 of unfair treatment, from the rules.
    claims = re.findall(r'<tr><th scope="row">', tables[2])
    assert len(claims) > 170
    listed = html[html.index('class="sl-dates-list"') : html.index('id="rules"')]
    assert 'href="../"' not in listed and "javascript" not in listed.lower()
    for calculation in content.calculations.values():
        assert f'href="#{calculation.id}-passed"' in listed
        assert (
            f'<h2 id="{calculation.id}-passed">{escape(calculation.when_passed.heading)}</h2>'
            in listed
        )


def from_event(event: str) -> set[str]:
    """The time limits with a period counting from ``event``."""
    return {
        limit.id
        for limit in shipped_content().time_limits.values()
        if any(period.counts_from == event for period in limit.rule.periods)
    }
