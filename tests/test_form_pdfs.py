"""Request forms as PDFs: the fillable PDF (tagged PDF/UA-1, every field named and fillable),
the print-and-write PDF, and the PDF cache. The web page and the forms in the browser are
tests/test_forms.py."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import types
from pathlib import Path

import pikepdf
import pypdf
import pytest
from conftest import PROJECT, shipped_content

from macros.components import make_environment
from macros.form_pdfs import field_accessible_name
from macros.pdfs import build_pdf, file_size
from macros.urls import form_url, pdf_name

TEMPLATES = make_environment()

FORMS = list(shipped_content().forms.values())
# PDF field flags: a radio button group, one that cannot be unset, a field that must be filled.
RADIO_FLAG = 1 << 15
NO_TOGGLE_TO_OFF = 1 << 14
REQUIRED_FLAG = 1 << 1


def expected_field_names(form) -> dict[str, str]:
    """Each PDF field's name (/T) and the accessible name (/TU) it must carry: every question is
    one field named by its id (a single-choice question a radio group, a tick-any question the
    parent of its boxes)."""
    return {
        field.id: field_accessible_name(field, TEMPLATES)
        for section in form.sections
        for field in section.fields
    }


def choice_name(field, choice_label: str) -> str:
    """A choice box's accessible name: its question, whether it must be answered, its choice."""
    return f"{field.label}{' (required)' if field.required else ''}: {choice_label}"


def choices(field) -> list[tuple[str, str]]:
    """(id, label) of each choice of a choice question."""
    if field.type == "yes-no":
        return [("yes", "Yes"), ("no", "No")]
    return [(option.id, option.label) for option in field.options]


def _pdf(built_site: Path, form, kind: str) -> bytes:
    return (built_site / form_url(form.id) / pdf_name(form.id, kind)).read_bytes()


@pytest.mark.parametrize("kind", ["fillable", "printable"])
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_pdf_is_tagged_pdf_ua(built_site, form, kind):
    with pikepdf.open(io.BytesIO(_pdf(built_site, form, kind))) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == form.title
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descriptors = [font] + list(font.get("/DescendantFonts", []))
                embedded = any(
                    any(
                        k in d.get("/FontDescriptor", {})
                        for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    )
                    for d in descriptors
                )
                assert embedded, f"font {font.get('/BaseFont')} is not embedded"


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_fillable_pdf_fields_are_named_by_their_labels(built_site, form):
    with pikepdf.open(io.BytesIO(_pdf(built_site, form, "fillable"))) as pdf:
        fields = list(pdf.Root.AcroForm.Fields)
        names = [str(f.T) for f in fields]
        assert len(names) == len(set(names)), "duplicate field names"
        assert {n: str(f.TU) for n, f in zip(names, fields, strict=True)} == expected_field_names(
            form
        )
        for field in fields:
            widgets = list(field.get("/Kids", [field]))
            assert all("/StructParent" in w for w in widgets), f"{field.T} has no /StructParent"
            # A text field or a box, by its own type or its question's.
            assert all(str(w.get("/FT", field.get("/FT"))) in ("/Tx", "/Btn") for w in widgets)
        for page in pdf.pages:
            if "/Annots" in page:
                assert page.Tabs == "/S", "tab order does not follow the structure"


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_each_question_is_one_field_flagged_required_if_it_must_be_answered(built_site, form):
    """Text fields, consent boxes, radio groups and tick-any questions alike: the Required flag
    is on the question's own field, and each choice box's name says the question, whether it
    must be answered and the choice."""
    with pikepdf.open(io.BytesIO(_pdf(built_site, form, "fillable"))) as pdf:
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        for section in form.sections:
            for field in section.fields:
                pdf_field = fields[field.id]
                flags = int(pdf_field.get("/Ff", 0))
                assert bool(flags & REQUIRED_FLAG) == field.required, field.id
                if field.type not in ("tick-one", "yes-no", "tick-any"):
                    continue
                kids = list(pdf_field.Kids)
                assert all(kid.Parent.objgen == pdf_field.objgen for kid in kids), field.id
                names = [str(kid.TU) for kid in kids]
                assert names == [choice_name(field, label) for _, label in choices(field)]
                if field.type == "tick-any":
                    # The parent of its boxes, each a field named by its choice, not required
                    # itself (one ticked answers the question) and not a radio button.
                    assert "/FT" not in pdf_field and not flags & RADIO_FLAG, field.id
                    assert [str(kid.T) for kid in kids] == [c for c, _ in choices(field)]
                    assert all(str(kid.FT) == "/Btn" and int(kid.Ff) == 0 for kid in kids)
                    continue
                # One group: one answer only, each choice a widget "on" in its own state.
                assert flags & RADIO_FLAG and flags & NO_TOGGLE_TO_OFF, field.id
                states = [[str(k) for k in kid.AP.N if k != "/Off"] for kid in kids]
                assert states == [[f"/{choice}"] for choice, _ in choices(field)], field.id


