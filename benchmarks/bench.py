"""`make bench`: build speed, rebuild after an edit, scale and page weight, into BENCHMARKS.md.

Runs on this machine, in temporary copies of the project, so nothing in the working tree changes.
Compares the full build with a plain Material build of the same pages written as static HTML in
Markdown files (no macros, no PDFs, no hooks). The scale benchmark builds synthetic content 10 and
50 times the shipped size (benchmarks/synthetic.py) and profiles the largest build
(benchmarks/profile_build.py). It takes about 10 minutes; `make bench BENCH_SCALES="1 10"` is
quicker.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))
sys.path.insert(0, str(PROJECT / "benchmarks"))
sys.path.insert(0, str(PROJECT))

from builds import copy_project  # noqa: E402
from project_paths import SHIPPED  # noqa: E402
from scale_bench import scale_benchmark, scale_lines  # noqa: E402
from sitecheck.server import mkdocs_serve, seconds_until  # noqa: E402
from timed_build import run_build  # noqa: E402

from macros.guide import main_content  # noqa: E402
from macros.markers import CONTENT_START  # noqa: E402

RUNS = 5
PLAIN_CONFIG = """site_name: Plain Material build of the same pages
theme:
  name: material
  font: false
plugins:
  - search
"""
PAGE_TYPES = {
    "home": "",
    "route page": "routes/mediation/",
    "finder question": "which-route/questions/",
    "finder outcome": "which-route/questions/decision/no-assessment/",
    "form": "forms/request-for-mediation-advice/",
}


def build(project: Path, site: Path, preview: bool = False) -> float:
    return run_build(project, site, preview).seconds


def plain_project(site: Path, target: Path) -> int:
    """The built pages' content as static Markdown files, with a plain Material config."""
    (target / "docs").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    count = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if CONTENT_START not in html:
            continue
        relative = page.parent.relative_to(site)
        markdown = target / "docs" / relative / "index.md"
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text(main_content(html), encoding="utf-8")
        count += 1
    return count


def serve_rebuilds(project: Path) -> tuple[list[float], list[float]]:
    """Seconds from saving a content edit to the running `mkdocs serve` showing it, and the
    seconds MkDocs says each of those builds took.

    The first includes MkDocs' own wait: it looks for changed files every 0.5 s, then waits
    0.1 s for more changes before it builds.
    """
    providers = project / "content" / SHIPPED / "providers.yml"
    original = providers.read_text(encoding="utf-8")
    seconds = []
    log = project / "serve.log"
    with mkdocs_serve(project, log) as base_url:
        url = base_url + "disagreement-resolution/who-provides-it/"
        try:
            if seconds_until(url, "The Together Trust", 120) is None:
                sys.exit("make serve did not start")
            for n in range(RUNS):
                time.sleep(0.37 * n % 0.5)  # edits at different points of MkDocs' 0.5 s polling
                name = f"Riverside Mediation Trust {n}"
                providers.write_text(
                    original.replace("name: The Together Trust", f"name: {name}"),
                    encoding="utf-8",
                )
                rebuilt = seconds_until(url, name, 60)
                if rebuilt is None:
                    sys.exit("make serve did not show a content edit within 60 s")
                seconds.append(rebuilt)
        finally:
            providers.write_text(original, encoding="utf-8")
    builds = [
        float(t) for t in re.findall(r"Documentation built in ([0-9.]+) seconds", log.read_text())
    ]
    return seconds, builds[1:]  # the first is the build serve starts with


def page_weights(site: Path) -> list[tuple[str, object, object]]:
    from playwright.sync_api import sync_playwright
    from sitecheck.browser import launch
    from sitecheck.server import serve
    from sitecheck.weight import page_weight

    rows = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for name, path in PAGE_TYPES.items():
            rows.append(
                (name, page_weight(browser, url, path), page_weight(browser, url, path, False))
            )
        browser.close()
    return rows


def outcome_heights(site: Path) -> dict[str, int]:
    """How tall each finder outcome page is at 390 px wide (tests/test_site_checks.py)."""
    from playwright.sync_api import sync_playwright
    from sitecheck.browser import launch
    from sitecheck.height import outcome_urls, page_heights
    from sitecheck.server import serve

    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        heights = page_heights(browser, url, outcome_urls(site))
        browser.close()
    return heights


def height_lines(heights: dict[str, int]) -> list[str]:
    tallest = sorted(heights.items(), key=lambda item: -item[1])[:5]
    named = [f"`{url.removeprefix('which-route/questions/')}` {h:,} px" for url, h in tallest]
    return [
        "## Finder outcome pages on a phone",
        "",
        f"Height of each of the {len(heights)} outcome pages at 390 px wide (CSS px, Chromium,",
        "JavaScript off as the finder runs). Target: at most 4,000 px each, checked by",
        "`tests/test_site_checks.py`.",
        "",
        f"- Tallest: {max(heights.values()):,} px; median: "
        f"{round(statistics.median(heights.values())):,} px.",
        "- The five tallest: " + "; ".join(named) + ".",
        "",
    ]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GiB memory, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


