"""Page weight: every byte a browser downloads for the first view of a page, by kind.

Measured in Chromium by recording each response, with JavaScript on (everything the page loads,
including what its scripts fetch) and off (what a page needs without JavaScript).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Browser

KINDS = {
    ".html": "html",
    "/": "html",
    ".css": "css",
    ".js": "javascript",
    ".woff": "fonts",
    ".woff2": "fonts",
    ".ttf": "fonts",
    ".svg": "images",
    ".png": "images",
    ".jpg": "images",
    ".ico": "images",
    ".json": "data",
}


def kind_of(url: str) -> str:
    path = urlsplit(url).path
    for ending, kind in KINDS.items():
        if path.endswith(ending):
            return kind
    return "other"


@dataclass
class Weight:
    raw: dict[str, int] = field(default_factory=dict)
    gzip: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, body: bytes) -> None:
        self.raw[kind] = self.raw.get(kind, 0) + len(body)
        self.gzip[kind] = self.gzip.get(kind, 0) + len(gzip.compress(body, compresslevel=9))

    @property
    def total_gzip(self) -> int:
        return sum(self.gzip.values())

    @property
    def total_raw(self) -> int:
        return sum(self.raw.values())


def page_weight(browser: Browser, base_url: str, path: str, javascript: bool = True) -> Weight:
    context = browser.new_context(java_script_enabled=javascript)
    weight = Weight()
    bodies: list[tuple[str, bytes]] = []

    def record(response) -> None:
        if response.ok:  # 2xx responses carry the bytes downloaded; redirects have no body
            bodies.append((response.url, response.body()))

    page = context.new_page()
    page.on("response", record)
    try:
        page.goto(urljoin(base_url, path), wait_until="networkidle")
    finally:
        context.close()
    for url, body in bodies:
        weight.add(kind_of(url), body)
    return weight
