"""Printing: every page type prints its content with the council's name, its address and its
review date, and no navigation, search or buttons; printed by Chromium, one picture of each type
is kept in reports/print/. The whole guide is one page and a tagged PDF with a bookmark per
section, every route's name and every provider's phone number."""

from __future__ import annotations

import html as html_lib
import io
import re
import shutil
import subprocess

import pikepdf
import pypdf
import pytest
import variant
from conftest import PDF_CACHE, PROJECT, shipped_content

from macros.guide import expand_order
from macros.pdfs import file_size
from macros.urls import route_url

CONTENT = shipped_content()
PAGE_TYPES = {
    "content page": "disagreement-resolution/",
    "route page": "routes/mediation/",
    "finder question": "which-route/questions/",
    "finder outcome": "which-route/questions/decision/no-assessment/",
    "form": "forms/request-for-mediation-advice/",
}
HIDDEN_ON_PAPER = [".sl-header", ".sl-nav", ".sl-footer", ".sl-skip", "button", ".sl-back"]
# The page shell is on every page type; a check that finds none of it could not fail.
ON_EVERY_PAGE = [".sl-header", ".sl-footer", ".sl-skip"]
REPORT = PROJECT / "reports" / "print"


@pytest.fixture(scope="module")
def print_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_prints_its_content_and_nothing_else(print_context, site_url, page_type):
    url = PAGE_TYPES[page_type]
    page = print_context.new_page()
    page.goto(site_url + url)
    assert [s for s in ON_EVERY_PAGE if not page.locator(s).count()] == [], url
    page.emulate_media(media="print")
    shown = [
        s for s in HIDDEN_ON_PAPER if page.locator(s).count() and page.locator(s).first.is_visible()
    ]
    assert shown == [], f"{url}: {shown} show on paper"
    assert page.locator("article h1").first.is_visible()
    header = page.locator(".sl-print-header").first
    assert header.is_visible()
    assert CONTENT.site.council.name in header.inner_text()
    assert CONTENT.site.council.site_address + url in header.inner_text()
    assert page.locator(".sl-reviewed").first.is_visible()
    page.close()


