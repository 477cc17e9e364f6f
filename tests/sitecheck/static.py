"""Checks of the built HTML files themselves: the W3C Nu HTML checker and internal links."""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from . import Failure
from .tools import VNU

# For one short run, the JVM's quick compiler alone does the work in half the processor time of
# its default two compilers (measured on 97 pages: 3.0 s against 6.7 s); the checker then
# needs a larger thread stack, as it says when it has too small a one.
_JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def nu_failures(site: Path) -> list[Failure]:
    """Every error the W3C Nu HTML checker finds in every page."""
    result = subprocess.run(
        [
            "java",
            *_JAVA_OPTIONS,
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
        # Each choice a form on the page offers, as "name=value" (a letter page's).
        self.choices: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name") and attributes.get("value"):
            self.choices.add(f"{attributes['name']}={attributes['value']}")
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        value = attributes.get(self._ATTRIBUTES.get(tag, ""))
        if value:
            self.links.append(value)


@cache
def _parse(path: Path) -> _Links:
    return links_in(path.read_text(encoding="utf-8"))


def links_in(html: str) -> _Links:
    """A page's links, ids and form choices."""
    parser = _Links()
    parser.feed(html)
    return parser


def _file_for(site: Path, url_path: str) -> Path:
    target = site / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")
_TEL = re.compile(r"^\+\d{7,15}$")


def outside_link_problem(link: str) -> str | None:
    """Why a link to another site, an email address or a phone number is not well formed, or
    None: https only, a host name with a dot, no spaces or user names; mailto: one address;
    tel: an international number."""
    if any(c.isspace() for c in link):
        return "expected no spaces in the address"
    parts = urlsplit(link)
    if parts.scheme == "mailto":
        return None if _EMAIL.match(parts.path) else "expected one email address after mailto:"
    if parts.scheme == "tel":
        return None if _TEL.match(parts.path) else "expected tel:+ and the number's digits"
    if parts.scheme != "https":
        return f"expected https:, mailto: or tel:, found {parts.scheme or 'none'}:"
    if parts.username or parts.password or parts.port:
        return "expected a host name alone, with no user name or port"
    if not _HOST.match(parts.hostname or ""):
        return f"expected a host name like www.gov.uk, found {parts.netloc!r}"
    return None


def link_failures(site: Path) -> list[Failure]:
    """Every internal link and anchor in every page leads somewhere that exists, and every link
    elsewhere is well formed (outside_link_problem)."""
    failures = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        page_url = "/" + name
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                # Other sites cannot be reached from here (no internet on the build machines), so
                # their addresses are only checked to be well formed.
                problem = outside_link_problem(link)
                if problem:
                    failures.append(Failure(name, "malformed link", link, problem))
                continue
            url, fragment = urldefrag(urljoin(page_url, link))
            target = _file_for(site, urlsplit(url).path)
            if not target.is_file():
                failures.append(
                    Failure(name, "broken link", link, "no such page or file in the site")
                )
            elif fragment and target.suffix == ".html":
                problem = fragment_problem(fragment, _parse(target))
                if problem:
                    failures.append(Failure(name, "broken link", link, problem))
    return failures


def fragment_problem(fragment: str, target: _Links) -> str | None:
    """Why a link's fragment leads nowhere on its page, or None. A fragment of answers
    ('decision-type=no-assessment&issues=education', a finder outcome's link to its letter) is
    not an anchor: each answer must be a choice the page's form offers, which its script ticks."""
    if "=" not in fragment:
        return None if fragment in target.ids else f"no #{fragment} on that page"
    missing = [answer for answer in fragment.split("&") if answer not in target.choices]
    return f"no choice {missing[0]} on that page" if missing else None


# --- Checks of every page where content alone can break it, without a browser. ---

SITE_LANGUAGE = "en-GB"
# Attributes that make the browser fetch something as the page loads (links to other sites
# are fine: nothing is fetched until the reader follows one).
_FETCHED = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
    "button": ("formaction",),
}
# <link rel=...> values whose href is fetched, or handed to another host, as the page loads.
_FETCHED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                  "manifest", "modulepreload", "apple-touch-icon", "prerender"}  # fmt: skip
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