@dataclass(frozen=True)
class Measurements:
    cold: float  # a full build with no PDF cache
    warm: list[float]  # full builds, PDFs cached
    pages: int  # pages in the plain Material build
    plain: list[float]  # plain Material builds of the same pages
    edits: list[float]  # preview builds after a content edit, each a new process
    served: list[float]  # from saving an edit to the page in `make serve`
    serve_builds: list[float]  # the builds alone in `make serve`
    weights: list[tuple[str, object, object]]
    heights: dict[str, int]
    scale_results: list
    profile: dict


def measure(work: Path) -> Measurements:
    """Every benchmark, in copies of the project in ``work``."""
    project = copy_project(work / "project")
    cold = build(project, work / "cold")  # no PDF cache yet
    warm = [build(project, work / f"warm{n}") for n in range(RUNS)]
    pages = plain_project(work / "warm0", work / "plain")
    plain = [build(work / "plain", work / f"plain{n}") for n in range(RUNS)]
    providers = project / "content" / SHIPPED / "providers.yml"
    edits = []
    for n in range(RUNS):
        text = providers.read_text(encoding="utf-8")
        providers.write_text(text.replace("Advice line", f"Advice line {n}", 1), encoding="utf-8")
        edits.append(build(project, work / f"edit{n}", preview=True))
        providers.write_text(text, encoding="utf-8")
    served, serve_builds = serve_rebuilds(project)
    weights = page_weights(work / "warm0")
    heights = outcome_heights(work / "warm0")
    scale_results, profile = scale_benchmark(work)
    return Measurements(
        cold, warm, pages, plain, edits, served, serve_builds, weights, heights,
        scale_results, profile,
    )  # fmt: skip


def build_lines(measured: Measurements) -> list[str]:
    """BENCHMARKS.md's title and its build times."""
    ratio = statistics.median(measured.warm) / statistics.median(measured.plain)
    return [
        "# Benchmarks",
        "",
        f"Made by `make bench` on {time.strftime('%Y-%m-%d')}: {machine()}.",
        "Reproduce with `make bench` (it writes this file). Times are seconds, median of "
        f"{RUNS} runs unless noted; each build is `mkdocs build --strict` in a fresh folder.",
        "",
        "## Build",
        "",
        "| Build | Time |",
        "| --- | --- |",
        f"| Full build, no PDF cache (one run) | {measured.cold:.2f} s |",
        f"| Full build, PDFs cached | {statistics.median(measured.warm):.2f} s |",
        f"| Plain Material build of the same {measured.pages} pages as static Markdown | "
        f"{statistics.median(measured.plain):.2f} s |",
        f"| Our overhead (target: at most 1.5x) | {ratio:.2f}x |",
        "| Rebuild after editing one content file, from saving the file to the new page in a "
        f"running `make serve` (target: under 2 s) | {statistics.median(measured.served):.2f} s |",
        "| The same rebuild as a new `mkdocs build` process (Python starting and importing "
        f"everything again) | {statistics.median(measured.edits):.2f} s |",
        "| The build alone in `make serve`, as MkDocs reports it (after its wait for changes) | "
        f"{statistics.median(measured.serve_builds):.2f} s |",
        "",
        "`make serve` builds the whole site again after an edit, without the whole-guide PDF",
        "(every content edit changes the guide, and its PDF takes about 3.5 s); `make site`",
        "always makes the PDF. The time in `make serve` includes MkDocs' own wait: it looks for",
        "changed files every 0.5 s, then waits 0.1 s for more changes before it builds. Each",
        "edit is saved at a different point of that 0.5 s.",
        "",
        "The plain build passes every page's HTML through Markdown. Ours does that only for the",
        "pages written in `docs/`: the pages made from content are finished HTML and go in after",
        "Markdown, which is how our build can take less time than the plain one.",
        "",
    ]


def weight_lines(weights: list[tuple[str, object, object]]) -> list[str]:
    """Each page type's first view: what the browser downloads."""
    lines = [
        "## Page weight, first view",
        "",
        "Everything the browser downloads, gzip-compressed (raw in brackets), in KB.",
        "",
        "| Page | HTML | CSS | JavaScript | Images | Search data | Total | With JavaScript off |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, on, off in weights:
        cells = [
            f"{on.gzip.get(kind, 0) / 1024:.1f} ({on.raw.get(kind, 0) / 1024:.0f})"
            for kind in ("html", "css", "javascript", "images", "data")
        ]
        lines.append(
            f"| {name} | {' | '.join(cells)} | **{on.total_gzip / 1024:.1f}** "
            f"({on.total_raw / 1024:.0f}) | {off.total_gzip / 1024:.1f} |"
        )
    lines += [
        "",
        "Target: a finder question page under 60 KB gzip, everything included. Finder pages load",
        "no JavaScript (they work without it), which took them from 118 KB to about 33 KB;",
        "`tests/test_page_weight.py` keeps every page type within `tests/page-weight.yml`.",
        "",
    ]
    return lines


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        measured = measure(Path(folder))
    lines = build_lines(measured) + weight_lines(measured.weights)
    lines += height_lines(measured.heights)
    lines += scale_lines(measured.scale_results, measured.profile)
    lines += (PROJECT / "benchmarks" / "history.md").read_text(encoding="utf-8").splitlines()
    (PROJECT / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
