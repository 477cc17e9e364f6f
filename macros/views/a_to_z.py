"""The A to Z: every page a family may look for, by its title."""

from __future__ import annotations

from pathlib import Path

from ..content import Content
from ..urls import docs_url, form_url, relative_url, route_url


def titled_docs_pages(nav: list, section: str | None = None) -> list[tuple[str, str]]:
    """(title, address) of each page in a MkDocs-style nav list: 'Title: file.md' entries, and
    a section's untitled first page under the section's own title."""
    found: list[tuple[str, str]] = []
    for index, entry in enumerate(nav):
        if isinstance(entry, str):
            if section is not None and index == 0:
                found.append((section, docs_url(entry)))
            continue
        for title, value in entry.items():
            if isinstance(value, str):
                found.append((title, docs_url(value)))
            else:
                found += titled_docs_pages(value, title)
    return found


def docs_page_title(path: Path) -> str:
    """A page in docs/ is titled by its first level-one heading ('# Privacy' → 'Privacy'), as
    the site generator titles it."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line.removeprefix("# ").strip()
    raise ValueError(f"{path}: a page the A to Z lists has no '# ' heading to title it")


def titled_files(docs_dir: Path, files: list[str]) -> list[tuple[str, str]]:
    """(title, address) of pages in docs/ named by their files."""
    return [(docs_page_title(docs_dir / file), docs_url(file)) for file in files]


def a_to_z(content: Content, docs_pages: list[tuple[str, str]], from_url: str) -> list[dict]:
    """Every page a family may look for, by its title from A to Z, grouped by first letter."""
    entries = {
        *docs_pages,
        *((route.name, route_url(route.id)) for route in content.routes.values()),
        *((form.title, form_url(form.id)) for form in content.forms.values()),
    }
    groups: dict[str, list[dict]] = {}
    # Same titles (a page and a route both called "Disagreement resolution") by address, so
    # every build lists them in the same order.
    for title, url in sorted(entries, key=lambda entry: (entry[0].casefold(), entry[1])):
        groups.setdefault(title[0].upper(), []).append(
            {"title": title, "url": relative_url(from_url, url)}
        )
    return [{"letter": letter, "entries": items} for letter, items in groups.items()]
