"""Where the project's parts are, for the tests and the benchmarks (tests/conftest.py passes
these on to the tests that import them from there)."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# The national layer and the councils' folders (content/councils/<name>/).
NATIONAL = PROJECT / "content" / "national"
COUNCIL_FOLDERS = PROJECT / "content" / "councils"
# Where the shipped Example Council sits inside a content/ folder (the project's or a copy's).
SHIPPED = Path("councils") / "example-council"
SHIPPED_COUNCIL = PROJECT / "content" / SHIPPED
# Where a build keeps the PDFs it made (macros/__init__.py), relative to mkdocs.yml.
PDF_CACHE = ".cache/pdfs"

# The councils whose content is built and checked: the shipped one ("default", what `make site`
# builds) and every other council folder.
COUNCILS = {
    "default": None,
    **{p.name: p for p in sorted(COUNCIL_FOLDERS.iterdir()) if p.is_dir() and p != SHIPPED_COUNCIL},
}
