"""The site's addresses for pages made from content: one place for the URL scheme.

Addresses are site-relative and end in '/', as MkDocs writes them with use_directory_urls.
"""

from __future__ import annotations

import functools
import posixpath

ROUTES_ROOT = "routes/"
FORMS_ROOT = "forms/"
FINDER_START = "which-route/"
# Where each path through the route finder has its page.
FINDER_ROOT = "which-route/questions/"
SENDIASS_PAGE = "sendiass/"
# How to send an appeal or claim to the tribunal, and what happens next (docs/how-to-appeal.md).
APPEAL_GUIDE_PAGE = "how-to-appeal/"
PROPOSED_CHANGES_PAGE = "proposed-changes/"
# In the guide's reading order (national.yml guide_order): every route's page, in order.
ALL_ROUTES = f"{ROUTES_ROOT}*"


def route_url(route_id: str) -> str:
    return f"{ROUTES_ROOT}{route_id}/"


def form_url(form_id: str) -> str:
    return f"{FORMS_ROOT}{form_id}/"


def docs_url(path: str) -> str:
    """The address of a page written in docs/: 'routes/compare.md' → 'routes/compare/'."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def docs_addresses(docs_dir) -> dict[str, str]:
    """{address: 'docs/<file>'} for every page written in docs/, so pages made from content can
    be kept from taking an address that is already used."""
    from pathlib import Path

    docs_dir = Path(docs_dir)
    return {
        docs_url(path.relative_to(docs_dir).as_posix()): f"docs/{path.relative_to(docs_dir)}"
        for path in sorted(docs_dir.rglob("*.md"))
    }


@functools.cache  # pages link to the same few pages over and over; relpath is slow
def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-relative page address to another.

    relative_url('routes/mediation/', 'which-route/') → '../../which-route/';
    relative_url('routes/', 'routes/mediation/') → 'mediation/'.
    """
    target = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if target == "." else target.rstrip("/") + "/"
