"""The "How to appeal" page (content/national/appeal-guide.yml, macros/appeal_guide.py): the
page rendered in-process and as built, and the links to it from route pages and every finder
outcome with an appeal or a claim to the tribunal. Its broken-content cases are in
tests/fixtures/broken/appeal-guide-*; the built outcome pages' links are checked in
tests/test_finder_scenarios.py."""

from __future__ import annotations

import re

import pytest
from conftest import COUNCIL_FOLDERS, SHIPPED_COUNCIL, loaded_council, shipped_content
from html_text import main_text

from macros.appeal_guide import appeal_guide_view
from macros.components import make_environment, render
from macros.contradictions import outcome_pages, placeholder_pdfs
from macros.records import Situation
from macros.views.routes import route_pages

PAGE = "how-to-appeal/"
COUNCILS = sorted(folder.name for folder in COUNCIL_FOLDERS.iterdir() if folder.is_dir())


@pytest.fixture(scope="module")
def env():
    return make_environment()


@pytest.fixture(scope="module")
def page_html(env) -> str:
    return render(env, "appeal_guide.html", **appeal_guide_view(shipped_content(), PAGE))


def has_appeal_or_tribunal_claim(situation: Situation) -> bool:
    """An appeal of any kind, or a claim that goes (or, 'depends', may go) to the tribunal."""
    return situation.appeal != "none" or situation.claim in ("tribunal", "depends")


def guide_links(html: str) -> list[str]:
    return re.findall(r'<a (?:class="sl-appeal-guide" )?href="((?:\.\./)*how-to-appeal/)">', html)


# --- Links to the page ---


@pytest.mark.parametrize("council", COUNCILS)
def test_every_outcome_with_an_appeal_or_a_tribunal_claim_links_the_page_and_no_other(env, council):
    content = loaded_council(COUNCIL_FOLDERS / council).content
    expected, found = {}, {}
    for outcome_id, (outcome, html) in outcome_pages(content, env).items():
        expected[outcome_id] = has_appeal_or_tribunal_claim(outcome.situation)
        found[outcome_id] = len(guide_links(html))
    assert found == {o: int(linked) for o, linked in expected.items()}
    assert any(expected.values()) and not all(expected.values())


def test_the_link_on_an_outcome_sits_beside_the_appeal_or_claim_deadline(env):
    """Outcome pages have a phone height budget: the link is one short line in the deadline it
    belongs to (the appeal's, or the claim's), not a section of its own."""
    pages = outcome_pages(shipped_content(), env)
    link = re.compile(r'<br><a class="sl-appeal-guide" href="(\.\./)+how-to-appeal/">')
    for outcome_id, limit_id in (
        ("refuse-assess", "appeal-to-the-tribunal"),
        ("section-i", "appeal-to-the-tribunal"),
        ("discrimination-school", "discrimination-claim"),
    ):
        _, html = pages[outcome_id]
        item = re.search(rf'<li id="deadline-{limit_id}"[^>]*>.*?</li>', html, re.S).group(0)
        assert link.search(item) and html.count("how-to-appeal/") == 1, outcome_id
    assert len(shipped_content().appeal_guide.link_text) <= 35


def test_an_outcome_with_no_deadlines_still_links_the_page(env):
    pages = outcome_pages(shipped_content(), env)
    outcome, html = pages["appeal-deadline-passed"]
    assert outcome.situation.appeal == "late" and 'id="deadlines"' not in html
    assert len(guide_links(html)) == 1
    assert '<p><a class="sl-appeal-guide" href="../../../../how-to-appeal/">' in html


def test_the_routes_that_end_in_an_appeal_or_a_claim_link_the_page(env):
    content = shipped_content()
    pages = {p.url: p.html for p in route_pages(content, env, placeholder_pdfs(content))}
    linking = {url for url, html in pages.items() if guide_links(html)}
    assert linking == {
        "routes/tribunal-appeal/",
        "routes/extended-appeal/",
        "routes/discrimination-claim/",
        "routes/mediation-advice/",
    }


# --- The page, rendered in-process ---


def test_the_page_shows_each_part_under_its_heading_in_order(page_html):
    guide = shipped_content().appeal_guide
    headings = re.findall(r'<h2 id="([a-z-]+)">([^<]+)</h2>', page_html)
    assert headings == [(p.id, p.heading) for p in guide.parts] + [
        ("sources", "Where this information comes from")
    ]
    assert page_html.count("<h1>") == 1 and f"<h1>{guide.title}</h1>" in page_html