class _PageFacts(HTMLParser):
    """What the checks of every page need from its HTML, in one parse."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.ids: set[str] = set()
        # Ids inside the main content, with their tabindex: where a skip link may lead.
        self.main_ids: dict[str, str | None] = {}
        self._main_depth = 0
        self.first_focusable: dict | None = None
        self.fetched: list[str] = []  # every address the page loads as it opens
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag in ("main", "article"):
            self._main_depth += 1
        if attributes.get("id"):
            self.ids.add(attributes["id"])
            if self._main_depth:
                self.main_ids[attributes["id"]] = attributes.get("tabindex")
        focusable = (tag == "a" and "href" in attributes) or tag in (
            "button",
            "input",
            "select",
            "textarea",
            "summary",
        )
        if self.first_focusable is None and focusable:
            self.first_focusable = {"tag": tag, **attributes}
        for name in _FETCHED.get(tag, ()):
            for value in (attributes.get(name) or "").split(","):
                if value.strip():
                    self.fetched.append(value.strip().split()[0])
        rel = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and rel & _FETCHED_LINKS and attributes.get("href"):
            self.fetched.append(attributes["href"])
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            target = (attributes.get("content") or "").partition("url=")[2]
            if target:
                self.fetched.append(target.strip("'\" "))
        if attributes.get("style"):
            self.fetched += _css_urls(attributes["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if tag in ("main", "article") and self._main_depth:
            self._main_depth -= 1

    def handle_data(self, data):
        if self._in_style:
            self.fetched += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(css)]


def _is_other_host(address: str) -> bool:
    parts = urlsplit(address)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def _page_facts(site: Path) -> dict[str, _PageFacts]:
    facts = {}
    for page in sorted(site.rglob("*.html")):
        parser = _PageFacts()
        parser.feed(page.read_text(encoding="utf-8"))
        facts[page.relative_to(site).as_posix()] = parser
    return facts


def _skip_link_failures(name: str, facts: _PageFacts) -> list[Failure]:
    """A skip link must be the first thing to take focus, and lead into the main content to
    an element that can take focus."""
    first = facts.first_focusable or {}
    href = first.get("href") or ""
    if not (
        first.get("tag") == "a" and href.startswith("#") and "skip" in (first.get("class") or "")
    ):
        found = f"<{first['tag']} href={href!r}>" if first else "nothing"
        return [
            Failure(
                name, "skip link", "first focusable element", f"expected a skip link, found {found}"
            )
        ]
    target = href[1:]
    if target not in facts.ids:
        return [Failure(name, "skip link", href, f"no element with id {target!r} on the page")]
    if target not in facts.main_ids:
        return [Failure(name, "skip link", href, "leads outside the main content")]
    if facts.main_ids[target] != "-1":
        return [
            Failure(
                name,
                "skip link",
                href,
                'its target needs tabindex="-1" so that focus moves there, found '
                f"{facts.main_ids[target]!r}",
            )
        ]
    return []


def every_page_failures(site: Path) -> dict[str, list[Failure]]:
    """The checks every page gets without a browser, by name: the page's language, its skip
    link (``_skip_link_failures``), and nothing fetched from another host (also in the site's
    own CSS files)."""
    results: dict[str, list[Failure]] = {"lang": [], "skip-link": [], "other-host": []}
    for name, facts in _page_facts(site).items():
        if facts.lang != SITE_LANGUAGE:
            results["lang"].append(
                Failure(
                    name, "lang", "<html>", f"expected lang={SITE_LANGUAGE!r}, found {facts.lang!r}"
                )
            )
        results["skip-link"] += _skip_link_failures(name, facts)
        for address in facts.fetched:
            if _is_other_host(address):
                results["other-host"].append(
                    Failure(
                        name, "other host", address, "loaded from another host as the page opens"
                    )
                )
    for stylesheet in sorted(site.rglob("*.css")):
        for address in _css_urls(stylesheet.read_text(encoding="utf-8")):
            if _is_other_host(address):
                results["other-host"].append(
                    Failure(
                        stylesheet.relative_to(site).as_posix(),
                        "other host",
                        address,
                        "loaded from another host by a stylesheet",
                    )
                )
    return results
