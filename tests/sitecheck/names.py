"""Checks across the whole site of what names things: page titles, headings and link texts.

Automated checkers look at one page at a time, so they cannot see two pages with one title, a
heading with nothing under it, or one link text leading to two places. These can:

- every page's <title> differs from every other page's (WCAG 2.4.2: a tab or bookmark list
  tells them apart);
- every heading in the main content has text and something under it before the next heading of
  its level or higher (WCAG 1.3.1, 2.4.6);
- a link text, as a screen reader announces it (hidden words included), leads to one place on
  the whole site (WCAG 2.4.4, 3.2.4). A link to a section of the whole guide counts as a link to
  the page that section holds. Two kinds of link are left out, by their class, because their
  words mean something different on each page by design: GOV.UK's "Back" link (sl-back), and
  the finder's answers (sl-option), whose words answer the question on their own page. A
  fragment that carries answers (#field=option) is not a place: such a link leads to its page.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

from . import Failure

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that are content under a heading even with no text of their own.
_CONTENT_ELEMENTS = {"img", "svg", "input", "select", "textarea", "button", "table", "iframe"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip
# Links whose words mean something different on each page (see the module docstring).
_PAGE_RELATIVE_LINKS = {"sl-back", "sl-option"}
GUIDE_PAGE = "guide/"


class _Names(HTMLParser):
    """One page's title, the headings and content of its main part, and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.outline: list[tuple[int, str]] = []  # (heading level, its text) or (0, "") content
        self.links: list[tuple[str, str]] = []  # (href, accessible name)
        self._in_title = False
        self._main = 0
        self._heading: list[str] | None = None
        self._link: list | None = None  # [href, words, depth]
        self._depth = 0
        # While inside something hidden from everyone (hidden, aria-hidden): its depth.
        self._hidden_at: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in _VOID:
            self._depth += 1
        if (
            self._hidden_at is None
            and tag not in _VOID
            and ("hidden" in attributes or attributes.get("aria-hidden") == "true")
        ):
            self._hidden_at = self._depth
        if self._hidden_at is not None:
            return
        if tag == "title":
            self._in_title = True
        elif tag in ("main", "article"):
            self._main += 1
        elif tag in _HEADINGS and self._main:
            self._heading = [tag]
        elif tag in _CONTENT_ELEMENTS and self._main and self._heading is None:
            self.outline.append((0, ""))
        if tag == "a" and attributes.get("href") is not None:
            classes = set((attributes.get("class") or "").split())
            if not classes & _PAGE_RELATIVE_LINKS:
                label = attributes.get("aria-label")
                self._link = [attributes["href"], [label] if label else [], self._depth, label]

    def handle_endtag(self, tag):
        if self._hidden_at is not None:
            if tag not in _VOID and self._depth == self._hidden_at:
                self._hidden_at = None
            if tag not in _VOID:
                self._depth -= 1
            return
        if tag == "title":
            self._in_title = False
        elif tag in ("main", "article") and self._main:
            self._main -= 1
        elif tag in _HEADINGS and self._heading is not None:
            level, text = int(self._heading[0][1]), " ".join("".join(self._heading[1:]).split())
            self.outline.append((level, text))
            self._heading = None
        if tag == "a" and self._link is not None:
            href, words, _, _ = self._link
            self.links.append((href, " ".join("".join(words).split()).lower()))
            self._link = None
        if tag not in _VOID:
            self._depth -= 1

    def handle_data(self, data):
        if self._hidden_at is not None:
            return
        if self._in_title:
            self.title += data
        if self._heading is not None:
            self._heading.append(data)
        elif self._main and data.strip():
            self.outline.append((0, ""))
        if self._link is not None and self._link[3] is None:
            self._link[1].append(data)


def _pages(site: Path) -> dict[str, _Names]:
    """Each page by its address on the site ('' for the home page, 'routes/x/' for a folder's
    page, 'a/b.html' for another file)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        address = name.removesuffix("index.html") if name.endswith("index.html") else name
        parser = _Names()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[address] = parser
    return pages


def _page_name(address: str) -> str:
    return address + "index.html" if address == "" or address.endswith("/") else address


def title_failures(site: Path) -> list[Failure]:
    """Every page whose title another page has too."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for address, page in _pages(site).items():
        by_title[" ".join(page.title.split())].append(address)
    return [
        Failure(
            _page_name(address),
            "page title",
            f"<title>{title}</title>",
            f"{len(addresses)} pages have this title: "
            + ", ".join(_page_name(a) for a in addresses),
        )
        for title, addresses in sorted(by_title.items())
        if len(addresses) > 1
        for address in addresses
    ]


def heading_failures(site: Path) -> list[Failure]:
    """Every heading with no text, or with nothing under it before the next heading of its
    level or higher (or the end of the main content)."""
    failures = []
    for address, page in _pages(site).items():
        outline = page.outline
        for index, (level, text) in enumerate(outline):
            if not level:
                continue
            if not text:
                failures.append(Failure(_page_name(address), "heading", f"<h{level}>", "no text"))
                continue
            following = outline[index + 1][0] if index + 1 < len(outline) else None
            if following is None or 0 < following <= level:
                failures.append(
                    Failure(
                        _page_name(address),
                        "heading",
                        f"<h{level}>{text}</h{level}>",
                        "nothing under it before the next heading",
                    )
                )
    return failures


def _guide_sections(addresses) -> dict[str, str]:
    """{the whole guide's section id: the page address it holds} (macros/guide.section_slug)."""
    return {(a.strip("/").replace("/", "-") or "home"): a for a in addresses if a.endswith("/")}


def _destination(address: str, href: str, sections: dict[str, str]) -> str:
    """Where a link leads: a full address as it is, else the page address and fragment on this
    site, a section of the guide standing for the page it holds."""
    if ":" in href.split("/")[0]:
        return href
    url, fragment = urldefrag(href)
    if "=" in fragment:
        # Answers carried to a page (a finder outcome's link to its letter: #field=option), not a
        # place on it: the link leads to the page.
        fragment = ""
    if url.startswith("/"):
        # From the site's root: only the 404 page, which is served at any address, has these.
        url, address = url.lstrip("/") or ".", ""
    if url:
        folder = address if address.endswith("/") or not address else posixpath.dirname(address)
        target = posixpath.normpath(posixpath.join(folder, url))
        target = "" if target == "." else target + ("/" if url.endswith("/") else "")
    elif address == GUIDE_PAGE and fragment.partition("--")[0] in sections:
        section, _, fragment = fragment.partition("--")
        target = sections[section]
    else:
        # A place on the page the link is on: the same words go to the same place on each page
        # (the skip link, a finder outcome's link to its own deadline).
        return f"(this page)#{fragment}"
    if target == GUIDE_PAGE and fragment.partition("--")[0] in sections:
        section, _, fragment = fragment.partition("--")
        target = sections[section]
    return target + (f"#{fragment}" if fragment else "")


def link_name_failures(site: Path) -> list[Failure]:
    """Every link text that leads to more than one place on the site."""
    pages = _pages(site)
    sections = _guide_sections(pages)
    places: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for address, page in pages.items():
        for href, name in page.links:
            places[name][_destination(address, href, sections)].append(_page_name(address))
    failures = []
    for name, destinations in sorted(places.items()):
        if len(destinations) < 2:
            continue
        found = "; ".join(
            f"{target or 'home'} (from {len(where)} page(s), e.g. {where[0]})"
            for target, where in sorted(destinations.items())
        )
        failures.append(Failure("the site", "link text", repr(name), f"leads to {found}"))
    return failures
