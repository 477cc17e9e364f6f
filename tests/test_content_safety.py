"""Content reaches a page only through an escaping template or the allow-list sanitiser (issue 25).

Each test here is one way an editor of a council's folder got script or a remote image onto
pages, fixed where the mechanism was: a site address written unescaped into an attribute, a
council's name read as Markdown by the pages in docs/, Markdown links the loader's pattern did
not see (which then stopped `make site` with a traceback). The browser-level walls are in
tests/test_csp.py (the Content Security Policy) and tests/test_hostile_crawl.py (a whole site
built from hostile content).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from conftest import PROJECT, SHIPPED, shipped_content
from jinja2 import Environment, StrictUndefined
from markupsafe import escape

from macros.components import make_environment, render_markdown
from macros.content import load_content
from macros.errors import ContentErrors
from macros.fragments import HeldFragments
from macros.html_fixes import add_print_addresses
from macros.markdown_safety import allowed_link, sanitised_html, unsafe_links
from macros.page_macros import ARGUMENT_MACROS, page_macros
from macros.records import MarkdownText

DOCS = PROJECT / "docs"


class _Markup(HTMLParser):
    """Every start tag with its attributes, to look for what could run or load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def active_markup(html: str) -> list[str]:
    """What in the HTML could run script or load from elsewhere: event handler attributes, links
    other than https:, mailto:, tel: or within the site, images, scripts other than JSON data."""
    parser = _Markup()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        found += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
        if "href" in attrs and not allowed_link(attrs["href"]):
            found.append(f"<{tag} href={attrs['href']!r}>")
        if tag in ("img", "iframe", "object", "embed") or "src" in attrs:
            found.append(f"<{tag} src={attrs.get('src', '')!r}>")
        if tag == "script" and attrs.get("type") not in ("application/ld+json",):
            found.append("<script>")
    return found


# --- Case 1: the site address went into data-print-href="..." as typed ---

BREAKOUT_ADDRESS = 'https://www.example.org/"><svg/onload=alert(document.domain)>/'


def test_a_site_address_with_markup_is_rebuilt_when_loaded(content_copy):
    site = content_copy / SHIPPED / "site.yml"
    text = site.read_text(encoding="utf-8")
    old = "site_address: https://www.example.org/local-offer/send-disagreements/\n"
    assert text.count(old) == 1
    site.write_text(text.replace(old, f"site_address: '{BREAKOUT_ADDRESS}'\n"), encoding="utf-8")

    council = load_content(content_copy / SHIPPED).content.site.council

    assert (
        council.site_address
        == "https://www.example.org/%22%3E%3Csvg/onload=alert(document.domain)%3E/"
    )


def test_a_print_address_is_escaped_in_its_attribute():
    """Even from an address that was never rebuilt: the attribute is escaped as it is written."""
    html = add_print_addresses('<a href="routes/">Routes</a>', BREAKOUT_ADDRESS)
    assert active_markup(html) == []
    assert html == (
        '<a data-print-href="https://www.example.org/&quot;&gt;&lt;svg/onload=alert(document.domain)'
        '&gt;/routes/" href="routes/">Routes</a>'
    )


def test_only_https_links_get_a_print_address():
    html = add_print_addresses(
        '<a href="mailto:a@example.org">a</a><a href="JavaScript:x">b</a><a href="#top">c</a>',
        "https://www.example.org/guide/",
    )
    assert "data-print-href" not in html


# --- Case 2: the council's name was Markdown on the pages in docs/ ---

# One line each: '*x*{: ...}' is attr_list's inline form, so no line break is needed.
HOSTILE_NAMES = [
    "*Kent*{: onmouseover=alert(1) }",
    "[Kent County Council](javascript:alert(2))",
    "Kent ![logo](https://other.example/tracker.png)",
    "Kent\n{: onmouseover=alert(3) }\nCouncil",
]


class _MkDocsYaml(yaml.SafeLoader):
    """mkdocs.yml, with its !ENV values read as nothing."""


