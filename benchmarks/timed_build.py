"""One timed `mkdocs build --strict` in its own process, for the benchmarks (bench.py and
scale_bench.py): its wall time and the build process's peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the build process's peak resident memory


def run_build(project: Path, site: Path, preview: bool = False, content: Path | None = None) -> Run:
    """One `mkdocs build --strict` in its own process: wall time and peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if preview:  # as make serve builds: without the whole-guide PDF (macros/mkdocs_hooks.py)
        env["SEND_PREVIEW"] = "1"
    env.pop("SEND_CONTENT", None)
    if content is not None:
        env["SEND_CONTENT"] = str(content)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            cwd=project,
            env=env,
            stdout=log,
            stderr=log,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            sys.exit(f"The build in {project} failed:\n{log.read().decode()[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux
