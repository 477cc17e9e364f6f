"""Fixes to each built page's HTML, free of any site generator (the MkDocs hooks call them)."""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urljoin

from .markers import CONTENT_START

# Material writes these into every page outside any template block: two hidden checkboxes that
# open its drawer and search, an empty label over the page, and a second skip link. Our header
# replaces all of them, and they fail accessibility checkers (a label with no text, a control
# with two labels), so they are taken out.
_MATERIAL_CONTROLS = re.compile(
    r'<input class="md-toggle"[^>]*>\s*'
    r'|<label class="md-overlay"[^>]*></label>\s*'
    r'|<div data-md-component="skip">.*?</div>\s*',
    re.DOTALL,
)


def remove_material_controls(html: str) -> str:
    """'<input class="md-toggle" id="__drawer"><main>' → '<main>'; everything else stays."""
    return _MATERIAL_CONTROLS.sub("", html)


_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"#][^"]*|#[^"]+)"')


def add_print_addresses(html: str, page_url: str) -> str:
    """Give each link a data-print-href with its full address, printed after it on paper.

    '<a href="../x/">' on 'https://ex.org/g/a/' → '<a data-print-href="https://ex.org/g/x/" …'.
    Only https addresses get one: links within the page, and email and phone links (their text
    is the address), are left. The address is escaped for the attribute like any other text.
    """

    def add(match: re.Match) -> str:
        href = match.group(2)
        if href.startswith("#"):
            return match.group(0)
        address = urljoin(page_url, unescape(href))
        if not address.startswith("https://"):
            return match.group(0)
        return f'<a data-print-href="{escape(address)}"{match.group(1)}href="{href}"'

    return _LINK.sub(add, html)


def with_banner(html: str, banner: str) -> str:
    """The banner at the top of the page's own content (overrides/main.html marks where)."""
    return html.replace(CONTENT_START, banner + CONTENT_START, 1)