_MkDocsYaml.add_multi_constructor("!", lambda loader, suffix, node: None)
MKDOCS_EXTENSIONS = [
    e if isinstance(e, str) else next(iter(e))
    for e in yaml.load((PROJECT / "mkdocs.yml").read_text(), _MkDocsYaml)["markdown_extensions"]
]


def _docs_page_html(page: str, council_name: str, held: bool) -> str:
    """A page of docs/ made as a build makes it: its macros (held out of Markdown, as
    macros/__init__.py registers them, or not), Markdown with mkdocs.yml's extensions, then the
    held HTML put back (mkdocs_hooks.on_page_content)."""
    content = shipped_content()
    council = content.site.council.model_copy(update={"name": council_name})
    content = dataclasses.replace(
        content, site=content.site.model_copy(update={"council": council})
    )
    macros = page_macros(content, make_environment(), {}, lambda: "", [], date(2026, 12, 1))
    fragments = HeldFragments()
    if held:
        macros = fragments.held_macros(macros, ARGUMENT_MACROS)
    source = (DOCS / page).read_text(encoding="utf-8")
    rendered = Environment(undefined=StrictUndefined).from_string(source).render(**macros)
    return fragments.restore(markdown.markdown(rendered, extensions=MKDOCS_EXTENSIONS))


@pytest.mark.parametrize("page", ["index.md", "privacy.md"])
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_council_name_is_never_read_as_markdown(page, name):
    html = _docs_page_html(page, name, held=True)
    assert active_markup(html) == []
    # The name shows as the editor wrote it, escaped.
    assert str(escape(name)) in html


def test_without_holding_the_macros_markdown_would_run_the_name():
    """What the test above guards against: the names really do become markup if Markdown reads
    them (as it did before the macros' HTML was held out of it)."""
    found = [active_markup(_docs_page_html("privacy.md", n, held=False)) for n in HOSTILE_NAMES]
    assert found[0] == ["<em onmouseover=...>"]
    assert found[1] == ["<a href='javascript:alert(2)'>"]
    assert found[2] == ["<img src='https://other.example/tracker.png'>"]


_JINJA_EXPRESSION = re.compile(r"{{(.*?)}}|{%(.*?)%}", re.DOTALL)
_MACRO_CALL = re.compile(r"^\s*([a-z_]+)\(.*\)\s*$", re.DOTALL)


def test_pages_in_docs_reach_content_only_through_held_macros():
    """Every {{ ... }} in docs/ calls a page macro (whose HTML Markdown never reads), and no page
    uses a variable, a filter or a statement that could put a content value into Markdown."""
    content = shipped_content()
    names = set(page_macros(content, make_environment(), {}, lambda: "", [], date.today()))
    problems = []
    for path in sorted(DOCS.rglob("*.md")):
        for match in _JINJA_EXPRESSION.finditer(path.read_text(encoding="utf-8")):
            call = _MACRO_CALL.match(match.group(1) or "")
            if match.group(2) is not None or not call or call.group(1) not in names:
                problems.append(f"{path.relative_to(PROJECT)}: {match.group(0)}")
            elif call.group(1) in ARGUMENT_MACROS:
                problems.append(f"{path.relative_to(PROJECT)}: {call.group(1)} is not HTML")
    assert problems == []


# --- Case 4: Markdown links the loader's pattern missed, which then stopped `make site` ---

STEP_TEXT = (
    "    text: >-\n"
    "      If you ask the council for an EHC needs assessment, the council writes to say it "
    "has your\n"
    "      request. This letter includes information about disagreement resolution services.\n"
)
# Each written as the YAML of one step's text (a quoted string: '\\n' is a line break).
HIDDEN_LINKS = {
    "reference in a quote": (
        r'"Read [the information][r].\n\n> [r]: javascript:alert(1)"',
        "'javascript:alert(1)'",
    ),
    "reference in a list item": (
        r'"Read [the information][r].\n\n- [r]: data:text/html,hello"',
        "'data:text/html,hello'",
    ),
    # Markdown widens a tab to the next tab stop, so the message shows spaces.
    "tab in the target": (
        r'"Read [it](java\tscript:alert(1))."',
        "'java  script:alert(1)'",
    ),
    "line break in the target": (
        r'"Read [it](java\nscript:alert(1))."',
        "'java\\nscript:alert(1)'",
    ),
    "another site without a scheme": (
        r'"Read [it](//other.example/page)."',
        "'//other.example/page'",
    ),
}


