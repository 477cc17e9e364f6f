"""Build every council in the repository, in parallel across the machine's cores.

    python -m macros.sites [--councils content/councils] [--out sites] [--jobs N]   (make sites)

Each council folder in content/councils/ is built on the national layer by `make site`'s own
command (macros.build), into sites/<council>/, atomically: a council whose build fails keeps its
previous site, and the others are built all the same. Each build's messages go to
sites/<council>.log; one line per council says how it went. Exits 1 if any build failed.

For many councils on many machines (a regional partnership, a national host), the GitHub
Actions workflow in .github/workflows/build-councils.yml builds each council as its own job.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CouncilBuild:
    council: str
    content: Path  # the council's folder
    site: Path  # where its site goes
    log: Path  # its build's messages


@dataclass(frozen=True)
class BuildResult:
    build: CouncilBuild
    returncode: int
    seconds: float


def council_builds(councils: Path, out: Path) -> list[CouncilBuild]:
    """One build for each council folder, in name order."""
    return [
        CouncilBuild(folder.name, folder, out / folder.name, out / f"{folder.name}.log")
        for folder in sorted(councils.iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
    ]


def run_build(build: CouncilBuild) -> int:
    """`make site`'s command for one council, its messages to the council's log."""
    build.log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "macros.build", "--site-dir", str(build.site)]
    with open(build.log, "w", encoding="utf-8") as log:
        return subprocess.run(
            command,
            cwd=PROJECT,
            env={**os.environ, "SEND_CONTENT": str(build.content.resolve())},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        ).returncode


def build_all(
    builds: list[CouncilBuild], jobs: int, runner: Callable[[CouncilBuild], int] = run_build
) -> list[BuildResult]:
    """Run the builds, ``jobs`` at a time; every build runs whatever the others do."""

    def timed(build: CouncilBuild) -> BuildResult:
        started = time.perf_counter()
        returncode = runner(build)
        return BuildResult(build, returncode, time.perf_counter() - started)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(timed, builds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=Path, default=PROJECT / "content" / "councils")
    parser.add_argument("--out", type=Path, default=PROJECT / "sites")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    builds = council_builds(args.councils, args.out)
    if not builds:
        print(f"No council folders in {args.councils}/", file=sys.stderr)
        return 1
    started = time.perf_counter()
    results = build_all(builds, args.jobs, run_build)
    for result in results:
        build = result.build
        if result.returncode == 0:
            print(f"{build.council}: built in {result.seconds:.1f} s, in {build.site}/")
        else:
            print(
                f"{build.council}: not built, its previous site is unchanged; the problems are "
                f"in {build.log}",
                file=sys.stderr,
            )
    failed = sum(1 for r in results if r.returncode != 0)
    print(
        f"{len(results) - failed} of {len(results)} councils built in "
        f"{time.perf_counter() - started:.1f} s on {args.jobs} core(s)."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
