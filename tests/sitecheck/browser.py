"""Checks that need a real browser: Debian's Chromium, driven by Playwright.

One browser is shared by every page. It sends every request for another host to a proxy that
is not there, so nothing leaves the machine and nothing hangs; the checks' contexts record
each such request, so a page that tries to reach another host is a privacy failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request

from . import Failure
from .height import PHONE_390, measure_outcome
from .keyboard import keyboard_failures
from .static import fragment_problem, links_in
from .tools import ACE, AXE, CHROMIUM, HTMLCS

# Flags that work on this project's machines (shared/tooling/checking-tools.md): without the
# background-networking ones, Chromium keeps trying to reach Google's hosts.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
ALLOWED_HOST = "127.0.0.1"

DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 320, "height": 640}
# 1280 x 800 at 200% zoom: the browser lays the page out in half the CSS pixels.
ZOOM_200 = {"width": 640, "height": 400}


# Port 9 (discard) has no listener here: a request through this proxy fails at once. Blocking
# in the network, rather than in a Playwright route handler, saves a round trip to Python for
# every file every page loads (a third of the time a page took to load).
BLOCKING_PROXY = {"server": "http://127.0.0.1:9", "bypass": ALLOWED_HOST}


def launch(playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS, proxy=BLOCKING_PROXY
    )


@dataclass
class OffsiteRequests:
    """Requests a page tried to make to other hosts (the proxy blocks them), by page."""

    by_page: dict[str, list[str]] = field(default_factory=dict)
    current_page: str = ""

    def record(self, request: Request) -> None:
        if urlsplit(request.url).scheme in ("data", "blob", "about"):
            return
        if urlsplit(request.url).hostname != ALLOWED_HOST:
            self.by_page.setdefault(self.current_page, []).append(request.url)

    def watch(self, context: BrowserContext) -> None:
        context.on("request", self.record)

    def failures(self) -> list[Failure]:
        return [
            Failure(
                page,
                "privacy: request to another host",
                url,
                "blocked; nothing may load from other hosts",
            )
            for page, urls in self.by_page.items()
            for url in urls
        ]


# The checks read styles at once; a transition (Material fades its skip link in) would make them
# read the middle of an animation, so transitions and animations are switched off. A constructed
# stylesheet, not a <style> element: the pages' Content Security Policy refuses inline styles.
_NO_TRANSITIONS = """
document.addEventListener('DOMContentLoaded', () => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('*, *::before, *::after '
    + '{ transition: none !important; animation: none !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
});
"""


def new_context(
    browser: Browser, offsite: OffsiteRequests, with_axe: bool = False, **options
) -> BrowserContext:
    """A context that records requests to other hosts and turns transitions off; with_axe
    loads axe-core into every page (it costs a tenth of a second a page, so only where used)."""
    context = browser.new_context(**options)
    offsite.watch(context)
    context.add_init_script(_NO_TRANSITIONS)
    if with_axe:
        context.add_init_script(path=str(AXE))
    return context


def open_page(page: Page, base_url: str, path: str, offsite: OffsiteRequests) -> None:
    offsite.current_page = path or "/"
    page.goto(urljoin(base_url, path), wait_until="load")


def axe_failures(page: Page, name: str, viewport: str) -> list[Failure]:
    result = page.evaluate(
        """tags => axe.run(document, {
          runOnly: {type: 'tag', values: tags},
          resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    failures = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            failures.append(
                Failure(
                    name,
                    f"axe {violation['id']} at {viewport}",
                    " ".join(str(target) for target in node["target"]),
                    f"{violation['help']}. {summary}",
                )
            )
    return failures


def load_checker(page: Page, script: Path) -> None:
    """Run a checker's script in the page. Evaluated by the browser's DevTools protocol, not
    added as a <script> element, which the pages' Content Security Policy refuses."""
    page.evaluate(script.read_text(encoding="utf-8") + "\n;0")


def ibm_failures(page: Page, name: str) -> list[Failure]:
    """IBM Equal Access (accessibility-checker-engine), WCAG 2.2 policy: its violations."""
    load_checker(page, ACE)
    violations = page.evaluate(
        """async () => {
          const report = await new ace.Checker().check(document, ['WCAG_2_2']);
          return report.results
            .filter(r => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
            .map(r => ({rule: r.ruleId, path: r.path.dom, message: r.message}));
        }"""
    )
    return [
        Failure(name, f"IBM Equal Access {v['rule']}", v["path"], v["message"]) for v in violations
    ]


def htmlcs_failures(page: Page, name: str) -> list[Failure]:
    """HTML_CodeSniffer, WCAG 2 AA standard: its errors (not its warnings or notices)."""
    load_checker(page, HTMLCS)
    errors = page.evaluate(
        """() => new Promise(done => HTMLCS.process('WCAG2AA', document, () => done(
          HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => ({
            code: m.code,
            element: (m.element.outerHTML || m.element.nodeName || '').slice(0, 80),
            message: m.msg,
          }))
        )))"""
    )
    return [
        Failure(name, f"HTML_CodeSniffer {e['code']}", e["element"], e["message"]) for e in errors
    ]


# Elements wider than the viewport: the cause of horizontal scrolling.
_WIDE_ELEMENTS_JS = """
width => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1 && e.checkVisibility())
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 3)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
       (typeof e.className === 'string' && e.className.trim()
         ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))
"""


def reflow_failures(page: Page, name: str, viewport: dict, label: str) -> list[Failure]:
    """No horizontal scrolling (WCAG 1.4.10 reflow)."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= viewport["width"]:
        return []
    culprits = page.evaluate(_WIDE_ELEMENTS_JS, viewport["width"]) or ["(page)"]
    return [
        Failure(
            name,
            f"reflow at {label}",
            culprit,
            f"page scrolls sideways: {scroll_width}px wide in a {viewport['width']}px window",
        )
        for culprit in culprits
    ]


# Text cut off by its box (overflow hidden or clip), which zooming can cause.
_CLIPPED_TEXT_JS = """
() => [...document.querySelectorAll('article *')]
  .filter(e => e.checkVisibility() && e.textContent.trim())
  // Text hidden on purpose for screen readers is clipped to 1px: not a zoom problem.
  .filter(e => e.getBoundingClientRect().width > 1 && e.getBoundingClientRect().height > 1)
  .filter(e => { const s = getComputedStyle(e);
    return ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY); })
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ': '
       + e.textContent.trim().slice(0, 40))
