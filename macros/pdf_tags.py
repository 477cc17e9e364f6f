"""What WeasyPrint 70 leaves out of a tagged PDF (PDF/UA-1), put in as each PDF is made.

- Each link annotation's description (/Contents) is its link's text, as a screen reader reads
  it: WeasyPrint writes the link's target there instead ("routes-sendiass", an address).
  Set while WeasyPrint writes the PDF (its ``finisher``), from the HTML element of each link.
- Each table header cell (TH) says whether it heads a column or a row (/Scope): WeasyPrint
  uses the HTML ``scope`` to join each data cell to its headers (/Headers), but does not write
  the scope itself. Set afterwards with pikepdf, from those same /Headers.
"""

from __future__ import annotations

from collections.abc import Iterator


def link_text(element) -> str:
    """A link's text as a screen reader reads it: its aria-label, else its text (an image in it
    counts by its alt text), else its title; whitespace collapsed.
    '<a href="#x">Get <b>help</b>\\n now</a>' → 'Get help now'."""
    if label := (element.get("aria-label") or "").strip():
        return " ".join(label.split())
    parts = []

    def collect(node) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "img":
                parts.append(f" {child.get('alt') or ''} ")
            else:
                collect(child)
            parts.append(child.tail or "")

    collect(element)
    text = " ".join("".join(parts).split())
    return text or " ".join((element.get("title") or "").split())


def describe_links(document, pdf) -> None:
    """WeasyPrint's finisher: give each link annotation its link's text as /Contents.

    Each link WeasyPrint lays out (``page.links``) keeps the box it came from, and the box keeps
    the annotation written for it. The ``<a>``'s own box has the link (``box.link``); each box
    inside it (a ``<b>``, its ``::after``) gets an annotation too, listed after it: all say the
    whole link's text, as do the boxes of a link that wraps onto two lines.
    """
    import pydyf

    text = ""
    for page in document.pages:
        for _kind, _target, _rectangle, box in page.links:
            if box.link is not None and box.element is not None:
                text = link_text(box.element)
            if box.link_annotation is not None and text:
                box.link_annotation["Contents"] = pydyf.String(text)


def _kids(element) -> Iterator:
    """A structure element's child elements (not its marked content or annotations)."""
    import pikepdf

    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid


def _tables(element) -> Iterator:
    for kid in _kids(element):
        if kid.S == "/Table":
            yield kid
        else:
            yield from _tables(kid)


def _rows(element) -> Iterator:
    """A table's rows, in its THead, TBody and TFoot or directly in it."""
    for kid in _kids(element):
        if kid.S == "/TR":
            yield kid
        elif kid.S in ("/THead", "/TBody", "/TFoot"):
            yield from _rows(kid)


def _headers(cell) -> set[str]:
    attributes = cell.get("/A")
    return {str(h) for h in attributes.get("/Headers", [])} if attributes is not None else set()


def scope_table_headers(pdf) -> int:
    """Give every TH its /Scope (PDF 1.7, 14.8.5.7): /Row if a data cell in its own row names
    it among its headers, as WeasyPrint does for ``scope="row"``; /Column otherwise, as
    WeasyPrint does for any other th. A TH no cell names is a /Row header when its row has
    data cells, a /Column one when it has none. Returns how many THs were given a scope."""
    import pikepdf

    count = 0
    if "/StructTreeRoot" not in pdf.Root:  # not tagged: no table headers to scope
        return count
    for table in _tables(pdf.Root.StructTreeRoot):
        rows = [list(_kids(row)) for row in _rows(table)]
        named_by_row = [set().union(*(_headers(c) for c in r if c.S == "/TD")) for r in rows]
        named = set().union(*named_by_row)
        for cells, named_here in zip(rows, named_by_row, strict=True):
            for cell in (c for c in cells if c.S == "/TH"):
                key = str(cell.get("/ID", ""))
                has_data = any(c.S == "/TD" for c in cells)
                row_header = key in named_here if key in named else has_data
                attributes = cell.get("/A")
                if attributes is None:
                    cell.A = attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                attributes.Scope = pikepdf.Name.Row if row_header else pikepdf.Name.Column
                count += 1
    return count