@pytest.mark.parametrize("case", HIDDEN_LINKS)
def test_a_hidden_markdown_link_is_reported_with_file_and_line(content_copy, case):
    yaml_text, shown = HIDDEN_LINKS[case]
    path = content_copy / "national" / "disagreement-resolution.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(STEP_TEXT) == 1, "update STEP_TEXT to fit the real content"
    line = text[: text.index(STEP_TEXT)].count("\n") + 1
    path.write_text(text.replace(STEP_TEXT, f"    text: {yaml_text}\n"), encoding="utf-8")

    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)

    assert [str(error) for error in raised.value.errors] == [
        f"content/national/disagreement-resolution.yml:{line}: step 'information-with-letter': "
        "text: expected a link to an https:, mailto: or tel: address or to a page of this site, "
        f"found {shown}"
    ]


@pytest.mark.parametrize("case", HIDDEN_LINKS)
def test_a_hidden_markdown_link_never_reaches_a_page_and_never_stops_the_build(case):
    """If one got past the loader, the sanitiser drops it: no traceback, no link."""
    text = yaml.safe_load(HIDDEN_LINKS[case][0])
    assert unsafe_links(text), "the loader's check must see this link"
    html = render_markdown(MarkdownText(text))
    assert active_markup(html) == []
    assert "href" not in html


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](javascript&#58;alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](/\\other.example/)",
        "<https://ok.example> ![i](x.png)",
        "![i](https://other.example/i.png)",
        "*x*{: onclick=alert(1) }",
        "<img src=x onerror=alert(1)> <svg onload=alert(1)> <script>alert(1)</script>",
        '[x](https://ok.example "t" onclick=alert(1))',
        "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    ],
)
def test_the_sanitiser_keeps_no_unsafe_link_image_or_handler(text):
    assert active_markup(sanitised_html(text)) == []


def test_the_sanitiser_keeps_what_content_uses():
    html = sanitised_html(
        "Read *this* and **that**: [GOV.UK](https://www.gov.uk), [call](tel:+441134960000), "
        "[email](mailto:a@example.org), [routes](../routes/), [here](#top).\n\n- one\n- two"
    )
    assert html == (
        '<p>Read <em>this</em> and <strong>that</strong>: <a href="https://www.gov.uk">GOV.UK</a>'
        ', <a href="tel:+441134960000">call</a>, <a href="mailto:a@example.org">email</a>, '
        '<a href="../routes/">routes</a>, <a href="#top">here</a>.</p>\n<ul>\n<li>one</li>\n'
        "<li>two</li>\n</ul>"
    )


def test_every_markdown_field_of_the_real_content_is_unchanged_by_the_sanitiser():
    """The allow-list fits the content: sanitising drops nothing the shipped Markdown uses."""
    step_texts = [s.text for s in shipped_content().disagreement_resolution.steps]
    assert step_texts
    for text in step_texts:
        assert sanitised_html(text) == markdown.markdown(text)


def test_held_html_is_put_back_once_and_its_ids_are_found():
    fragments = HeldFragments()
    inner = fragments.hold('<h2 id="contact">Contact</h2><a name="old">x</a>')
    # A fragment whose text looks like a stand-in is not read for stand-ins again.
    outer = fragments.hold(f"<p>{inner}</p>")
    page = f"<p>Intro</p>\n{outer}"
    assert fragments.restore(page) == f"<p>Intro</p>\n<p>{inner}</p>"
    assert fragments.ids_in(f"x {inner} y") == {"contact", "old"}
    assert fragments.ids_in(page) == set()
