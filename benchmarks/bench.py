"""`make bench`: build speed, rebuild after an edit and page weight, written to BENCHMARKS.md.

Runs on this machine, in a temporary copy of the project, so nothing in the working tree changes.
Compares the full build with a plain Material build of the same pages written as static HTML in
Markdown files (no macros, no PDFs, no hooks).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))
sys.path.insert(0, str(PROJECT))

from macros.guide import main_content  # noqa: E402

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
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if preview:  # as make serve builds: without the whole-guide PDF (macros/mkdocs_hooks.py)
        env["SEND_PREVIEW"] = "1"
    env.pop("SEND_CONTENT", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "content", "macros", "overrides"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def plain_project(site: Path, target: Path) -> int:
    """The built pages' content as static Markdown files, with a plain Material config."""
    (target / "docs").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    count = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "<!-- sl-content-start -->" not in html:
            continue
        relative = page.parent.relative_to(site)
        markdown = target / "docs" / relative / "index.md"
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text(main_content(html), encoding="utf-8")
        count += 1
    return count


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


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = copy_project(work / "project")
        cold = build(project, work / "cold")  # no PDF cache yet
        warm = [build(project, work / f"warm{n}") for n in range(RUNS)]
        pages = plain_project(work / "warm0", work / "plain")
        plain = [build(work / "plain", work / f"plain{n}") for n in range(RUNS)]
        providers = project / "content" / "providers.yml"
        edits = []
        for n in range(RUNS):
            text = providers.read_text(encoding="utf-8")
            providers.write_text(
                text.replace("Advice line", f"Advice line {n}", 1), encoding="utf-8"
            )
            edits.append(build(project, work / f"edit{n}", preview=True))
            providers.write_text(text, encoding="utf-8")
        weights = page_weights(work / "warm0")

    ratio = statistics.median(warm) / statistics.median(plain)
    lines = [
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
        f"| Full build, no PDF cache (one run) | {cold:.2f} s |",
        f"| Full build, PDFs cached | {statistics.median(warm):.2f} s |",
        f"| Plain Material build of the same {pages} pages as static Markdown | "
        f"{statistics.median(plain):.2f} s |",
        f"| Our overhead (target: at most 1.5x) | {ratio:.2f}x |",
        f"| Rebuild after editing one content file (target: under 2 s) | "
        f"{statistics.median(edits):.2f} s |",
        "",
        "The rebuild is what `make serve` does after an edit: MkDocs builds the whole site again,",
        "without the whole-guide PDF (every content edit changes the guide, and its PDF takes",
        "about 3.5 s). Before that change the same rebuild took 5.52 s.",
        "`make site` always makes the PDF.",
        "",
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
    (PROJECT / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
