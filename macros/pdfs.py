"""Tagged PDFs of the request forms, built with WeasyPrint and cached by a hash of their source.

An unchanged form is not rebuilt: the cache key covers the HTML, the field font, the
WeasyPrint version and the code that finishes each PDF (pdf_tags, pdffields). Two PDFs per form:
a fillable one (PDF/UA-1, with form fields) and a print-and-write one (the same page with boxes
and lines, no fields); the whole guide is made here too.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import pdf_tags, pdffields
from .pdffields import FieldFixes

# Debian's fonts-dejavu-core. Form fields need their whole font embedded so any letter can be
# typed; the full DejaVu Sans makes a 424 kB PDF, so the fields use a subset of it instead.
FIELD_FONT_SOURCE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Basic Latin, Latin-1, Latin Extended-A (most European names), dashes, quotes and symbols.
FIELD_FONT_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x2010, 0x2027),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
]


class PdfToolsMissing(RuntimeError):
    """WeasyPrint or its system libraries are not installed."""


@dataclass(frozen=True)
class BuiltPdf:
    path: Path  # in the cache folder
    size: int  # bytes
    from_cache: bool


def field_font(cache: Path) -> Path:
    """The subset font for form fields, made once and kept in the cache folder."""
    target = cache / "field-font.ttf"
    if target.is_file():
        return target
    if not FIELD_FONT_SOURCE.is_file():
        raise PdfToolsMissing(
            f"the form PDFs need the DejaVu Sans font ({FIELD_FONT_SOURCE}): "
            "sudo apt-get install fonts-dejavu-core"
        )
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables = [*options.drop_tables, "FFTM"]  # font-editor data, not needed
    font = TTFont(FIELD_FONT_SOURCE)
    subsetter = subset.Subsetter(options)
    subsetter.populate(
        unicodes=[c for start, end in FIELD_FONT_RANGES for c in range(start, end + 1)]
    )
    subsetter.subset(font)
    # Two builds at once (two councils) never read half a font.
    _write_whole(target, font.save)
    return target


def _partial(target: Path) -> Path:
    """Where to write a cache file before it is complete: a name no other build uses."""
    return target.with_name(f"{target.name}.{os.getpid()}.part")


def _write_whole(target: Path, write: Callable[[Path], object]) -> None:
    """Write a cache file under another name, then rename it: the cache never holds half a
    file, and a write that fails (a full disk) leaves nothing behind. An error that names no
    file (a write's) is given the file's name, for the build's one-line message."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(target)
    try:
        write(partial)
        partial.replace(target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError) and not error.filename:
            error.filename = str(partial)
        raise


def _weasyprint_version() -> str:
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        raise PdfToolsMissing(
            "the PDFs need WeasyPrint: make site installs it from requirements.txt"
        ) from None


def _weasyprint():
    try:
        import weasyprint
    except OSError as error:  # Pango missing: WeasyPrint cannot load its libraries
        raise PdfToolsMissing(
            f"the form PDFs need Pango ({error}): "
            "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    _remember_page_references()
    return weasyprint


def _remember_page_references() -> None:
    """Make pydyf's list of page references once per page count, not once per use.

    pydyf 0.13's ``PDF.page_references`` builds a new tuple of every page's reference each time it
    is read, and WeasyPrint reads it for every tagged box (PDF/UA): so tagging took time in
    proportion to pages times boxes. The whole guide at 50 times the shipped content (3,100
    pages) spent most of its PDF writing there. Pages are only ever appended, so the tuple is kept
    until the page count changes. The result is the same: tests/test_guide.py compares the two.
    """
    import pydyf

    if getattr(pydyf.PDF, "_original_page_references", None) is not None:
        return
    original = pydyf.PDF.page_references.fget

    def page_references(pdf) -> tuple:
        count = len(pdf.pages["Kids"])
        remembered = pdf.__dict__.get("_page_references")
        if remembered is None or remembered[0] != count:
            remembered = (count, original(pdf))
            pdf.__dict__["_page_references"] = remembered
        return remembered[1]

    pydyf.PDF._original_page_references = original
    pydyf.PDF.page_references = property(page_references)


def build_pdf(
    html: str, base_url: Path, fillable: bool, cache: Path, field_fixes: FieldFixes | None = None
) -> BuiltPdf:
    """The PDF for ``html``, from the cache if it was built before from the same source.

    ``field_fixes`` puts right the form fields WeasyPrint writes (radio groups, required flags).
    """
    font = field_font(cache)
    key = hashlib.sha256()
    fixes_key = field_fixes.key() if field_fixes else ""
    for part in (html, str(fillable), _weasyprint_version(), fixes_key):
        key.update(part.encode("utf-8"))
    key.update(font.read_bytes())
    # The code that finishes each PDF is part of the key: a change to it makes every PDF
    # again rather than reusing one finished the old way.
    for module in FINISHING_CODE:
        key.update(Path(module.__file__).read_bytes())
    target = cache / f"{key.hexdigest()[:32]}.pdf"
    if target.is_file():
        return BuiltPdf(target, target.stat().st_size, from_cache=True)
    # Imported only when a PDF must be made: loading WeasyPrint and its libraries takes about
    # 0.4 s, a quarter of a build that finds every PDF in the cache.
    weasyprint = _weasyprint()
    # A folder's URL ends in "/", so that relative URLs in the HTML resolve inside it.
    document = weasyprint.HTML(string=html, base_url=base_url.resolve().as_uri() + "/")
    options = {"pdf_variant": "pdf/ua-1"}
    if fillable:
        options["pdf_forms"] = True
    pdf = _finished(
        document.write_pdf(finisher=pdf_tags.describe_links, **options),
        field_fixes if fillable else None,
    )
    _write_whole(target, lambda partial: partial.write_bytes(pdf))
    return BuiltPdf(target, len(pdf), from_cache=False)


# The modules that finish a PDF after WeasyPrint writes it (their code is in the cache key).
FINISHING_CODE = (pdf_tags, pdffields)


def _finished(pdf_bytes: bytes, field_fixes: FieldFixes | None) -> bytes:
    """The PDF with what WeasyPrint leaves out: table headers' scopes (pdf_tags) and, in a
    fillable PDF, its fields put right (pdffields)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf_tags.scope_table_headers(pdf)
        if field_fixes is not None:
            pdffields.fix_fields(pdf, field_fixes)
        out = io.BytesIO()
        # The same PDF for the same source: its /ID from its content, not the time.
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def file_size(size: int) -> str:
    """GOV.UK style file size: 31132 → '31 KB', 2_400_000 → '2.3 MB'."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
