"""The site-check report: what each check looked at and found, written to reports/site-checks.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import Failure
from .reading import ReadingLevel


@dataclass
class SiteReport:
    sections: dict[str, tuple[int, list[Failure]]] = field(default_factory=dict)
    # Each council's pages and their reading levels.
    reading_levels: dict[str, list[ReadingLevel]] = field(default_factory=dict)

    def add(self, check: str, pages_checked: int, failures: list[Failure]) -> None:
        self.sections[check] = (pages_checked, sorted(failures))

    def markdown(self) -> str:
        lines = ["# Site checks", ""]
        for check, (pages, failures) in self.sections.items():
            status = "passed" if not failures else f"{len(failures)} failure(s)"
            lines += [f"## {check}", "", f"{pages} page(s) checked: {status}.", ""]
            lines += [f"- {failure}" for failure in failures]
            lines += [""] if failures else []
        for council, levels in self.reading_levels.items():
            lines += [f"## {council}: reading level of each family-facing page", ""]
            lines += [
                "| Page | Flesch-Kincaid grade | Longest sentence (words) |",
                "| --- | --- | --- |",
            ]
            for level in levels:
                words, sentence = level.longest(1)[0] if level.sentences else (0, "")
                lines.append(f"| /{level.page} | {level.grade} | {words}: {sentence} |")
            lines.append("")
        return "\n".join(lines)

    def write(self, path: Path) -> None:
        if self.sections or self.reading_levels:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.markdown(), encoding="utf-8")
