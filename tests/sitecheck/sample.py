"""Which pages the browser checks: a sample that covers every page's signature.

Accessibility faults that axe, IBM Equal Access, HTML_CodeSniffer, the keyboard walk, zoom and
the no-JavaScript load find come from templates, components and the theme, not from the words in
them. Most pages are one of four templates filled with different content, so checking all of
them in a browser repeats the same checks on the same markup. A page's signature is its template
and the set of components (our ``sl-`` classes), controls (element types, input types, roles)
and ARIA attributes in its body. The sample is:

- every hand-written page (each is its own template);
- the largest and the smallest page of each generated template;
- then, largest first, every page whose signature no page already in the sample covers.

Page A covers page B when both come from the same template and A has every component, control
and attribute that B has. ``uncovered`` is what the site checks assert on: any page the browser
did not check must be covered by one it did.

Checks where the content alone can break a page (links, the Nu checker, ``lang``, the skip
link's target, other hosts, reading level, reflow at 320 px) run on every page elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# The template of a generated page is written on its main content (overrides/main.html).
TEMPLATE_ATTRIBUTE = "data-sl-template"
HAND_WRITTEN = "page"

# Elements that bring behaviour or structure of their own to a page; other elements (p, h2,
# li...) are styled text that the component classes already stand for.
_CONTROLS = {
    "a", "audio", "button", "canvas", "details", "dialog", "dl", "embed", "fieldset", "form",
    "iframe", "img", "input", "label", "meter", "object", "ol", "output", "picture", "progress",
    "script", "select", "summary", "svg", "table", "textarea", "ul", "video",
}  # fmt: skip
# Attributes whose presence changes how a page behaves or is announced, whatever their value.
_ATTRIBUTES = {"tabindex", "hidden", "inert", "contenteditable", "download", "target", "style"}


@dataclass(frozen=True)
class Signature:
    template: str
    features: frozenset[str]

    def covers(self, other: Signature) -> bool:
        return self.template == other.template and self.features >= other.features


@dataclass(frozen=True)
class BuiltPage:
    url: str  # as page_urls gives it: '', 'routes/mediation/', '404.html'
    size: int  # bytes of HTML: the largest and smallest of a template are always checked
    signature: Signature


class _SignatureParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.template: str | None = None
        self.features: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if not self.in_body:
            return
        attributes = dict(attrs)
        if TEMPLATE_ATTRIBUTE in attributes:
            self.template = attributes[TEMPLATE_ATTRIBUTE]
        if tag in _CONTROLS:
            self.features.add(f"<{tag}>")
        if tag in ("input", "button") and attributes.get("type"):
            self.features.add(f"<{tag} type={attributes['type']}>")
        if attributes.get("role"):
            self.features.add(f"role={attributes['role']}")
        for name in attributes:
            if name.startswith("aria-") or name in _ATTRIBUTES:
                self.features.add(f"[{name}]")
        for name in (attributes.get("class") or "").split():
            if name.startswith(("sl-", "md-")):
                self.features.add(f".{name}")


def signature(html: str, url: str) -> Signature:
    """A page's template and features, from its HTML. A page with no template attribute is
    hand-written, and only its own earlier build can cover it."""
    parser = _SignatureParser()
    parser.feed(html)
    template = parser.template or f"{HAND_WRITTEN}:{url}"
    return Signature(template, frozenset(parser.features))


def built_pages(site: Path) -> list[BuiltPage]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        html = path.read_text(encoding="utf-8")
        pages.append(BuiltPage(url, len(html.encode("utf-8")), signature(html, url)))
    return pages


def is_hand_written(page: BuiltPage) -> bool:
    return page.signature.template.startswith(f"{HAND_WRITTEN}:")


def choose_sample(pages: list[BuiltPage], already_checked: list[BuiltPage] = ()) -> list[str]:
    """The URLs to check in the browser, in site order.

    ``already_checked`` is another site's sample (the first council's): a page it covers is
    not checked again, so a second council brings only what is new in its pages.
    """
    chosen: list[BuiltPage] = []
    if not already_checked:
        chosen += [page for page in pages if is_hand_written(page)]
        for template in sorted({page.signature.template for page in pages}):
            of_template = sorted(
                (page for page in pages if page.signature.template == template),
                key=lambda page: (page.size, page.url),
            )
            chosen += [of_template[0], of_template[-1]]
    by_most_features = sorted(
        pages, key=lambda page: (-len(page.signature.features), -page.size, page.url)
    )
    for page in by_most_features:
        if not _covered(page, [*already_checked, *chosen]):
            chosen.append(page)
    chosen_urls = {page.url for page in chosen}
    return [page.url for page in pages if page.url in chosen_urls]


def _covered(page: BuiltPage, by: list[BuiltPage]) -> bool:
    return any(other.signature.covers(page.signature) for other in by)


def uncovered(pages: list[BuiltPage], checked: list[BuiltPage]) -> list[str]:
    """Every page whose signature no checked page covers, with what it has that they lack."""
    problems = []
    for page in pages:
        if _covered(page, checked):
            continue
        same_template = [c for c in checked if c.signature.template == page.signature.template]
        seen = frozenset().union(*(c.signature.features for c in same_template))
        new = sorted(page.signature.features - seen) or [
            "a combination of features no checked page of its template has"
        ]
        problems.append(
            f"{page.url or '/'} ({page.signature.template}): not covered by any page the "
            f"browser checked; new: {', '.join(new)}"
        )
    return problems