"""


def zoom_failures(page: Page, name: str) -> list[Failure]:
    """At 200% zoom, no sideways scrolling and no text cut off (WCAG 1.4.4 resize text)."""
    failures = reflow_failures(page, name, ZOOM_200, "200% zoom")
    for element in page.evaluate(_CLIPPED_TEXT_JS):
        failures.append(
            Failure(name, "text cut off at 200% zoom", element, "text does not fit its box")
        )
    return failures


def no_javascript_failures(page: Page, name: str) -> list[Failure]:
    """With JavaScript off, the main content shows and every link in it works."""
    article = page.locator("article")
    if article.count() == 0 or not article.first.is_visible():
        return [Failure(name, "no JavaScript", "article", "the main content is not shown")]
    if len(article.first.inner_text().strip()) < 20:
        return [Failure(name, "no JavaScript", "article", "the main content is empty")]
    failures = []
    hrefs = article.first.evaluate("a => [...a.querySelectorAll('a[href]')].map(l => l.href)")
    targets: dict[str, str | None] = {}
    for href in hrefs:
        if urlsplit(href).hostname != ALLOWED_HOST:
            continue  # mailto:, tel: and other sites cannot be checked offline
        url, fragment = urldefrag(href)
        if url not in targets:
            response = page.request.get(url)
            targets[url] = response.text() if response.ok else None
        html = targets[url]
        if html is None:
            failures.append(
                Failure(name, "no JavaScript: broken link", href, "the linked page does not load")
            )
        elif fragment and (problem := fragment_problem(fragment, links_in(html))):
            # An anchor, or answers a letter's page ticks (static.fragment_problem).
            failures.append(Failure(name, "no JavaScript: broken link", href, problem))
    return failures


# --- All checks over a list of pages, one pass per browser setting. ---

# The keys of check_pages' failures, one per check.
CHECKS = ("axe", "ibm", "htmlcs", "reflow", "privacy", "no-javascript", "keyboard")


def _desktop(page: Page, name: str) -> dict[str, list[Failure]]:
    return {
        "axe": axe_failures(page, name, "1280x800"),
        "keyboard": keyboard_failures(page, name),
        "ibm": ibm_failures(page, name),
        "htmlcs": htmlcs_failures(page, name),
    }


def _phone(page: Page, name: str) -> dict[str, list[Failure]]:
    return {
        "axe": axe_failures(page, name, "320x640"),
        "reflow": reflow_failures(page, name, PHONE, "320px"),
        "keyboard": keyboard_failures(page, name, "320px"),
    }


def _tablet(page: Page, name: str) -> dict[str, list[Failure]]:
    # Where a menu folds away, nothing hidden may take focus: checked at three widths.
    return {"keyboard": keyboard_failures(page, name, "768px")}


def _zoomed(page: Page, name: str) -> dict[str, list[Failure]]:
    return {"reflow": zoom_failures(page, name)}


def _no_javascript(page: Page, name: str) -> dict[str, list[Failure]]:
    return {
        "no-javascript": no_javascript_failures(page, name),
        # Some layout is fixed by JavaScript; without it the page must still fit a phone.
        "reflow": reflow_failures(page, name, PHONE, "320px without JavaScript"),
    }


@dataclass(frozen=True)
class Setting:
    """One way of loading every page, and the checks run on each page loaded that way."""

    checks: object  # (page, name) -> {check: failures}
    with_axe: bool
    options: dict


# Each setting is a pass over the pages on its own, so passes can run on different workers.
# Slowest first: the test scheduler (tests/xdist_order.py) starts them in this order.
SETTINGS = {
    "desktop": Setting(_desktop, True, {"viewport": DESKTOP}),
    "phone": Setting(_phone, True, {"viewport": PHONE}),
    "tablet": Setting(_tablet, False, {"viewport": TABLET}),
    "no-javascript": Setting(
        _no_javascript, False, {"viewport": PHONE, "java_script_enabled": False}
    ),
    "zoom": Setting(_zoomed, False, {"viewport": ZOOM_200, "device_scale_factor": 2}),
}


@dataclass
class BrowserRun:
    """What a run of browser checks found, by check."""

    failures: dict[str, list[Failure]]


def check_pages(
    browser: Browser, base_url: str, pages: list[str], settings: list[str] = tuple(SETTINGS)
) -> BrowserRun:
    """Run the checks of each setting on every page, loading each page once per setting.

    Requests to other hosts are recorded in every pass, so the privacy check sees each page
    with JavaScript on and off, at every size.
    """
    offsite = OffsiteRequests()
    results: dict[str, list[Failure]] = {check: [] for check in CHECKS}
    for name in settings:
        setting = SETTINGS[name]
        context = new_context(browser, offsite, setting.with_axe, **setting.options)
        page = context.new_page()
        try:
            for path in pages:
                open_page(page, base_url, path, offsite)
                for check, failures in setting.checks(page, path or "/").items():
                    results[check].extend(failures)
        finally:
            context.close()
    results["privacy"] = offsite.failures()
    return BrowserRun(results)


@dataclass
class EveryPageRun:
    reflow: list[Failure]
    privacy: list[Failure]
    outcomes: dict  # url -> height.OutcomeMeasure, at 390 px


def load_every_page(
    browser: Browser, base_url: str, pages: list[str], outcome_pages: set[str] = frozenset()
) -> EveryPageRun:
    """Every page at 320 px, the width where content alone (a long word, a wide table, an
    address) can make a page scroll sideways: one load and one measurement a page, with the
    requests it makes to other hosts recorded and blocked. Each finder outcome page is then
    measured at 390 px (tests/sitecheck/height.py) without loading it again."""
    offsite = OffsiteRequests()
    reflow: list[Failure] = []
    outcomes = {}
    context = browser.new_context(viewport=PHONE)
    offsite.watch(context)
    page = context.new_page()
    try:
        for path in pages:
            if page.viewport_size != PHONE:
                page.set_viewport_size(PHONE)
            open_page(page, base_url, path, offsite)
            reflow.extend(reflow_failures(page, path or "/", PHONE, "320px"))
            if path in outcome_pages:
                page.set_viewport_size(PHONE_390)
                outcomes[path] = measure_outcome(page)
    finally:
        context.close()
    return EveryPageRun(reflow, offsite.failures(), outcomes)
