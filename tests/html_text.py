"""Small readers for built HTML pages, using only the standard library."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


class _ArticleText(HTMLParser):
    """Collects the text inside <article> (the page's main content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID and (self.depth or tag == "article"):
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag not in _VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


def normalise(text: str) -> str:
    """Collapse whitespace and unify apostrophes, so phrases match across line breaks."""
    return re.sub(r"\s+", " ", html.unescape(text).replace("\u2019", "'")).strip()


def main_text(page: Path) -> str:
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return normalise(" ".join(parser.parts))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: Path) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag on the page with its attributes, in order."""
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
