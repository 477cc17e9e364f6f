"""A letter's Word file with blanks, made at build time from the letter's own HTML
(templates/letter_body.html), so it has the same words and the same blanks as the page's letter
without JavaScript, and no word of it is written here.

Each block of the letter (a p, an h3, an li) becomes a Word paragraph: an h3 a heading, an li a
bulleted item, a <br> a line break, <strong> bold, and each blank (span.sl-blank) its words in
square brackets, highlighted so it is easy to find. Made with python-docx in about 20 ms a
letter, kept in memory for `make serve`'s next build. The file is the same for the same letter
and date (reproducible builds): the zip's times and the document's dates are the build's date.
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# The language of every letter's words (the document's, for spell checkers and screen readers).
LANGUAGE = "en-GB"
_BLOCKS = {"p": None, "h3": "Heading 2", "li": "List Bullet"}


@dataclass
class Run:
    text: str
    bold: bool = False
    blank: bool = False
    line_break: bool = False


@dataclass
class Block:
    style: str | None
    runs: list[Run] = field(default_factory=list)


class _LetterReader(HTMLParser):
    """The blocks of the letter's HTML, each with its runs of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._block: Block | None = None
        self._bold = 0
        self._blank = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._block = Block(_BLOCKS[tag])
            self.blocks.append(self._block)
        elif tag == "br" and self._block is not None:
            self._block.runs.append(Run("", line_break=True))
        elif tag == "strong":
            self._bold += 1
        elif tag == "span" and "sl-blank" in (dict(attrs).get("class") or "").split():
            self._blank += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._block = None
        elif tag == "strong":
            self._bold -= 1
        elif tag == "span" and self._blank:
            self._blank -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split()) if not data.isspace() else ""
        if self._block is None or not text:
            return
        # Words either side of a tag keep their spaces: " by " around a blank.
        text = (" " if data[:1].isspace() else "") + text + (" " if data[-1:].isspace() else "")
        self._block.runs.append(Run(text, bold=self._bold > 0, blank=self._blank > 0))


def letter_blocks(letter_html: str) -> list[Block]:
    """The letter's blocks, from the HTML of templates/letter_body.html."""
    reader = _LetterReader()
    reader.feed(letter_html)
    reader.close()
    for block in reader.blocks:
        if block.runs and not block.runs[0].line_break:
            block.runs[0].text = block.runs[0].text.lstrip()
        if block.runs:
            block.runs[-1].text = block.runs[-1].text.rstrip()
    return [block for block in reader.blocks if block.runs]


# A letter takes about 20 ms: 0.5 s for a council's 26. `make serve` rebuilds in one process,
# so an unchanged letter is made once there, as the form PDFs are kept in their cache.
@functools.lru_cache(maxsize=512)
def letter_docx(letter_html: str, title: str, built_on: date) -> bytes:
    """The Word file (.docx) of a letter, from its HTML."""
    document = docx.Document()
    _set_language(document)
    for block in letter_blocks(letter_html):
        paragraph = document.add_paragraph(style=block.style)
        for run in block.runs:
            if run.line_break:
                paragraph.add_run().add_break()
                continue
            written = paragraph.add_run(run.text)
            written.bold = run.bold or None
            if run.blank:
                written.font.highlight_color = WD_COLOR_INDEX.YELLOW
    made = datetime(built_on.year, built_on.month, built_on.day, tzinfo=UTC)
    properties = document.core_properties
    properties.title, properties.language = title, LANGUAGE
    properties.created = properties.modified = made
    properties.author = properties.last_modified_by = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_times(buffer.getvalue(), built_on)


def _set_language(document) -> None:
    """Every paragraph's words are in British English (the Normal style's language)."""
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    run_properties.append(language)


def _with_fixed_times(docx_bytes: bytes, built_on: date) -> bytes:
    """The same zip with every entry dated the build's date: python-docx dates each entry with
    the time it was written, so two builds of the same letter would differ."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(
                info.filename, (built_on.year, built_on.month, built_on.day, 0, 0, 0)
            )
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()
