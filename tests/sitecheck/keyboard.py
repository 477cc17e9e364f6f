"""The keyboard walk, in the browser: Tab through a page from its start, recording each
element that takes focus (is it visible, does it show a focus indicator), and check that the
first Tab reaches a skip link that moves focus to the main content."""

from __future__ import annotations

from dataclasses import replace

from playwright.sync_api import Page

from . import Failure

# Installed once per page: each element that takes focus is described while it has focus (its
# focus styles apply then), in order. The walk stops at the first element seen twice (Tab came
# round to the start again) or at the page's end (focus left the page).
_RECORD_FOCUS_JS = """
() => {
  window.slFocus = {seen: [], done: false};
  document.addEventListener('focusin', event => {
    const record = window.slFocus, e = event.target;
    if (record.done) return;
    if (e.hasAttribute('data-sl-focus-order')) { record.done = true; return; }
    const order = String(record.seen.length);
    e.setAttribute('data-sl-focus-order', order);
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    record.seen.push({
      name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.getAttribute('href') ? '[href="' + e.getAttribute('href') + '"]' : '') +
            (e.textContent.trim()
              ? ' "' + e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30) + '"' : ''),
      visible: r.width > 0 && r.height > 0
               && e.checkVisibility({opacityProperty: true, visibilityProperty: true})
               && r.bottom > -window.scrollY && r.right > 0,
      tag: e.tagName.toLowerCase(),
      href: e.getAttribute('href') || '',
      skip: /skip/i.test(String(e.className)) || /^skip/i.test(e.textContent.trim()),
      style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '),
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
      shadow: s.boxShadow !== 'none',
    });
  }, true);
}
"""

# How many Tabs the page should take: its focusable elements. The walk presses that many (and
# two more, to come round to the start) before it first looks at the record, then a few at a
# time; each Tab costs about 10 ms on a long page, so pressing far past the end is waste.
_FOCUSABLE_COUNT_JS = """
() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"])'
)].filter(e => e.checkVisibility()).length
"""
_TABS_PER_LOOK = 5
_MOST_TABS = 400

_UNFOCUSED_STYLES_JS = """
() => { document.activeElement && document.activeElement.blur();
  return Object.fromEntries([...document.querySelectorAll('[data-sl-focus-order]')].map(e => {
    const s = getComputedStyle(e);
    const style = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | ');
    return [e.getAttribute('data-sl-focus-order'), style];
  })); }
"""


def keyboard_failures(page: Page, name: str, width: str = "1280px") -> list[Failure]:
    """The first Tab reaches a skip link that moves focus to the main content; every element
    that takes focus is visible and shows a focus indicator (outline or box-shadow). Each
    failure says at which window width it was found."""
    return [
        replace(failure, message=f"{failure.message} (at {width})")
        for failure in _keyboard_failures(page, name)
    ]


def _keyboard_failures(page: Page, name: str) -> list[Failure]:
    failures = []
    page.evaluate(_RECORD_FOCUS_JS)
    done, tabs = False, 0
    batch = min(page.evaluate(_FOCUSABLE_COUNT_JS) + 2, _MOST_TABS)
    while not done and tabs < _MOST_TABS:
        for _ in range(batch):
            page.keyboard.press("Tab")
        tabs += batch
        batch = _TABS_PER_LOOK
        done = page.evaluate(
            "() => window.slFocus.done || document.activeElement === document.body"
        )
    seen = {
        str(order): element for order, element in enumerate(page.evaluate("window.slFocus.seen"))
    }
    for element in seen.values():
        if not element["visible"]:
            failures.append(
                Failure(
                    name,
                    "keyboard: invisible element takes focus",
                    element["name"],
                    "it cannot be seen when focused",
                )
            )
    unfocused = page.evaluate(_UNFOCUSED_STYLES_JS)
    for order, element in seen.items():
        indicator = (element["outline"] or element["shadow"]) and element["style"] != unfocused.get(
            order
        )
        if element["visible"] and not indicator:
            failures.append(
                Failure(
                    name,
                    "keyboard: no visible focus indicator",
                    element["name"],
                    "outline and box-shadow are the same with and without focus "
                    f"({element['style']})",
                )
            )
    return failures + _skip_link_failures(page, name, seen.get("0"))


def _skip_link_failures(page: Page, name: str, first: dict | None) -> list[Failure]:
    """The first element Tab reached must be a skip link that moves focus to the main content."""
    if first is None:
        return [
            Failure(name, "keyboard: skip link", "first Tab", "reaches nothing, not a skip link")
        ]
    if not (first["tag"] == "a" and first["href"].startswith("#") and first["skip"]):
        return [
            Failure(
                name,
                "keyboard: skip link",
                "first Tab",
                f"reaches {first['name']}, not a skip link",
            )
        ]
    page.evaluate("() => document.querySelector('[data-sl-focus-order=\"0\"]').focus()")
    page.keyboard.press("Enter")
    moved = page.evaluate(
        """id => { const t = document.getElementById(id), a = document.activeElement;
          return !!t && (a === t || t.contains(a)); }""",
        first["href"][1:],
    )
    if moved:
        return []
    return [
        Failure(
            name, "keyboard: skip link", first["href"], "does not move focus to the main content"
        )
    ]
