"""Reading level of each family-facing page, with textstat 0.7.8 (which works offline).

Text is taken block by block (paragraphs, list items, headings) so a bullet without a full stop
counts as its own sentence, not as part of the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import textstat

from . import Failure

# Each of these holds its own sentence or phrase: form labels and legends included.
_BLOCKS = {
    *("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "figcaption"),
    *("label", "legend", "caption", "summary", "button"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class _ArticleBlocks(HTMLParser):
    """The text of each block inside <article>, leaving out elements with skipped classes."""

    def __init__(self, skip_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.in_article = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.in_article += 1
        if tag in _BLOCKS:
            self._flush()
        self.stack.append((tag, bool(classes & self.skip_classes)))

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            return
        if tag in _BLOCKS:
            self._flush()
        while self.stack:
            popped, _ = self.stack.pop()
            if popped == tag:
                break
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        # Scripts (such as schema.org data) and styles are not text anyone reads.
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if self.in_article and not self._skipping():
            self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            # A block is at least one sentence: a bullet without a full stop, or a lead-in
            # ending in a colon, must not run on into the next block.
            self.blocks.append(
                text[:-1] + "." if text[-1] == ":" else text if text[-1] in ".!?" else text + "."
            )
        self.current = []


@dataclass(frozen=True)
class ReadingLevel:
    page: str
    grade: float
    sentences: list[str]

    def longest(self, count: int = 3) -> list[tuple[int, str]]:
        ranked = sorted(((len(s.split()), s) for s in self.sentences), reverse=True)
        return ranked[:count]


def page_text(html: str, skip_classes: set[str], legal_names: list[str], stand_in: str) -> str:
    parser = _ArticleBlocks(skip_classes)
    parser.feed(html)
    parser._flush()
    text = " ".join(parser.blocks)
    for name in sorted(legal_names, key=len, reverse=True):
        text = text.replace(name, stand_in)
    return text


def reading_level(page: str, html: str, budget: dict) -> ReadingLevel:
    text = page_text(html, set(budget["skip_classes"]), budget["legal_names"], budget["stand_in"])
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    return ReadingLevel(page, round(textstat.flesch_kincaid_grade(text), 1), sentences)


def reading_failures(level: ReadingLevel, budget: dict) -> list[Failure]:
    failures = []
    if level.grade > budget["max_grade"]:
        words, sentence = level.longest(1)[0]
        failures.append(
            Failure(
                level.page,
                "reading level",
                f"Flesch-Kincaid grade {level.grade}",
                f"over the budget of {budget['max_grade']}; "
                f"longest sentence ({words} words): {sentence!r}",
            )
        )
    for words, sentence in level.longest(len(level.sentences)):
        if words <= budget["max_sentence_words"]:
            break
        failures.append(
            Failure(
                level.page,
                "reading level: long sentence",
                f"{words} words",
                f"over {budget['max_sentence_words']}: {sentence!r}",
            )
        )
    return failures


def site_reading_levels(site: Path, budget: dict) -> list[ReadingLevel]:
    levels = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix().removesuffix("index.html")
        if page in budget["not_family_facing"]:
            continue
        levels.append(reading_level(page, path.read_text(encoding="utf-8"), budget))
    return levels
