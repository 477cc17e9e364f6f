"""The PDFs as a screen reader meets them (issue 27): every table header says what it heads,
every link is described by its text, every field has its own appearance, and no PDF or form
page says an instruction twice. Each question's fields and required flags are
tests/test_form_pdfs.py."""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
from conftest import shipped_content
from html_text import main_text, normalise
from test_print import pdf_text

from macros.pdf_tags import link_text
from macros.pdfs import build_pdf
from macros.urls import GUIDE_PDF, form_url, pdf_name

FORMS = list(shipped_content().forms.values())
FORM_PDFS = [(form, kind) for form in FORMS for kind in ("fillable", "printable")]
# An instruction to the reader: "Tick all that apply.", "Select all that apply.", "Tick one."
INSTRUCTION = re.compile(r"^(tick|select|choose) (all|any|one)\b", re.IGNORECASE)
# A 1 by 1 pixel PNG, for a link made of an image (no request to another host).
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
    )
).decode()


def _form_pdf(built_site: Path, form, kind: str) -> Path:
    return built_site / form_url(form.id) / pdf_name(form.id, kind)


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes in PDF coordinates (from the bottom left), by
    poppler's pdftotext, which reads the 150-page guide in well under a second."""
    from sitecheck.tools import require

    require("poppler")
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True)
    root = ElementTree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", out.stdout))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        height = float(page.get("height"))
        pages.append(
            [
                (
                    float(w.get("xMin")),
                    height - float(w.get("yMax")),
                    float(w.get("xMax")),
                    height - float(w.get("yMin")),
                    w.text or "",
                )
                for w in page.iter("{http://www.w3.org/1999/xhtml}word")
            ]
        )
    return pages


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def link_problems(pdf_path: Path) -> list[str]:
    """Each link annotation not described by its link's text: its /Contents must say something
    and hold the words printed inside it (a link that wraps is an annotation per line), and an
    internal link's must not be its target. A contents line's dot leader and page number, in
    the link, are not its text."""
    problems = []
    with pikepdf.open(pdf_path) as pdf:
        for words, page in zip(pdf_words(pdf_path), pdf.pages, strict=True):
            for link in page.get("/Annots", []):
                if link.get("/Subtype") != "/Link":
                    continue
                x1, x2 = sorted(float(v) for v in (link.Rect[0], link.Rect[2]))
                y1, y2 = sorted(float(v) for v in (link.Rect[1], link.Rect[3]))
                shown = " ".join(
                    w[4]
                    for w in words
                    if x1 <= (w[0] + w[2]) / 2 <= x2 and y1 <= (w[1] + w[3]) / 2 <= y2
                )
                shown = _tokens(re.sub(r"(\s*\.){3,}\s*\d*$", "", shown))
                contents = str(link.get("/Contents", ""))
                said = _tokens(contents)
                found = any(said[i : i + len(shown)] == shown for i in range(len(said) + 1))
                if not said or not found or contents == str(link.get("/Dest", "")):
                    problems.append(f"{' '.join(shown)!r} described as {contents!r}")
    return problems


def repeated_instructions(text: str) -> list[str]:
    """Each sentence that says again what the one before it said: the same words, or a second
    instruction ("Tick all that apply. Tick all that apply")."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", normalise(text)) if _tokens(s)]

    def same(sentence: str) -> str:
        return " ".join(_tokens(sentence))

    return [
        after
        for before, after in zip(sentences, sentences[1:], strict=False)
        if same(before) == same(after) or (INSTRUCTION.match(before) and INSTRUCTION.match(after))
    ]


def structure(pdf, tag: str) -> list:
    """The structure elements of one kind ("/TH"), in reading order."""
    found = []

    def walk(element) -> None:
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if str(kid.S) == tag:
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_every_link_in_the_guide_pdf_is_described_by_its_text(built_site):
    assert link_problems(built_site / GUIDE_PDF)[:5] == []


def test_every_table_header_in_the_guide_pdf_says_what_it_heads(built_site):
    html = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    kinds = {"/Row" if s == "row" else "/Column" for s in re.findall(r'<th scope="(\w+)"', html)}
    with pikepdf.open(built_site / GUIDE_PDF) as pdf:
        headers = structure(pdf, "/TH")
        assert headers, "no table header in the guide PDF"
        scopes = [str(h.A.get("/Scope")) for h in headers]
    assert set(scopes) == kinds and "None" not in scopes


def test_table_headers_and_links_in_a_pdf_made_from_html(tmp_path):
    """Each th's scope as in the HTML (none is a column's), and each link described by its
    text: an image link by the image's alt text, a link with an aria-label by the label, a link
    that wraps by its whole text on each line."""
    long_text = "Read what the SEND Code of Practice says about disagreement resolution"
    html = f"""<!doctype html><html lang="en-GB"><head><title>T</title></head><body>
