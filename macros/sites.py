"""Build every council in the repository, in parallel across the machine's cores.

    python -m macros.sites [--councils content/councils] [--out sites] [--jobs N]   (make sites)

Each council folder in content/councils/ is built on the national layer by `make site`'s own
command (macros.build), into sites/<council>/, atomically: a council whose build fails keeps its
previous site, and the others are built all the same. Each build's messages go to
sites/<council>.log; one line per council says how it went. Exits 1 if any build failed.

Ctrl-C or SIGTERM stops the run: the signal goes to every running build (each stops and leaves
its council's site as it was), no other build starts, and the run ends in one line with a
non-zero exit once every build has ended. The builds die with this process if it is killed.

For many councils on many machines (a regional partnership, a national host), the GitHub
Actions workflow in .github/workflows/build-councils.yml builds each council as its own job.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .processes import STOP_SIGNALS, die_with_parent, signal_name

PROJECT = Path(__file__).resolve().parents[1]
# How often the running builds are looked at: often enough that a finished build's place is
# taken at once, rarely enough to cost nothing next to a build.
POLL_SECONDS = 0.05


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


@dataclass(frozen=True)
class Run:
    results: list[BuildResult]  # the builds that ran, in the councils' order
    stopped_by: int | None  # the signal that stopped the run, if one did


def council_builds(councils: Path, out: Path) -> list[CouncilBuild]:
    """One build for each council folder, in name order."""
    return [
        CouncilBuild(folder.name, folder, out / folder.name, out / f"{folder.name}.log")
        for folder in sorted(councils.iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
    ]


def build_command(build: CouncilBuild) -> list[str]:
    """`make site`'s command for one council."""
    return [sys.executable, "-m", "macros.build", "--site-dir", str(build.site)]


def start_build(build: CouncilBuild) -> subprocess.Popen:
    """Start one council's build, its messages to the council's log. If this process is
    killed, the build gets SIGTERM, so it stops and cleans up as when it is sent one."""
    build.log.parent.mkdir(parents=True, exist_ok=True)
    with open(build.log, "w", encoding="utf-8") as log:
        return subprocess.Popen(
            build_command(build),
            cwd=PROJECT,
            env={**os.environ, "SEND_CONTENT": str(build.content.resolve())},
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent(signal.SIGTERM),  # noqa: PLW1509 - single-threaded
        )


def build_all(
    builds: list[CouncilBuild],
    jobs: int,
    start: Callable[[CouncilBuild], subprocess.Popen] | None = None,
    poll_seconds: float | None = None,
) -> Run:
    """Run the builds, ``jobs`` at a time; every build runs whatever the others do. Ctrl-C or
    SIGTERM is passed on to the running builds, and no other build starts. ``start`` starts
    a build (start_build unless given)."""
    start = start or start_build
    poll_seconds = POLL_SECONDS if poll_seconds is None else poll_seconds
    waiting = deque(builds)
    running: dict[CouncilBuild, tuple[subprocess.Popen, float]] = {}
    ended: dict[CouncilBuild, BuildResult] = {}
    stopped: list[int] = []

    def pass_on(signum, frame) -> None:
        stopped.append(signum)
        for process, _ in list(running.values()):
            process.send_signal(signum)

    previous_handlers = {sig: signal.signal(sig, pass_on) for sig in STOP_SIGNALS}
    try:
        while running or (waiting and not stopped):
            while waiting and len(running) < max(1, jobs) and not stopped:
                build = waiting.popleft()
                running[build] = (start(build), time.perf_counter())
                if stopped:  # the signal came while the build was starting
                    running[build][0].send_signal(stopped[0])
            for build, (process, started) in list(running.items()):
                if (code := process.poll()) is not None:
                    ended[build] = BuildResult(build, code, time.perf_counter() - started)
                    del running[build]
            if running:
                time.sleep(poll_seconds)
    finally:
        # After a stop, a second Ctrl-C must not end the report with a traceback.
        for sig, handler in previous_handlers.items():
            signal.signal(sig, signal.SIG_IGN if stopped else handler)
    results = [ended[build] for build in builds if build in ended]
    return Run(results, stopped[0] if stopped else None)


def report(run: Run, total: int, seconds: float, jobs: int) -> int:
    """One line per council that was built or failed, then one line for the run; the exit
    code."""
    # A build the signal stopped says so in its log; the run's last line covers it.
    stopped_code = None if run.stopped_by is None else 128 + run.stopped_by
    finished = [r for r in run.results if r.returncode != stopped_code]
    for result in finished:
        build = result.build
        if result.returncode == 0:
            print(f"{build.council}: built in {result.seconds:.1f} s, in {build.site}/")
        else:
            print(
                f"{build.council}: not built, its previous site is unchanged; the problems are "
                f"in {build.log}",
                file=sys.stderr,
            )
    built = sum(1 for r in run.results if r.returncode == 0)
    if run.stopped_by is not None:
        print(
            f"Stopped by {signal_name(run.stopped_by)}: {built} of {total} councils built "
            "before it; every other council's site is unchanged.",
            file=sys.stderr,
        )
        return 128 + run.stopped_by
    print(f"{built} of {total} councils built in {seconds:.1f} s on {jobs} core(s).")
    return 0 if built == total else 1


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
    run = build_all(builds, args.jobs)
    return report(run, len(builds), time.perf_counter() - started, args.jobs)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C before the builds started
        print("Stopped by SIGINT before any build started.", file=sys.stderr)
        sys.exit(128 + signal.SIGINT)