def test_links_print_their_addresses(print_context, site_url):
    page = print_context.new_page()
    page.goto(site_url + "disagreement-resolution/")
    page.emulate_media(media="print")
    after = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('article a[data-print-href]'), '::after').content"""
    )
    assert CONTENT.site.council.site_address in after
    page.close()


def test_an_outcome_prints_with_the_answers_given(print_context, site_url):
    page = print_context.new_page()
    page.goto(site_url + PAGE_TYPES["finder outcome"])
    page.emulate_media(media="print")
    answers = page.locator(".sl-summary")
    assert answers.is_visible()
    assert "Your answers" in page.locator("article").inner_text()
    assert len(answers.locator(".sl-summary__row").all()) == 2
    page.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_chromium_prints_each_page_type_to_pdf(print_context, site_url, page_type):
    """A PDF printed by Chromium, and a picture of its first page kept for people to look at."""
    if shutil.which("pdftoppm") is None:
        from sitecheck.tools import require

        require("poppler")
    url = PAGE_TYPES[page_type]
    page = print_context.new_page()
    page.goto(site_url + url)
    pdf = page.pdf(format="A4")
    page.close()
    name = page_type.replace(" ", "-")
    REPORT.mkdir(parents=True, exist_ok=True)
    (REPORT / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(REPORT / f"{name}.pdf"),
            str(REPORT / name),
        ],
        check=True,
    )
    assert (REPORT / f"{name}.png").stat().st_size > 1000
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert CONTENT.site.council.name in text
    for chrome in ("Skip to main content", "Table of contents"):
        assert chrome not in text, f"{url}: {chrome!r} printed"


# --- The whole guide ---


def _guide_order() -> list[str]:
    return expand_order(CONTENT.guide_order, [route_url(r) for r in CONTENT.routes])


def test_the_guide_page_has_every_section_in_order(built_site):
    html = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    slugs = [url.strip("/").replace("/", "-") or "home" for url in _guide_order()]
    positions = [html.index(f'<section class="sl-guide-section" id="{slug}">') for slug in slugs]
    assert positions == sorted(positions)
    assert "<!-- sl-guide" not in html.replace("<!-- sl-guide-home-download -->", "")


def test_the_home_page_links_the_guide_pdf_with_its_size(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    size = file_size((built_site / "guide" / "whole-guide.pdf").stat().st_size)
    assert 'href="guide/whole-guide.pdf"' in home
    assert f"PDF, {size}" in home


def test_the_guide_pdf_is_tagged_with_a_bookmark_per_section(built_site):
    data = (built_site / "guide" / "whole-guide.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        with pdf.open_outline() as outline:
            sections = [item.title for item in outline.root[0].children]
    html = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    start = html.index('<ol class="sl-guide-contents">')
    contents = html[start : html.index("</ol>", start)]
    titles = [html_lib.unescape(t) for t in re.findall(r'<a href="#[^"]+">([^<]+)</a>', contents)]
    assert len(titles) == len(_guide_order())
    assert sections == ["Contents", *titles]


def pdf_text(pdf) -> str:
    """The text of a PDF, whitespace collapsed: poppler's pdftotext reads the 150-page guide
    in a tenth of a second (pypdf took 4 seconds)."""
    from sitecheck.tools import require

    if shutil.which("pdftotext") is None:
        require("poppler")
    result = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def test_the_guide_pdf_has_every_route_and_provider_phone_number(built_site):
    text = pdf_text(built_site / "guide" / "whole-guide.pdf")
    missing = [route.name for route in CONTENT.routes.values() if route.name not in text]
    missing += [
        phone.number
        for provider in CONTENT.providers.values()
        for phone in provider.phones
        if phone.number not in text
    ]
    assert missing == []


def test_changed_content_makes_new_pdfs_not_the_cached_ones(variant_build):
    """The variant's copy carried the shipped council's PDF cache; its changed content must
    make new PDFs, not find the old ones. (A build of unchanged content makes none: see
    tests/test_atomic_build.py, and tests/test_form_pdfs.py for the cache itself.)"""
    form = variant_build.site / "forms" / "request-for-disagreement-resolution"
    text = pdf_text(form / "request-for-disagreement-resolution-print.pdf")
    assert "Riverside Mediation Trust" in text and variant.PAYLOADS[0] in text
    made = {p.name for p in (variant_build.project / PDF_CACHE).glob("*.pdf")}
    assert made - variant_build.pdfs_carried, "no new PDF: the old ones came from the cache"


def test_the_guide_pdf_contents_give_each_sections_page_and_link_to_it(built_site):
    """The contents list's page numbers and links need the sections' ids, which the PDF keeps
    while dropping ids nothing refers to (macros/guide.py, without_unreferenced_ids)."""
    reader = pypdf.PdfReader(built_site / "guide" / "whole-guide.pdf")
    slugs = [url.strip("/").replace("/", "-") or "home" for url in _guide_order()]
    contents_pages = reader.pages[:3]
    text = "".join(page.extract_text() for page in contents_pages)
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", text, re.M)]
    assert len(numbers) == len(slugs)
    assert numbers == sorted(numbers) and numbers[0] >= 2
    destinations = {
        str(annotation.get_object().get("/Dest"))
        for page in contents_pages
        for annotation in page.get("/Annots") or []
    }
    assert set(slugs) <= destinations


# Written as a council would type it: each must show as written, never as "&amp;" or "&quot;".
AWKWARD_NAMES = ["Brighton & Hove City Council", 'The "North" & <South> Council\'s']


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_the_guide_pdf_and_its_download_link_show_the_councils_name_as_written(name, tmp_path):
    """The whole guide's PDF and the home page's link to it, made in-process (a real build is
    the variant's, which makes no guide PDF): the name is escaped once."""
    import dataclasses

    from macros.components import make_environment, render
    from macros.guide import guide_sections, links_at
    from macros.pdfs import build_pdf
    from macros.views.guide import guide_pdf_html, guide_title

    content = shipped_content()
    council = content.site.council.model_copy(update={"name": name})
    content = dataclasses.replace(
        content, site=content.site.model_copy(update={"council": council})
    )
    templates = make_environment()
    sections = guide_sections(
        [("sendiass/", f"<h1>Help from {html_lib.escape(name)}</h1><p>Text.</p>")],
        links_at(council.site_address),
    )
    built = build_pdf(
        guide_pdf_html(content, templates, sections), tmp_path, fillable=False, cache=tmp_path
    )
    text = pdf_text(built.path)
    assert name in text and f"Help from {name}" in text
    assert not re.search(r"&(amp|quot|lt|gt|#\d+);", text), text[:300]
    link = render(
        templates,
        "guide_download.html",
        title=guide_title(content, templates),
        url="guide/whole-guide.pdf",
        size="1 MB",
        web_url="guide/",
        with_heading=True,
    )
    assert html_lib.unescape(link).count(name) >= 1
    assert "&amp;amp;" not in link and "&amp;quot;" not in link and "&amp;lt;" not in link


def test_no_form_pdf_of_the_variant_shows_an_escaped_character(variant_build):
    """The variant's form PDFs carry the payloads (quotes, '&lt;', '<', '&') in their text: as
    written, with no character escaped twice."""
    pdfs = sorted(variant_build.site.glob("forms/*/*.pdf"))
    assert len(pdfs) >= 6
    for pdf in pdfs:
        text = pdf_text(pdf)
        assert "alert(1)" in text, pdf
        assert not re.search(r"&(amp|quot|#\d+|#x[0-9a-f]+);", text), (pdf, text[:300])
