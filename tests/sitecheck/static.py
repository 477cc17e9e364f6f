"""Checks of the built HTML files themselves: the W3C Nu HTML checker and internal links."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from . import Failure
from .tools import VNU


def nu_failures(site: Path) -> list[Failure]:
    """Every error the W3C Nu HTML checker finds in every page."""
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    failures = []
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        page = path.relative_to(site.resolve()).as_posix() if path.is_absolute() else str(path)
        extract = " ".join(message.get("extract", "").split())[:80]
        where = f"line {message.get('lastLine', '?')}: {extract}"
        failures.append(Failure(page, "nu-html", where, message["message"]))
    if result.returncode not in (0, 1) or (result.returncode == 1 and not failures):
        failures.append(
            Failure(str(site), "nu-html", "checker", f"did not run: {result.stderr[:300]}")
        )
    return failures


class _Links(HTMLParser):
    _ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        value = attributes.get(self._ATTRIBUTES.get(tag, ""))
        if value:
            self.links.append(value)


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _file_for(site: Path, url_path: str) -> Path:
    target = site / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


def link_failures(site: Path) -> list[Failure]:
    """Every internal link and anchor in every page leads somewhere that exists."""
    failures = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        page_url = "/" + name
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # other sites, mailto: and tel: are not part of this site
            url, fragment = urldefrag(urljoin(page_url, link))
            target = _file_for(site, urlsplit(url).path)
            if not target.is_file():
                failures.append(
                    Failure(name, "broken link", link, "no such page or file in the site")
                )
            elif fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                failures.append(Failure(name, "broken link", link, f"no #{fragment} on that page"))
    return failures
