"""Output encoding at every boundary: payloads put into every free-text field of a copy of the
content are built into a site and crawled in Chromium. Nothing may run (no dialog, no event
handler attribute, no javascript: or data: link), nothing may load from another host, and the
payloads show as text. Payloads the loader refuses (a tag, a javascript: link in Markdown) are
covered by the broken-content fixtures, each with its file:line message."""

from __future__ import annotations

import pytest
import yaml
from conftest import copy_project, run_mkdocs_build

from macros.content import load_content

# Each one gets past the loader's checks, so only escaping can stop it.
PAYLOADS = [
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(2)' x='",
    "{{ 7 * 191 }} {% if true %}jinja{% endif %}",
    "javascript:alert(3)",
    "&lt;img src=x onerror=alert(4)&gt;",
    "]]> --> */ \\'; end",
    "\\u003cscript\\u003ealert(5)",
]
# Fields of free text families read (names, sentences and paragraphs).
TEXT_KEYS = {
    "name", "title", "summary", "description", "text", "why", "first_step", "label", "hint",
    "introduction", "who_can_use", "covers", "when", "cost", "produces", "heading",
    "applies_when", "between", "about", "purpose", "stages_intro", "covers_intro",
    "former_names_note", "mediation_advice_note", "intro", "how_to_start", "points", "notes",
    "help_with", "known_issues", "how_tested",
}  # fmt: skip


def inject(value, key=None):
    """The data with every payload added to the end of every free-text value."""
    if isinstance(value, dict):
        return {k: inject(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return " ".join([value, *PAYLOADS])
    return value


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("injection") / "project")
    for path in sorted((project / "content").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(
            yaml.safe_dump(inject(data), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    load_content(project / "content")  # every payload gets past the loader
    site = project.parent / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


_ACTIVE_JS = """() => {
  const handlers = [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name));
  const links = [...document.querySelectorAll('[href], [src]')]
    .map(e => (e.getAttribute('href') || e.getAttribute('src') || '').trim().toLowerCase())
    .filter(v => v.startsWith('javascript:') || v.startsWith('data:'));
  return {handlers, links, text: document.body.innerText};
}"""


def test_no_payload_runs_or_loads_anything_and_each_shows_as_text(browser, injected_site):
    from sitecheck.browser import OffsiteRequests, new_context, open_page
    from sitecheck.server import page_urls, serve

    offsite = OffsiteRequests()
    problems, shown = [], set()
    with serve(injected_site) as base:
        context = new_context(browser, offsite, viewport={"width": 1280, "height": 800})
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
                shown |= {p for p in PAYLOADS if p in found["text"]}
                if "1337" in found["text"]:
                    problems.append(f"{url}: {{{{ 7 * 191 }}}} was run as a template")
        finally:
            context.close()
    assert problems == [] and offsite.failures() == []
    assert shown == set(PAYLOADS), f"never shown as text: {set(PAYLOADS) - shown}"
