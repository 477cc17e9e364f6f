"""The council's logo: where it may be, what it may be, and the file the site publishes.

The logo is a file of the council's folder named in site.yml (branding.logo). It is published at
assets/council-logo.svg or .png, where a browser opening its address runs what the file holds, so
it is never copied as it is: an SVG is rebuilt from an allow-list (safe_svg: it can only draw), and
a PNG is decoded and encoded again (Pillow: only its pixels are kept, so a PNG with a web page
after its image, or in place of it, publishes only the image). The loader makes the same file, so
`make check` refuses any logo the build could not publish.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from .contentfiles import not_regular_reason
from .safe_svg import UnsafeSvg, clean_svg

MAX_LOGO_BYTES = 1024 * 1024
# The header shows the logo 40 pixels high; a larger image only makes the site slower.
MAX_LOGO_SIDE = 4096
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class UnsafeLogo(ValueError):
    """What is wrong with the logo, in words, after "the logo 'logo.svg' "."""


def logo_problem(logo: str, folder: Path, shown_folder: str) -> str | None:
    """What is wrong with the logo named ``logo`` in the council's ``folder``, as a whole
    message, or None when it can be published."""
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder.resolve()):
        return (
            f"the logo {logo!r} leads to a file outside {shown_folder}/ (a link or '..'): copy "
            "the file into the council's folder and name it here"
        )
    if not path.exists() or path.suffix.lower() not in (".svg", ".png"):
        missing = "" if path.exists() else " (no such file)"
        return f"expected an SVG or PNG file in {shown_folder}/, found {logo!r}{missing}"
    not_regular = not_regular_reason(path)
    if not_regular is not None:
        return f"the logo {logo!r}: {not_regular}"
    try:
        published_logo(path)
    except UnsafeLogo as error:
        return f"the logo {logo!r} {error}"
    return None


def published_logo(path: Path) -> bytes:
    """The logo file as the site publishes it, or UnsafeLogo."""
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise UnsafeLogo(f"is {size // 1024} KB: a logo must be under 1 MB")
    data = path.read_bytes()
    if path.suffix.lower() == ".png":
        return _png_again(data)
    try:
        return clean_svg(data)
    except UnsafeSvg as error:
        raise UnsafeLogo(str(error)) from None


def _png_again(data: bytes) -> bytes:
    """The PNG's pixels, decoded and encoded again: nothing else of the file is kept."""
    if not data.startswith(PNG_SIGNATURE):
        raise UnsafeLogo(
            "is not a PNG image (a PNG file starts with the bytes \\x89PNG, and this one does "
            "not): save the logo as PNG or SVG"
        )
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            width, height = image.size
            if max(width, height) > MAX_LOGO_SIDE:
                raise UnsafeLogo(
                    f"is {width:,} × {height:,} pixels: a logo must be at most "
                    f"{MAX_LOGO_SIDE:,} pixels each way"
                )
            image.load()
            again = io.BytesIO()
            image.save(again, format="PNG")
    except UnsafeLogo:
        raise
    except Image.DecompressionBombError:
        raise UnsafeLogo(
            f"has too many pixels to decode: a logo must be at most {MAX_LOGO_SIDE:,} pixels "
            "each way"
        ) from None
    # Whatever the decoder raises (OSError, SyntaxError, zlib's errors...), the file is not a
    # PNG that can be shown; its words name Pillow's internals, so they are not repeated.
    except Exception:  # noqa: BLE001
        raise UnsafeLogo(
            "starts like a PNG image but cannot be read as one: save it again as PNG"
        ) from None
    return again.getvalue()
