"""Markdown from content, made into HTML that can hold only what an allow-list lets through.

Content fields typed as Markdown are the only content that becomes HTML rather than escaped
text. Python-Markdown has many ways to write a link (inline, reference definitions anywhere,
even inside a quote or a list item, autolinks, targets split by a tab or a line break, HTML
entities), so no pattern over the source can find every link. Both the loader's check and the
page therefore read the links Markdown actually made:

- ``unsafe_links`` lists the targets the allow-list refuses, so the loader can name the file
  and line at `make check` (records/fields.py);
- ``sanitised_html`` is the only way Markdown reaches a page (components.render_markdown): nh3
  (the Ammonia sanitiser) keeps the allowed tags and attributes and drops every other one, and
  every link target the allow-list refuses, so whatever the loader missed cannot run.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3

# What a Markdown field may turn into: paragraphs, emphasis, lists, line breaks, code and
# links. No images (they would load from another site), no headings (they would break the
# page's heading order), no raw HTML.
ALLOWED_TAGS = frozenset({"p", "a", "em", "strong", "ul", "ol", "li", "br", "code"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Links may go to https: addresses, email addresses and phone numbers, or within this site.
ALLOWED_SCHEMES = frozenset({"https", "mailto", "tel"})
# What a browser removes from a link before reading it (the WHATWG URL standard): every tab and
# line break anywhere, and control characters and spaces at either end. 'java\tscript:' is
# 'javascript:' to a browser.
_REMOVED_ANYWHERE = re.compile(r"[\t\n\r]")
_CONTROLS_AND_SPACE = "".join(chr(code) for code in range(0x21))

_markdown = markdown_lib.Markdown()


def allowed_link(target: str) -> bool:
    """Whether a link target (as the browser will read it) is on the allow-list.

    'https://www.gov.uk' → True; 'tel:+441134960000' → True; '../routes/' → True;
    'javascript:alert(1)', 'java\\tscript:x', '//other.example/', '/\\other.example' → False.
    """
    cleaned = _REMOVED_ANYWHERE.sub("", target).strip(_CONTROLS_AND_SPACE)
    # A backslash is a slash to a browser ('/\\host' is '//host': another site). No address
    # holds a space or a control character ('java    script:' is a tab Markdown widened).
    if "\\" in cleaned or any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in cleaned):
        return False
    parts = urlsplit(cleaned)
    if parts.scheme:
        return parts.scheme.lower() in ALLOWED_SCHEMES and (
            parts.scheme.lower() != "https" or bool(parts.netloc)
        )
    # Relative: within this site, never '//host' (another site, by the page's own scheme).
    return not parts.netloc and not cleaned.startswith("//")


def markdown_html(text: str) -> str:
    """Python-Markdown's HTML for the text, before it is sanitised."""
    return _markdown.reset().convert(text)


class _LinkTargets(HTMLParser):
    """Every href and src in a piece of HTML, with its character references decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [value or "" for name, value in attrs if name in ("href", "src")]


def unsafe_links(text: str) -> list[str]:
    """The link and image targets in the Markdown's HTML that the allow-list refuses.

    '> [r]: javascript:alert(1)\\n\\n[x][r]' → ['javascript:alert(1)'].
    """
    parser = _LinkTargets()
    parser.feed(markdown_html(text))
    parser.close()
    return [target for target in parser.targets if not allowed_link(target)]


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src"):
        return value if allowed_link(value) else None
    return value


def sanitised_html(text: str) -> str:
    """The Markdown as HTML, with only the allowed tags, attributes and link targets kept.

    '[x](javascript:alert(1)) *y*' → '<p><a>x</a> <em>y</em></p>'.
    """
    return nh3.clean(
        markdown_html(text),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        attribute_filter=_keep_attribute,
        link_rel=None,
        strip_comments=True,
    )
