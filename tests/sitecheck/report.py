"""The site-check report: what each check looked at and found, a file per council in reports/
(reports/site-checks-default.md). Each council's checks run in one pytest-xdist worker, so
each file is written whole by one process."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import Failure
from .reading import ReadingLevel


@dataclass
class SiteReport:
    # council -> check -> (pages checked, failures)
    sections: dict[str, dict[str, tuple[int, list[Failure]]]] = field(default_factory=dict)
    # Each council's pages and their reading levels.
    reading_levels: dict[str, list[ReadingLevel]] = field(default_factory=dict)
    # Each council's pages checked in the browser (tests/sitecheck/sample.py).
    browser_samples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, council: str, check: str, pages_checked: int, failures: list[Failure]) -> None:
        self.sections.setdefault(council, {})[check] = (pages_checked, sorted(failures))

    def markdown(self, council: str) -> str:
        lines = [f"# Site checks: {council}", ""]
        if council in self.browser_samples:
            sample = self.browser_samples[council]
            lines += [
                "## Pages checked in the browser",
                "",
                f"{len(sample)} page(s), a sample that covers every page's template and "
                "components (tests/sitecheck/sample.py):",
                "",
                *[f"- /{url}" for url in sample],
                "",
            ]
        for check, (pages, failures) in self.sections.get(council, {}).items():
            status = "passed" if not failures else f"{len(failures)} failure(s)"
            lines += [f"## {check}", "", f"{pages} page(s) checked: {status}.", ""]
            lines += [f"- {failure}" for failure in failures]
            lines += [""] if failures else []
        if council in self.reading_levels:
            levels = self.reading_levels[council]
            lines += ["## Reading level of each family-facing page", ""]
            lines += [
                "| Page | Flesch-Kincaid grade | Longest sentence (words) |",
                "| --- | --- | --- |",
            ]
            for level in levels:
                words, sentence = level.longest(1)[0] if level.sentences else (0, "")
                lines.append(f"| /{level.page} | {level.grade} | {words}: {sentence} |")
            lines.append("")
        return "\n".join(lines)

    def write(self, folder: Path) -> None:
        councils = {*self.sections, *self.reading_levels, *self.browser_samples}
        for council in sorted(councils):
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"site-checks-{council}.md"
            path.write_text(self.markdown(council), encoding="utf-8")
