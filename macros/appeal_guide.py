"""The "How to appeal" page (content/national/appeal-guide.yml), and the link to it from route
pages and finder outcomes.

Pure: content in, plain dicts out for the templates. Which pages link to it is data: the routes
the guide names, and every finder outcome whose situation fits one of its ``outcomes``.
"""

from __future__ import annotations

from .content import Content
from .deadline_pages import calculator_links
from .records import GuidePart, Situation, Source
from .urls import APPEAL_GUIDE_PAGE, SENDIASS_PAGE, relative_url


def guide_link(content: Content, from_url: str) -> dict:
    """The link to the page, as seen from the page at ``from_url``."""
    return {
        "text": content.appeal_guide.link_text,
        "url": relative_url(from_url, APPEAL_GUIDE_PAGE),
    }


def link_for_outcome(
    content: Content, situation: Situation, shown: list[str], from_url: str
) -> dict | None:
    """The link for a finder outcome in this situation, or None where there is no appeal or
    claim to the tribunal. It sits beside the first of the deadlines ``shown`` that the page
    itself lists (the appeal's or the claim's: ``beside``, its id), so it costs the outcome, which
    has a phone height budget, one line; with none of them shown, it is a line of its own."""
    if not content.appeal_guide.links_from(situation):
        return None
    listed = {t for part in content.appeal_guide.parts for t in part.time_limits}
    beside = next((t for t in shown if t in listed), None)
    return guide_link(content, from_url) | {"beside": beside}


def link_for_route(content: Content, route_id: str, from_url: str) -> dict | None:
    """The link for a route's page, or None for a route the guide does not name."""
    if route_id not in content.appeal_guide.routes:
        return None
    return guide_link(content, from_url)


def _part_view(content: Content, part: GuidePart, here: str) -> dict:
    calculator = calculator_links(content, part.time_limits, here)
    return {
        "part": part,
        "time_limits": [
            {"limit": content.time_limit(t), "calculator": calculator.get(t)}
            for t in part.time_limits
        ],
        "points": [
            {"point": point, "time_limits": [content.time_limit(t) for t in point.time_limits]}
            for point in part.points
        ],
        "contacts": [content.provider(p) for p in part.contacts],
    }


def _sources(content: Content) -> list[Source]:
    """Every source of the page once, in the order its facts appear: each part's points and
    their time limits, then the part's time limits and its own sources."""
    found: list[Source] = []
    for part in content.appeal_guide.parts:
        found += [content.time_limit(t).source for t in part.time_limits]
        for point in part.points:
            found += point.sources + [content.time_limit(t).source for t in point.time_limits]
        found += part.sources
    return list(dict.fromkeys(found))


def appeal_guide_view(content: Content, here: str) -> dict:
    """What the page shows: its parts in order, then every source once."""
    guide = content.appeal_guide
    return {
        "guide": guide,
        "parts": [_part_view(content, part, here) for part in guide.parts],
        "sources": _sources(content),
        "links": {"sendiass": relative_url(here, SENDIASS_PAGE)},
    }