def qualified_name(field) -> str:
    """A field's full name, its parents' names first: 'disagree-with.council'."""
    names = []
    while field is not None:
        if "/T" in field:
            names.append(str(field["/T"]))
        field = field.get("/Parent")
        field = field.get_object() if field is not None else None
    return ".".join(reversed(names))


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_every_fillable_field_can_be_filled_and_read_back(built_site, form, caplog):
    source = _pdf(built_site, form, "fillable")
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        reader = pypdf.PdfReader(io.BytesIO(source))
        fields = reader.get_fields()
    assert caplog.records == [], [r.getMessage() for r in caplog.records]
    text_names = [n for n, f in fields.items() if f.get("/FT") == "/Tx"]
    box_names = [n for n, f in fields.items() if f.get("/FT") == "/Btn"]
    writer = pypdf.PdfWriter(clone_from=reader)
    on_states = {}
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            field = widget.get("/Parent", widget).get_object() if "/T" not in widget else widget
            name = qualified_name(field)
            if field.get("/FT") == "/Btn" and name not in on_states:
                # A radio group's first choice; a box's own "on" state.
                states = [s for s in widget["/AP"]["/N"] if s != "/Off"]
                on_states[name] = states[0]
        values = {name: f"Answer for {name}" for name in text_names}
        values |= {name: on_states[name] for name in box_names if name in on_states}
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = io.BytesIO()
    writer.write(filled)
    read_back = pypdf.PdfReader(io.BytesIO(filled.getvalue())).get_fields()
    for name in text_names:
        assert read_back[name].get("/V") == f"Answer for {name}"
    for name in box_names:
        assert read_back[name].get("/V") == on_states[name]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_print_and_write_pdf_has_no_fields_and_both_are_small(built_site, form):
    with pikepdf.open(io.BytesIO(_pdf(built_site, form, "printable"))) as pdf:
        assert "/AcroForm" not in pdf.Root or not list(pdf.Root.AcroForm.get("/Fields", []))
    assert len(_pdf(built_site, form, "fillable")) < 100_000
    assert len(_pdf(built_site, form, "printable")) < 60_000


def test_an_unchanged_pdf_comes_from_the_cache(tmp_path):
    html = (
        "<!doctype html><html lang='en-GB'><head><title>T</title></head>"
        "<body><p>Hi</p></body></html>"
    )
    first = build_pdf(html, tmp_path, fillable=False, cache=tmp_path)
    again = build_pdf(html, tmp_path, fillable=False, cache=tmp_path)
    changed = build_pdf(html.replace("Hi", "Hello"), tmp_path, fillable=False, cache=tmp_path)
    assert (first.from_cache, again.from_cache, changed.from_cache) == (False, True, False)
    assert again.path == first.path != changed.path


def test_a_change_to_the_code_that_finishes_pdfs_makes_them_again(tmp_path, monkeypatch):
    """The modules that finish a PDF after WeasyPrint are in its cache key: a PDF finished
    the old way is not reused."""
    from macros import pdf_tags, pdffields, pdfs

    assert {pdf_tags, pdffields} <= set(pdfs.FINISHING_CODE)
    code = tmp_path / "finishing.py"
    code.write_text("# one way\n")
    monkeypatch.setattr(pdfs, "FINISHING_CODE", (types.SimpleNamespace(__file__=str(code)),))
    html = "<!doctype html><html lang='en-GB'><head><title>T</title></head><p>Hi</p></html>"
    first = build_pdf(html, tmp_path, fillable=False, cache=tmp_path)
    code.write_text("# another way\n")
    again = build_pdf(html, tmp_path, fillable=False, cache=tmp_path)
    assert not again.from_cache and again.path != first.path


def test_a_pdf_from_the_cache_does_not_load_weasyprint(tmp_path):
    """Loading WeasyPrint takes about 0.4 s: a build whose PDFs are all cached skips it."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from macros.pdfs import build_pdf\n"
        "html = '<!doctype html><html lang=\"en-GB\"><head><title>T</title></head><p>Hi'\n"
        f"built = build_pdf(html, Path({str(tmp_path)!r}), False, Path({str(tmp_path)!r}))\n"
        "print(built.from_cache, 'weasyprint' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs == [["False", "True"], ["True", "False"]]


@pytest.mark.parametrize(
    "size, expected", [(31_132, "30 KB"), (500, "1 KB"), (2_400_000, "2.3 MB")]
)
def test_file_size(size, expected):
    assert file_size(size) == expected


def test_a_fields_accessible_name_is_its_label_hint_and_required_in_words():
    """The words come from templates/field_accessible_name.txt, as plain text (the PDF and its
    HTML escape them): a hint after a question mark needs no full stop."""
    field = type("Field", (), {})
    field.label, field.hint, field.required = "Why & how?", "Say <why>", True
    assert field_accessible_name(field, TEMPLATES) == "Why & how? Say <why> (required)"
    field.label, field.hint, field.required = "Your name", None, False
    assert field_accessible_name(field, TEMPLATES) == "Your name"
    field.hint = "As on letters"
    assert field_accessible_name(field, TEMPLATES) == "Your name. As on letters"
