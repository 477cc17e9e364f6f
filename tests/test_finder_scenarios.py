"""Walk the built route finder as a browser without JavaScript would: start at which-route/,
follow the link for each answer, and check the routes on the outcome page (tests/scenarios.yml).
Also checks every route is recommended somewhere and every page of the finder is sound."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, shipped_content
from html_text import main_text, normalise, tags

SCENARIOS = yaml.safe_load((PROJECT / "tests" / "scenarios.yml").read_text(encoding="utf-8"))[
    "scenarios"
]


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def _follow(url: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(url, href))
    return "" if target == "." else target + "/"


def walk(site: Path, answers: list[str]) -> tuple[str, list[tuple[str, dict]]]:
    """Follow the finder from its start page; return the final page's address and its tags."""
    url = "which-route/"
    page_tags = tags(_page_file(site, url))
    start = [a for t, a in page_tags if t == "a" and a.get("class") == "sl-start"]
    assert len(start) == 1, "which-route/ has no single Start now link"
    url = _follow(url, start[0]["href"])
    for answer in answers:
        page_tags = tags(_page_file(site, url))
        links = [a for t, a in page_tags if t == "a" and a.get("data-option") == answer]
        offered = [a["data-option"] for t, a in page_tags if t == "a" and "data-option" in a]
        assert len(links) == 1, f"{url}: no answer {answer!r}; the page offers {offered}"
        url = _follow(url, links[0]["href"])
    return url, tags(_page_file(site, url))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s["description"][:60])
def test_scenario(built_site, scenario):
    url, page_tags = walk(built_site, scenario["answers"])
    recommended = [a["data-route"] for t, a in page_tags if "data-route" in a]
    assert recommended, f"{url} is not an outcome page"
    missing = [r for r in scenario["recommended"] if r not in recommended]
    wrong = [r for r in scenario["not_recommended"] if r in recommended]
    assert (missing, wrong) == ([], []), f"{url} recommends {recommended}"
    cases = {a["data-route"]: a.get("data-case") for t, a in page_tags if "data-route" in a}
    expected_cases = scenario.get("cases", {})
    assert {r: cases.get(r) for r in expected_cases} == expected_cases, url
    text = main_text(_page_file(built_site, url)).lower()
    unsaid = [p for p in scenario.get("must_say", []) if normalise(p).lower() not in text]
    said = [p for p in scenario.get("must_not_say", []) if normalise(p).lower() in text]
    assert (unsaid, said) == ([], []), f"{url}: missing {unsaid}; must not say {said}"
    linked = _internal_links(url, page_tags)
    unlinked = [page for page in scenario.get("links_to", []) if page not in linked]
    wrongly = [page for page in scenario.get("not_links_to", []) if page in linked]
    assert (unlinked, wrongly) == ([], []), f"{url}: no link to {unlinked}; links to {wrongly}"


def _internal_links(url: str, page_tags: list[tuple[str, dict]]) -> set[str]:
    """The site addresses a page links to (not other sites, anchors, email or phone)."""
    elsewhere = ("#", "https:", "mailto:", "tel:")
    return {
        _follow(url, a["href"].split("#")[0])
        for t, a in page_tags
        if t == "a" and a.get("href") and not a["href"].startswith(elsewhere)
    }


def test_every_route_is_recommended_by_some_scenario():
    routes = set(shipped_content().routes)
    recommended = {route for s in SCENARIOS for route in s["recommended"]}
    assert routes - recommended == set()


def test_scenarios_name_only_real_routes():
    routes = set(shipped_content().routes)
    named = {r for s in SCENARIOS for r in s["recommended"] + s["not_recommended"]}
    assert named - routes == set()


def test_finder_pages_are_kept_out_of_search_engines(built_site):
    finder_pages = sorted((built_site / "which-route" / "questions").rglob("index.html"))
    assert finder_pages
    for page in finder_pages:
        robots = [a for t, a in tags(page) if t == "meta" and a.get("name") == "robots"]
        assert robots == [{"name": "robots", "content": "noindex"}], page


def test_every_finder_page_has_back_start_again_and_change_links(built_site):
    for page in sorted((built_site / "which-route" / "questions").rglob("index.html")):
        url = page.parent.relative_to(built_site).as_posix() + "/"
        page_tags = tags(page)
        texts = page.read_text(encoding="utf-8")
        assert any(a.get("class") == "sl-back" for t, a in page_tags), url
        assert ">Start again</a>" in texts, url
        depth = url.removeprefix("which-route/questions/").count("/")  # answers given so far
        changes = texts.count('<span class="sl-visually-hidden"> your answer to:')
        assert changes == depth, f"{url}: {changes} Change links for {depth} answers"


def test_outcomes_with_an_appeal_or_a_tribunal_claim_link_how_to_appeal(built_site):
    """Every outcome page whose situation has an appeal, or a claim that goes (or may go) to the
    tribunal, links the "How to appeal" page; every other outcome page does not."""
    by_title = {o.title: o for o in shipped_content().finder.outcomes}
    seen = {True: 0, False: 0}
    for page in sorted((built_site / "which-route" / "questions").rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if 'class="sl-fits"' not in text:
            continue
        url = page.parent.relative_to(built_site).as_posix() + "/"
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text).group(1)
        situation = by_title[html.unescape(heading)].situation
        expected = situation.appeal != "none" or situation.claim in ("tribunal", "depends")
        assert ("how-to-appeal/" in _internal_links(url, tags(page))) == expected, url
        seen[expected] += 1
    assert seen[True] and seen[False], seen


def test_each_outcome_page_has_its_own_title(built_site):
    """Tabs, history and screen readers tell outcome pages apart by their titles (WCAG 2.4.2):
    each starts with its outcome's title, and no two outcome pages share one, even where
    several paths lead to one outcome."""
    content = shipped_content()
    titles, headings = [], set()
    for page in (built_site / "which-route" / "questions").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="sl-fits"' in text:
            # Titles are escaped like any other text (an apostrophe is &#39;).
            title = html.unescape(re.search(r"<title>(.*?)</title>", text).group(1))
            heading = html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", text).group(1))
            assert title.startswith(heading), (title, heading)
            titles.append(title)
            headings.add(heading)
    assert headings == {o.title for o in content.finder.outcomes}
    assert len(set(titles)) == len(titles) > len(headings)
