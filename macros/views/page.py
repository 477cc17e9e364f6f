"""A page made from content rather than written in docs/: its address, title and HTML."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GeneratedPage:
    url: str  # site-relative, ending in '/', e.g. 'routes/mediation/'
    title: str
    html: str
    # The component template that made it: written on the page for the site checks, which
    # check a sample of each template's pages in the browser (tests/sitecheck/sample.py).
    template: str
    # Finder pages are for one family's answers: kept out of search engines and the menu.
    private: bool = False
    # Extra settings for the theme, e.g. form_page: true to load the print button's script.
    meta: dict = field(default_factory=dict)
