"""A whole site built from a council folder an attacker wrote (tests/hostile.py: every string
the loader accepts set to an XSS payload), crawled in Chromium with JavaScript on.

On every page: no dialog, no request to another host, no Content Security Policy violation (so
escaping alone stopped everything, and the policy never had to), no element with an event
handler or a style attribute, no javascript:, data: or vbscript: address, no script that is not
one of the site's files, no JSON-LD block a payload broke, and no template syntax run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from builds import copy_project, note_build, once_per_run
from hostile import HOSTILE_ADDRESSES, NAME_FIRST, make_hostile_council
from policy_probe import RECORD_VIOLATIONS, OtherHosts, policy_errors_in_console


@dataclass(frozen=True)
class HostileBuild:
    site: Path
    placed: str  # which payload went where, one line each
    rounds: int


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory, built_sites) -> HostileBuild:
    """The hostile council, built once per run by `make site`'s command as a preview (no whole
    guide PDF). It waits for the shipped council's build, so it carries that PDF cache."""
    built_sites("default")

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        council = make_hostile_council(project / "content")
        lines = [
            f"{payload!r}: {at}" for payload, places in council.placed.items() for at in places
        ]
        (folder / "placed.txt").write_text("\n".join(lines), encoding="utf-8")
        (folder / "rounds.txt").write_text(str(council.rounds), encoding="utf-8")
        note_build("extra", "the hostile council")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEND_PREVIEW": "1"}
        env["SEND_CONTENT"] = str(council.folder)
        result = subprocess.run(
            [sys.executable, "-m", "macros.build", "--site-dir", str(folder / "site")],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0 and "Traceback" not in output, output

    folder = once_per_run(tmp_path_factory, "hostile", make)
    return HostileBuild(
        folder / "site",
        (folder / "placed.txt").read_text(encoding="utf-8"),
        int((folder / "rounds.txt").read_text(encoding="utf-8")),
    )


@pytest.mark.extra_build
def test_the_hostile_council_carries_every_kind_of_payload(hostile_build):
    """So the crawl below meets each kind: markup, quote break-outs, javascript: and data:
    addresses, Markdown links, images and attr_list, entities, template syntax."""
    placed = hostile_build.placed
    for kind in (
        "double-quote-breakout",
        "single-quote-breakout",
        "javascript-url",
        "data:text/html",
        "markdown-link",
        "markdown-image.png",
        "attr-list",
        "entity",
        "7 * 191",
        "name-markdown-link",
        "address-breakout",
        "address-quote",
        "address-script",
    ):
        assert kind in placed, f"no field took the {kind} payload:\n{placed}"
    assert f"{NAME_FIRST!r}: site.yml: ('council', 'name')" in placed
    assert f"{HOSTILE_ADDRESSES[0]!r}: site.yml: ('council', 'site_address')" in placed


_ACTIVE = """() => {
  const bad = [];
  const elsewhere = url => new URL(url, location.href).origin !== location.origin;
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on') || attribute.name === 'style')
        bad.push(`<${element.localName} ${attribute.name}>`);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcset'].includes(attribute.name)) {
        const address = attribute.value.replace(/[\\t\\n\\r]/g, '').trim().toLowerCase();
        if (/^(javascript|data|vbscript):/.test(address))
          bad.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
      }
    }
  }
  for (const script of document.scripts) {
    if (script.type === 'application/ld+json') {
      try { JSON.parse(script.textContent); } catch (e) { bad.push('JSON-LD that is not JSON'); }
    } else if (!script.src || elsewhere(script.src)) {
      bad.push(`<script src="${script.src}">`);
    }
  }
  for (const element of document.querySelectorAll('img, link, video, audio, source')) {
    const address = element.src || element.href;
    if (address && elsewhere(address)) bad.push(`<${element.localName}> from ${address}`);
  }
  const never = 'base, style, iframe, frame, object, embed, form[action]';
  for (const element of document.querySelectorAll(never)) bad.push(`<${element.localName}>`);
  if (document.body.innerText.includes('1337')) bad.push('template syntax was run');
  return {bad, header: document.querySelector('.sl-header__name').textContent};
}"""


@pytest.mark.extra_build
def test_nothing_from_hostile_content_runs_or_loads_in_the_browser(browser, hostile_build):
    from sitecheck.server import page_urls, serve

    urls = page_urls(hostile_build.site)
    other_hosts, problems, dialogs = OtherHosts(), [], []
    started = time.perf_counter()
    with serve(hostile_build.site) as base:
        context = browser.new_context()
        other_hosts.watch(context)
        context.add_init_script(RECORD_VIOLATIONS)
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            console = policy_errors_in_console(page)
            for url in urls:
                other_hosts.current_page = url
                page.goto(base + url, wait_until="load")
                found = page.evaluate(_ACTIVE)
                problems += [f"{url}: {item}" for item in found["bad"]]
                problems += [f"{url}: {v}" for v in page.evaluate("window.__violations")]
        finally:
            context.close()
    crawl_seconds = time.perf_counter() - started
    assert dialogs == [] and other_hosts.announced == [] and console == []
    assert problems == []
    # The name went onto every page as text, Markdown and all.
    assert found["header"].startswith(NAME_FIRST)
    assert len(urls) > 100 and crawl_seconds < 60, (len(urls), crawl_seconds)
