"""Output encoding at every boundary: payloads put into every free-text field of a copy of the
content (the variant council, tests/variant.py) are built into a site and crawled in Chromium.
Nothing may run (no dialog, no event handler attribute, no javascript: or data: link), nothing
may load from another host, and the payloads show as text. Payloads the loader refuses (a tag,
a javascript: link in Markdown) are covered by the broken-content fixtures, each with its
file:line message."""

from __future__ import annotations

from pathlib import Path

from conftest import SHIPPED
from policy_probe import RECORD_VIOLATIONS
from variant import PAYLOADS, make_variant_content

from macros.content import load_content


def test_every_payload_gets_past_the_loader(content_copy: Path):
    """So only escaping stands between each payload and the page: the variant's content, made
    as its build makes it (tests/builds.py), loaded without building it."""
    council = content_copy.parent / "other-council"
    make_variant_content(content_copy, content_copy / SHIPPED, council)
    load_content(council, national=content_copy / "national")


_ACTIVE_JS = """() => {
  const handlers = [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name));
  const links = [...document.querySelectorAll('[href], [src]')]
    .map(e => (e.getAttribute('href') || e.getAttribute('src') || '').trim().toLowerCase())
    .filter(v => v.startsWith('javascript:') || v.startsWith('data:'));
  return {handlers, links, text: document.body.innerText};
}"""


def test_no_payload_runs_or_loads_anything_and_each_shows_as_text(browser, variant_build):
    from sitecheck.browser import OffsiteRequests, new_context, open_page
    from sitecheck.server import page_urls, serve

    injected_site = variant_build.site
    offsite = OffsiteRequests()
    problems, shown = [], set()
    with serve(injected_site) as base:
        context = new_context(browser, offsite, viewport={"width": 1280, "height": 800})
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.on(
            "dialog",
            lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()),
        )
        try:
            for url in page_urls(injected_site):
                open_page(page, base, url, offsite)
                found = page.evaluate(_ACTIVE_JS)
                problems += [f"{url}: event handler {h}" for h in found["handlers"]]
                problems += [f"{url}: link {link}" for link in found["links"]]
                # Escaping alone stops every payload: the policy never has to (tests/test_csp.py).
                problems += [f"{url}: {v}" for v in page.evaluate("window.__violations")]
                shown |= {p for p in PAYLOADS if p in found["text"]}
                if "1337" in found["text"]:
                    problems.append(f"{url}: {{{{ 7 * 191 }}}} was run as a template")
        finally:
            context.close()
    assert problems == [] and offsite.failures() == []
    assert shown == set(PAYLOADS), f"never shown as text: {set(PAYLOADS) - shown}"
