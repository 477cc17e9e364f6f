"""The council's logo is published rebuilt, so it can only draw, whatever the file holds.

An SVG is rebuilt from an allow-list (macros/safe_svg.py), a PNG decoded and encoded again
(macros/logo.py). The loader's exact messages for hostile logos are fixtures in
tests/fixtures/broken/logo-*; these tests hold the rules beneath them.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from conftest import COUNCIL_FOLDERS
from PIL import Image

from macros.logo import UnsafeLogo, logo_problem, published_logo
from macros.safe_svg import ELEMENTS, UnsafeSvg, clean_svg
from macros.site_outputs import copy_files

SHIPPED_LOGOS = sorted(COUNCIL_FOLDERS.glob("*/*.svg"))


def svg(body: str, head: str = "", attributes: str = "") -> bytes:
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg"{attributes} viewBox="0 0 48 48">'
        f"{body}</svg>"
    ).encode()


@pytest.mark.parametrize("path", SHIPPED_LOGOS, ids=lambda p: p.parent.name)
def test_a_logo_that_only_draws_is_published_as_it_is(path):
    assert published_logo(path) == path.read_bytes()


def test_a_drawing_programs_notes_are_left_out_and_the_drawing_kept():
    inkscape = svg(
        '<!-- Created with Inkscape --><metadata><rdf:RDF><cc:Work rdf:about=""/></rdf:RDF>'
        '</metadata><sodipodi:namedview id="base" inkscape:zoom="2"/>'
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer" data-name="Layer 1">'
        '<path style="fill:#ffffff;fill-opacity:1;stroke:none" d="M0 0h48v48H0z"/></g>',
        head='<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
        attributes=' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        ' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:cc="http://creativecommons.org/ns#" xml:space="preserve"',
    )
    assert clean_svg(inkscape) == (
        b'<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" viewBox="0 0 48 48">'
        b'<g><path style="fill:#ffffff;fill-opacity:1;stroke:none" d="M0 0h48v48H0z"/></g>'
        b"</svg>\n"
    )


def test_links_to_its_own_parts_are_kept_and_written_the_svg_2_way():
    gradient = svg(
        '<defs><linearGradient id="a"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<path id="p" d="M0 0h4v4z"/></defs><rect width="4" height="4" fill="url(#a)"/>'
        '<use xlink:href="#p" transform="translate(8 0)"/>',
        attributes=' xmlns:xlink="http://www.w3.org/1999/xlink"',
    )
    cleaned = clean_svg(gradient)
    assert b'fill="url(#a)"' in cleaned and b'<use href="#p"' in cleaned
    assert clean_svg(cleaned) == cleaned


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ("<script>alert(1)</script>", "<script> element, which can run code"),
        ('<image href="https://evil.example/x.png"/>', "an <image> element"),
        ('<a href="https://evil.example/"><rect/></a>', "an <a> element"),
        ('<use href="https://evil.example/x.svg#a"/>', "refers to another file or host"),
        ('<use href="data:image/svg+xml,x"/>', "refers to another file or host"),
        ('<rect onload="alert(1)"/>', "an event handler (onload=...)"),
        ("<style>@import url(x.css);</style>", "a <style> element"),
        ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>', "<fore"),
        ('<filter id="f"><feImage href="x.png"/></filter>', "a <filter> element"),
        ('<rect fill="URL(x.svg)"/>', "that a logo may not have"),
        ("<rect fill=\"url('#a')\"/>", "that a logo may not have"),
        ('<rect style="fill:url(x.svg)"/>', "that a logo may not have"),
        ('<rect style="background-image:url(#a)"/>', "sets 'background-image'"),
        ('<rect style="fill:#000/*x*/"/>', "that a logo may not have"),
        ('<rect mask="url(#a) url(x.svg#m)"/>', "that a logo may not have"),
        ('<rect class="x"/>', "a class= attribute on <rect>"),
        ('<rect xml:base="https://evil.example/"/>', "a base= attribute on <rect>"),
        ('<text><tref href="#a"/></text>', "a <tref> element"),
    ],
)
def test_anything_not_on_the_allow_list_is_refused_by_name(body, refused):
    with pytest.raises(UnsafeSvg) as raised:
        clean_svg(svg(body))
    assert refused in str(raised.value)


@pytest.mark.parametrize(
    ("data", "refused"),
    [
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            + svg("<text>&b;</text>"),
            "a DOCTYPE or ENTITY declaration",
        ),
        (svg("<text>&secret;</text>"), "is not a valid SVG file (undefined entity"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "found <html>"),
        (b"<svg><rect/></svg>", "found <svg>"),  # not in the SVG namespace: not drawn as SVG
        (svg("<g>" * 41 + "</g>" * 41), "nested more than 40 deep"),
        (b"", "is not a valid SVG file"),
    ],
)
def test_a_file_that_is_not_plain_svg_is_refused(data, refused):
    with pytest.raises(UnsafeSvg) as raised:
        clean_svg(data)
    assert refused in str(raised.value)


def test_the_allow_list_holds_only_drawing():
    # Nothing that runs, embeds, links, animates or styles from elsewhere.
    active = {"script", "style", "foreignObject", "image", "a", "set", "animate", "feImage"}
    assert not ELEMENTS & (active | {"iframe", "object", "embed", "handler", "listener"})


# --- PNG ---


def png(width: int = 2, height: int = 2) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (29, 79, 145, 255)).save(out, format="PNG")
    return out.getvalue()


def write_logo(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_png_is_published_as_its_pixels_only(tmp_path):
    with_page = png() + b"<html><script>alert(1)</script></html>"
    published = published_logo(write_logo(tmp_path, "logo.png", with_page))
    assert b"<script" not in published
    assert Image.open(io.BytesIO(published)).getpixel((1, 1)) == (29, 79, 145, 255)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG's signature and header, saying how large it is, and no pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("width", "height", "refused"),
    [
        (5_000, 5_000, "is 5,000 × 5,000 pixels: a logo must be at most 4,096 pixels each way"),
        # 14 GB to decode: Pillow's own guard refuses it as it opens.
        (60_000, 60_000, "has too many pixels to decode: a logo must be at most 4,096 pixels "
         "each way"),
    ],
)  # fmt: skip
def test_a_png_too_large_is_refused_from_its_header_before_decoding(
    tmp_path, width, height, refused
):
    with pytest.raises(UnsafeLogo) as raised:
        published_logo(write_logo(tmp_path, "logo.png", png_header_only(width, height)))
    assert str(raised.value) == refused


def test_a_logo_that_is_a_named_pipe_is_refused_without_waiting_for_it(tmp_path):
    import os

    os.mkfifo(tmp_path / "logo.svg")
    assert logo_problem("logo.svg", tmp_path, "council") == (
        "the logo 'logo.svg': expected a file of text, found a named pipe, not a regular file: "
        "remove it and put the file itself here"
    )


def test_the_build_publishes_the_rebuilt_logo_never_the_file(tmp_path):
    source = write_logo(tmp_path, "logo.png", png() + b"<html>after the image</html>")
    copy_files(tmp_path / "site", source, {})
    published = (tmp_path / "site" / "assets" / "council-logo.png").read_bytes()
    assert published == published_logo(source) != source.read_bytes()