def test_the_forms_are_named_and_the_gov_uk_guides_linked(page_html):
    for name in ("SEND35A", "SEND35", "SEND4A", "SEND4B", "SEND26A or SEND26B"):
        assert f"<strong>{name}</strong>:" in page_html, name
    assert '<a href="https://www.gov.uk/appeal-ehc-plan-decision">' in page_html
    assert '<a href="https://www.gov.uk/complain-about-school/disability-discrimination">' in (
        page_html
    )


def test_the_deadlines_link_the_deadline_page_for_an_appeal_and_a_claim(page_html):
    deadline = page_html.split('<h2 id="deadline">')[1].split("<h2")[0]
    pairs = (("appeal-to-the-tribunal", "appeal"), ("discrimination-claim", "claim"))
    for limit_id, calculation in pairs:
        item = re.search(rf'<li data-time-limit="{limit_id}">.*?</li>', deadline, re.S).group(0)
        assert f'href="../deadlines/#work-out-{calculation}"' in item, limit_id


def test_the_steps_are_numbered_headings_each_with_its_usual_time(page_html):
    content = shipped_content()
    part = next(p for p in content.appeal_guide.parts if p.numbered)
    steps = page_html.split(f'<h2 id="{part.id}">')[1].split('<ol class="sl-steps">')[1]
    steps = steps.split("</ol>")[0]
    titles = re.findall(r'<h3 class="sl-steps__title" id="[a-z-]+">([^<]+)</h3>', steps)
    assert titles == [point.title for point in part.points]
    for point in part.points:
        for limit_id in point.time_limits:
            assert f'<p data-time-limit="{limit_id}">' in steps, limit_id
            limit = content.time_limit(limit_id)
            # A usual time is not a legal limit: the words say so, and it comes from IPSEA.
            assert limit.rule.meaning == "usually" and "IPSEA" in limit.source.citation
            assert re.search(r"\busually\b|\boften\b", limit.text), limit_id


def test_the_upper_tribunal_deadline_is_gov_uks(page_html):
    limit = shipped_content().time_limit("upper-tribunal-permission")
    assert (limit.rule.meaning, limit.rule.who_acts) == ("act-by", "you")
    assert [(p.length, p.unit) for p in limit.rule.periods] == [(28, "days")]
    assert limit.source.url == "https://www.gov.uk/appeal-ehc-plan-decision/if-you-lose-your-appeal"
    assert 'data-time-limit="upper-tribunal-permission"' in page_html.split('id="if-you-lose"')[1]


def test_every_source_is_listed_once_with_the_day_it_was_read(page_html):
    content = shipped_content()
    listed = re.findall(r"<li>(?:<a [^>]*>)?([^<]+)", page_html.split('id="sources"')[1])
    assert len(listed) == len(set(listed))
    for part in content.appeal_guide.parts:
        for point in part.points:
            for source in point.sources:
                assert source.citation.replace("'", "&#39;") in listed, source.citation
    assert "We read the GOV.UK and advice pages on 5 December 2026." in page_html


def test_the_online_service_and_the_new_appeals_address_are_not_named(page_html):
    """No official name or address was found for the online service, and the address for new
    appeals is only on advice pages (national-bodies-2026-12.md): neither is published."""
    assert "send@justice.gov.uk" not in page_html
    links = re.findall(r'href="(https://[^"]+)"', page_html)
    assert not [link for link in links if "justice.gov.uk" in link or "hmcts" in link]


def test_the_content_writes_no_period_of_time_outside_the_time_limits():
    warnings = loaded_council(SHIPPED_COUNCIL).warnings
    assert [str(w) for w in warnings if w.file.endswith("appeal-guide.yml")] == []


# --- The built page ---


def test_the_built_page_is_in_the_menu_the_a_to_z_and_the_whole_guide(built_site):
    page = built_site / PAGE / "index.html"
    text = main_text(page)
    assert "How to send an appeal or claim to the tribunal" in text
    assert "SEND35A" in text and "What happens next" in text
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="how-to-appeal/"' in home
    assert 'href="../how-to-appeal/"' in (built_site / "a-to-z" / "index.html").read_text(
        encoding="utf-8"
    )
    guide = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'id="how-to-appeal"' in guide and 'id="how-to-appeal--what-happens-next"' in guide
