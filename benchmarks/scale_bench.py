"""The scale benchmark of `make bench`: synthetic content 10 and 50 times the shipped size
(benchmarks/synthetic.py), each built with every PDF made and then with the PDFs cached, and the
largest build profiled (benchmarks/profile_build.py). Imported by bench.py, which puts tests/
and benchmarks/ on the import path."""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from builds import copy_project
from project_paths import SHIPPED
from synthetic import make_synthetic
from timed_build import Run, run_build

PROJECT = Path(__file__).resolve().parents[1]
# Content sizes for the scale benchmark, as multiples of the shipped content.
SCALES = tuple(int(n) for n in os.environ.get("BENCH_SCALES", "1 10 50").split())
SCALE_RUNS = 3


@dataclass(frozen=True)
class ScaleResult:
    scale: int
    records: dict[str, int]
    pages: int
    cold: Run  # a fresh project: every PDF made
    cached: list[Run]  # the same project again: PDFs from the cache

    @property
    def cached_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.cached)


def scale_benchmark(work: Path) -> tuple[list[ScaleResult], dict]:
    """Build synthetic content at each size; profile the largest build with PDFs cached."""
    results = []
    for scale in SCALES:
        project = copy_project(work / f"scale-{scale}")
        content = work / f"content-{scale}"
        records = make_synthetic(PROJECT / "content", content, scale)
        cold_site = work / f"scale-{scale}-site"
        cold = run_build(project, cold_site, content=content / SHIPPED)
        pages = sum(1 for _ in cold_site.rglob("*.html"))
        shutil.rmtree(cold_site)
        cached = []
        for n in range(SCALE_RUNS):
            cached.append(
                run_build(project, work / f"scale-{scale}-{n}", content=content / SHIPPED)
            )
            shutil.rmtree(work / f"scale-{scale}-{n}")
        results.append(ScaleResult(scale, records, pages, cold, cached))
        print(f"{scale}x: {pages} pages, {cold.seconds:.1f} s cold", file=sys.stderr)
    largest = results[-1].scale
    profiled = subprocess.run(
        [
            sys.executable,
            str(PROJECT / "benchmarks" / "profile_build.py"),
            "--project",
            str(work / f"scale-{largest}"),
            "--site",
            str(work / "profiled-site"),
        ],
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SEND_CONTENT": str(work / f"content-{largest}" / SHIPPED),
        },
        check=True,
        capture_output=True,
        text=True,
    )
    return results, json.loads(profiled.stdout.splitlines()[-1])


def growth(results: list[ScaleResult], seconds) -> str:
    """How time grows from the second-largest size to the largest: 1.0 is linear."""
    if len(results) < 2:
        return "not measured (one size only)"
    small, large = results[-2], results[-1]
    exponent = math.log(seconds(large) / seconds(small)) / math.log(large.scale / small.scale)
    verdict = "no faster than linear" if exponent <= 1.0 else "faster than linear"
    return (
        f"{large.scale / small.scale:.0f}x the content ({small.scale}x to {large.scale}x) took "
        f"{seconds(large) / seconds(small):.1f}x the time: growth exponent {exponent:.2f}, "
        f"{verdict}"
    )


def scale_lines(results: list[ScaleResult], profile: dict) -> list[str]:
    lines = [
        "## Scale",
        "",
        "Synthetic content made by `benchmarks/synthetic.py`: every provider, route, form,",
        "question and outcome copied N times (the finder gets one more question to choose a",
        "copy). Each size is built once in a fresh project, so every PDF is made, then "
        f"{SCALE_RUNS} more",
        "times with the PDFs cached (median). Peak memory is the build process's largest",
        "resident set size.",
        "",
        "| Content | Providers | Routes | Forms | Questions | Outcomes | Pages | "
        "Full build, PDFs made | Peak memory | Build, PDFs cached | Peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        r = result.records
        peak = max(run.peak_mb for run in result.cached)
        lines.append(
            f"| {result.scale}x | {r['providers']} | {r['routes']} | {r['forms']} | "
            f"{r['questions']} | {r['outcomes']} | {result.pages} | {result.cold.seconds:.1f} s | "
            f"{result.cold.peak_mb:.0f} MB | {result.cached_seconds:.1f} s | {peak:.0f} MB |"
        )
    lines += [
        "",
        f"- Full build: {growth(results, lambda r: r.cold.seconds)}.",
        f"- Build with PDFs cached: {growth(results, lambda r: r.cached_seconds)}.",
        "- Making the PDFs (the full build's time less the cached build's): "
        f"{growth(results, lambda r: r.cold.seconds - r.cached_seconds)}.",
        "",
        f"### Where the time goes: the {results[-1].scale}x build with PDFs cached, profiled",
        "",
        "pyinstrument sampled the build every millisecond "
        f"({profile['seconds']:.1f} s with the profiler running). Time",
        "in the standard library counts against the code that called it.",
        "",
        "| Package | Seconds | Share |",
        "| --- | --- | --- |",
    ]
    for package, seconds in profile["packages"]:
        lines.append(f"| {package} | {seconds:.1f} | {seconds / profile['seconds']:.0%} |")
    lines += ["", "| Function (with the code it calls in the standard library) | Seconds |"]
    lines.append("| --- | --- |")
    for function, seconds in profile["functions"]:
        lines.append(f"| {function} | {seconds:.1f} |")
    return lines + [""]
