"""How `make sites` scales: the 2 shipped councils, then N generated councils on one national layer.

    python benchmarks/sites_bench.py [--count 150] [--jobs 2]

Each generated council is a copy of the shipped Example Council's folder with its own name
("Example Council 001"...), so every council's pages, form PDFs and guide PDF are its own and
nothing is shared but the national layer and the code. Time is wall time for all builds; peak
memory is the most the builds used at once (the sum of the resident memory of every process of
the run, sampled every 0.2 s). Writes the results to benchmarks/sites.md and prints them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
RESULTS = PROJECT / "benchmarks" / "sites.md"


def make_overlays(target: Path, count: int) -> Path:
    """A content/ folder with the national layer and ``count`` councils; returns councils/."""
    shutil.copytree(PROJECT / "content" / "national", target / "national")
    councils = target / "councils"
    shipped = PROJECT / "content" / "councils" / "example-council"
    for number in range(1, count + 1):
        folder = councils / f"council-{number:03}"
        shutil.copytree(shipped, folder)
        site = folder / "site.yml"
        text = site.read_text(encoding="utf-8")
        site.write_text(
            text.replace("  name: Example Council\n", f"  name: Example Council {number:03}\n"),
            encoding="utf-8",
        )
    return councils


def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid, parent = int(entry.name), int(fields[1])
        children.setdefault(parent, []).append(pid)
        line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
        rss[pid] = int(line.split()[1])
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def failures(out: Path) -> list[str]:
    """The last lines of each failed build's log (macros.sites keeps one per council)."""
    failed = []
    for log in sorted(out.glob("*.log")):
        text = log.read_text(encoding="utf-8")
        if "The site is in" not in text:
            failed.append(f"{log.stem}: " + " / ".join(text.strip().splitlines()[-6:]))
    return failed


def measure(councils: Path, out: Path, jobs: int) -> tuple[float, int, int]:
    """Wall seconds, peak memory (MB) and exit code of `make sites` over ``councils``."""
    command = [
        sys.executable,
        "-m",
        "macros.sites",
        "--councils",
        str(councils),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    returncode = process.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - started, peak // 1024, returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        shipped = PROJECT / "content" / "councils"
        shipped_count = sum(1 for p in shipped.iterdir() if p.is_dir())
        seconds, peak, code = measure(shipped, work / "shipped-sites", args.jobs)
        rows.append(("the shipped councils", shipped_count, seconds, peak, code))
        councils = make_overlays(work / "content", args.count)
        seconds, peak, code = measure(councils, work / "overlay-sites", args.jobs)
        rows.append(("generated councils", args.count, seconds, peak, code))
        failed = failures(work / "shipped-sites") + failures(work / "overlay-sites")
    lines = [
        f"`make sites` on {args.jobs} core(s), PDF cache as the project had it, "
        f"{time.strftime('%Y-%m-%d')}:",
        "",
        "| Councils | Count | Wall | Per council | Peak memory (all builds at once) | Result |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, count, seconds, peak, code in rows:
        lines.append(
            f"| {name} | {count} | {seconds:.0f} s | {seconds / count:.1f} s | {peak} MB | "
            f"{'all built' if code == 0 else 'FAILED'} |"
        )
    if failed:
        lines += ["", "Failed builds (the end of each one's log):", ""]
        lines += [f"- {line}" for line in failed]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(row[4] == 0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
