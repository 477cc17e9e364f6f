"""`make edit`: the preview and the browser editor for one council, on 127.0.0.1 only.

Runs the preview (`mkdocs serve`, as `make serve` does) on http://127.0.0.1:8000/ and the
editor server (python -m macros.editor, with the config made from the schemas) on
http://127.0.0.1:8081/ for the council the Makefile names in SEND_CONTENT (COUNCIL=..., by
default example-council), prints both addresses, and stops both on Ctrl-C, or when either stops.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .config import EDITOR_PORT, PREVIEW_ADDRESS, ROOT, config_text

PREVIEW_HOST = "127.0.0.1:8000"
APP = ROOT / "macros" / "editor" / "app"
# Decap CMS with React inside (npm package decap-cms, beside decap-cms-app, in package.json).
DECAP = ROOT / "node_modules" / "decap-cms" / "dist"
COUNCILS = ROOT / "content" / "councils"


def council_name(folder: str) -> tuple[str | None, str]:
    """The council's name from its folder, or None and why the editor cannot open it: it edits
    a folder in this project's content/councils/."""
    path = (ROOT / folder).resolve()
    if path.parent != COUNCILS.resolve():
        return None, f"the editor opens a folder in content/councils/, not {folder}"
    if not path.is_dir():
        return None, f"there is no council folder {folder}: see the folders in content/councils/"
    return path.name, ""


def _commands(council: str, config: Path) -> list[list[str]]:
    preview = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", PREVIEW_HOST]
    editor = [sys.executable, "-m", "macros.editor", "--council", council]
    editor += ["--port", str(EDITOR_PORT), "--app", str(APP), "--app", str(DECAP)]
    return [preview, editor + ["--config", str(config)]]


def _stop(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _run(commands: list[list[str]]) -> int:
    """Start every command; wait until Ctrl-C (or the terminal closing, or a kill) or until one
    stops; then stop them all."""
    # Ctrl-C even where SIGINT came ignored (a job started in the background by a script).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    processes = [subprocess.Popen(command, cwd=ROOT) for command in commands]
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(timeout=20)
    return 0


def main() -> int:
    council, problem = council_name(os.environ.get("SEND_CONTENT", "content/councils/"))
    if council is None:
        print(f"The editor did not start: {problem}.", file=sys.stderr)
        return 2
    if not (DECAP / "decap-cms.js").is_file():
        print(
            "The editor did not start: Decap CMS is not installed (run: npm ci).", file=sys.stderr
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="send-editor-") as folder:
        config = Path(folder) / "config.yml"
        config.write_text(config_text(council, EDITOR_PORT), encoding="utf-8")
        print(f"The preview of {council}: {PREVIEW_ADDRESS}")
        print(f"The editor for {council}: http://127.0.0.1:{EDITOR_PORT}/")
        print("Press Ctrl-C to stop both.", flush=True)
        return _run(_commands(council, config))


if __name__ == "__main__":
    sys.exit(main())