<table id="costs"><thead><tr><th scope="col">Route</th><th scope="col">Cost</th><th>Time</th></tr>
</thead><tbody><tr><th scope="row">Mediation</th><td>Free</td><td>30 days</td></tr>
<tr><th scope="row">Tribunal</th><td>Free</td><td>2 months</td></tr></tbody></table>
<p><a href="#costs">Compare <b>the</b> costs</a>
<a href="https://www.gov.uk/x" aria-label="GOV.UK: appeals">Appeals</a>
<a href="https://www.gov.uk/y"><img src="data:image/png;base64,{PIXEL}" alt="GOV.UK logo"></a></p>
<p style="width: 90pt"><a href="https://www.gov.uk/z">{long_text}</a></p>
</body></html>"""
    built = build_pdf(html, tmp_path, fillable=False, cache=tmp_path)
    with pikepdf.open(built.path) as pdf:
        scopes = [str(h.A.get("/Scope")) for h in structure(pdf, "/TH")]
        contents = [str(a.Contents) for a in pdf.pages[0].Annots if a.get("/Subtype") == "/Link"]
    assert scopes == ["/Column"] * 3 + ["/Row"] * 2
    # The <b> and the image in a link have annotations of their own, each with the link's text.
    links = [text for i, text in enumerate(contents) if i == 0 or text != contents[i - 1]]
    assert links == ["Compare the costs", "GOV.UK: appeals", "GOV.UK logo", long_text]
    assert contents.count("Compare the costs") == 2 and contents.count(long_text) >= 2
    assert link_problems(built.path) == []


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_every_field_has_its_own_appearance(built_site, form):
    """No viewer has to make a field's appearance (NeedAppearances), which some do not: each
    widget has one, a box one for the state it is in, and a text field's names only the fonts
    and graphics states it has."""
    with pikepdf.open(_form_pdf(built_site, form, "fillable")) as pdf:
        assert not pdf.Root.AcroForm.get("/NeedAppearances", False)
        widgets = [
            a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Widget"
        ]
        assert widgets, "no fields"
        for widget in widgets:
            assert "/AP" in widget and "/N" in widget.AP, widget.get("/TU")
            normal = widget.AP.N
            if not isinstance(normal, pikepdf.Stream):
                assert widget.AS in normal and len(normal) >= 2, widget.get("/TU")
                continue
            resources = normal.Resources
            used = re.findall(rb"/(\S+) (gs|\d+(?:\.\d+)? Tf)", normal.read_bytes())
            for name, operator in used:
                kind = "/ExtGState" if operator == b"gs" else "/Font"
                assert f"/{name.decode()}" in resources.get(kind, {}), (widget.TU, name)


@pytest.mark.parametrize(("form", "kind"), FORM_PDFS, ids=lambda v: getattr(v, "id", v))
def test_no_form_pdf_says_an_instruction_twice(built_site, form, kind):
    path = _form_pdf(built_site, form, kind)
    assert repeated_instructions(pdf_text(path)) == []
    with pikepdf.open(path) as pdf:
        fields = list(pdf.Root.get("/AcroForm", {}).get("/Fields", []))
        widgets = [kid for f in fields for kid in f.get("/Kids", [])]
        for tooltip in (str(f.TU) for f in fields + widgets if "/TU" in f):
            sentences = [" ".join(_tokens(s)) for s in re.split(r"(?<=[.?!:])\s+", tooltip)]
            assert len(sentences) == len(set(sentences)), tooltip


def test_neither_the_guide_pdf_nor_any_form_page_says_an_instruction_twice(built_site):
    assert repeated_instructions(pdf_text(built_site / GUIDE_PDF)) == []
    for form in FORMS:
        page = built_site / form_url(form.id) / "index.html"
        assert repeated_instructions(main_text(page)) == [], form.id


def test_a_repeated_instruction_is_found():
    assert repeated_instructions("Who? Tick all that apply. Tick all that apply A B") == [
        "Tick all that apply A B"
    ]
    assert repeated_instructions("Who? Select all that apply. Tick all that apply") != []
    assert repeated_instructions("Who? Tick one. Yes No. Where? Tick one. Here") == []


def test_a_links_text_is_what_a_screen_reader_reads():
    assert link_text(ElementTree.fromstring('<a href="#x">Get <b>help</b>\n now</a>')) == (
        "Get help now"
    )
    assert link_text(ElementTree.fromstring('<a href="x" title=" The map "> </a>')) == "The map"
