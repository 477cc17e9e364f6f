"""The macros' HTML, held out of Markdown: a page in docs/ gets a stand-in where a macro is
called, and the HTML goes in place of the stand-in once Markdown has made the page.

Markdown must never read what a macro returns. It holds content (a council's name, providers'
details) and Markdown would act on it: a name with a line break and '{: onmouseover=... }'
becomes an attribute (attr_list), '[x](javascript:...)' a link, '![x](https://...)' an image,
even text after an HTML block's closing tag. Escaping for HTML does not stop any of that. An
HTML comment is the stand-in because Markdown passes comments through untouched, inline in a
sentence and as a block of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html.parser import HTMLParser

_STAND_IN = "<!--sl-fragment-{}-->"
_STAND_INS = re.compile(r"<!--sl-fragment-(\d+)-->")


class HeldFragments:
    """The HTML each macro call returned, by its stand-in's number, for one build."""

    def __init__(self) -> None:
        self._held: list[str] = []

    def hold(self, html: str) -> str:
        """'<p>Kent County Council</p>' → '<!--sl-fragment-0-->'."""
        self._held.append(str(html))
        return _STAND_IN.format(len(self._held) - 1)

    def holding(self, function: Callable[..., str]) -> Callable[..., str]:
        """The macro, returning a stand-in for its HTML."""

        @functools.wraps(function)
        def held(*args, **kwargs) -> str:
            return self.hold(function(*args, **kwargs))

        return held

    def held_macros(
        self, macros: dict[str, Callable[..., str]], unheld: frozenset[str]
    ) -> dict[str, Callable[..., str]]:
        """Every macro returning a stand-in for its HTML, except those named in ``unheld``
        (they return an argument for another macro, such as an id, not HTML)."""
        return {
            name: function if name in unheld else self.holding(function)
            for name, function in macros.items()
        }

    def restore(self, html: str) -> str:
        """The page's HTML with each stand-in replaced by its macro's HTML, in one pass (so
        nothing a macro returned is read for stand-ins again)."""
        return _STAND_INS.sub(lambda match: self._held[int(match.group(1))], html)

    def ids_in(self, html: str) -> set[str]:
        """The ids in the HTML the stand-ins in ``html`` hold: where links may point (MkDocs
        checks links to anchors against a page's ids, found before the HTML is put back)."""
        parser = _Ids()
        for number in _STAND_INS.findall(html):
            parser.feed(self._held[int(number)])
        parser.close()
        return parser.ids


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids |= {value for name, value in attrs if value and name == "id"}
        if tag == "a":
            self.ids |= {value for name, value in attrs if value and name == "name"}
