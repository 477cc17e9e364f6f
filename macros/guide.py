"""The whole guide on one page: every family-facing page's main content, in reading order.

Pure functions over each page's content HTML, as the site generator made it (kept as each page
is made: site_outputs.SiteBuild.page_content). In the guide, each page becomes a section: its
ids get the section's prefix so they stay unique, links to other pages in the guide point at
their section, and headings move down a level under the guide's own title. Links to pages
outside it are relative on the guide's web page (a copy of the site on another host stays on
that host) and full addresses in its PDF (which is read away from the site).
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from .markers import CONTENT_END, CONTENT_START
from .urls import ALL_ROUTES, relative_file_url, relative_url

# How a section links a page outside the guide: its site-relative address in, the href out.
OutsideLink = Callable[[str], str]

_ID_ATTRIBUTE = re.compile(r'\b(id|for)="([^"]+)"')
_ID_LIST_ATTRIBUTE = re.compile(r'\b(aria-describedby|aria-labelledby)="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])\b")


@dataclass(frozen=True)
class GuideSection:
    url: str  # site-relative address of the page, e.g. 'routes/mediation/'
    slug: str  # the section's id in the guide, e.g. 'routes-mediation'
    title: str
    html: str


def section_slug(url: str) -> str:
    """'routes/mediation/' → 'routes-mediation'; '' (the home page) → 'home'."""
    return url.strip("/").replace("/", "-") or "home"


def main_content(page_html: str) -> str:
    """A built page's own content, between the markers main.html writes around it (for the
    benchmark's plain build of the same pages)."""
    start = page_html.index(CONTENT_START) + len(CONTENT_START)
    return page_html[start : page_html.index(CONTENT_END, start)]


def _target(page_url: str, href: str) -> tuple[str, str]:
    """Site-relative page address and fragment an href on page_url points to."""
    url, fragment = urldefrag(href)
    if not url:
        return page_url, fragment
    resolved = posixpath.normpath(posixpath.join(page_url, url))
    resolved = "" if resolved == "." else resolved
    if url.endswith("/") and resolved:
        resolved += "/"
    return resolved, fragment


def links_from(page_url: str) -> OutsideLink:
    """Links relative to the page at ``page_url`` (the guide's web page): 'forms/' from
    'guide/' → '../forms/'; a file, 'forms/f/f.pdf' → '../forms/f/f.pdf'."""

    def link(target: str) -> str:
        if target == "" or target.endswith("/"):
            return relative_url(page_url, target)
        return relative_file_url(page_url, target)

    return link


def links_at(site_url: str) -> OutsideLink:
    """Full addresses on the site at ``site_url`` (the guide's PDF)."""
    return lambda target: urljoin(site_url, target)


def rewrite_section(html: str, page_url: str, guide_urls: set[str], outside: OutsideLink) -> str:
    """Make one page's content fit inside the guide (see the module docstring)."""
    prefix = section_slug(page_url) + "--"
    html = _ID_ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', html)
    html = _ID_LIST_ATTRIBUTE.sub(
        lambda m: f'{m.group(1)}="{" ".join(prefix + i for i in m.group(2).split())}"', html
    )

    def link(match: re.Match) -> str:
        href = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):  # https:, mailto:, tel:
            return match.group(0)
        target, fragment = _target(page_url, href)
        if target in guide_urls:
            anchor = section_slug(target) + (f"--{fragment}" if fragment else "")
            return f'href="#{anchor}"'
        return f'href="{outside(target)}{"#" + fragment if fragment else ""}"'

    html = _HREF.sub(link, html)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)


def first_heading(html: str) -> str:
    """The text of the first h1 (or h2, once demoted) in some HTML."""
    match = re.search(r"<h[12]\b[^>]*>(.*?)</h[12]>", html, re.S)
    text = re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""
    return html_lib.unescape(text)  # plain text: templates escape it again


def guide_sections(pages: list[tuple[str, str]], outside: OutsideLink) -> list[GuideSection]:
    """Sections from (url, the page's content HTML) in reading order, each titled by its
    heading; ``outside`` makes the links to pages outside the guide (links_from, links_at)."""
    urls = {url for url, _ in pages}
    sections = []
    for url, page_html in pages:
        html = rewrite_section(page_html, url, urls, outside)
        sections.append(GuideSection(url, section_slug(url), first_heading(html), html))
    return sections


_ID_REFERENCE = re.compile(
    r'\b(?:href="#|for="|headers="|aria-(?:labelledby|describedby|controls)=")([^"]+)"'
)
_ID_ONLY = re.compile(r'\sid="([^"]+)"')


def without_unreferenced_ids(html: str) -> str:
    """Drop each id nothing in the HTML refers to (by link, label, table header or ARIA).

    For the guide's PDF: WeasyPrint 70 checks each id against a list of every id before it, so
    ids made the PDF's layout time grow with the square of the guide's length. At 50 times the
    shipped content the guide had 11,900 ids, of which about 1,100 are link targets. An id that
    nothing refers to does nothing in a PDF.
    '<h3 id="a">A</h3><a href="#b">B</a><p id="b">' → '<h3>A</h3><a href="#b">B</a><p id="b">'.
    """
    referenced = {
        target for match in _ID_REFERENCE.finditer(html) for target in match.group(1).split()
    }
    return _ID_ONLY.sub(lambda m: m.group(0) if m.group(1) in referenced else "", html)


def expand_order(order: list[str], route_urls: list[str]) -> list[str]:
    """The guide's reading order, with 'routes/*' standing for every route page in order."""
    urls: list[str] = []
    for entry in order:
        urls.extend(route_urls if entry == ALL_ROUTES else [entry])
    return urls
