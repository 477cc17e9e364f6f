"""Start the browser editor's server for one council, on 127.0.0.1 only (`make edit` runs it).

    python -m macros.editor --council example-council --port 8081 \\
        --app FOLDER [--app FOLDER ...] --config FILE [--root DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .backend import LocalBackend
from .council import COUNCIL_NAME, Council
from .server import EditorServer

PROJECT = Path(__file__).resolve().parents[2]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m macros.editor", description=__doc__)
    parser.add_argument("--council", default="example-council", help="content/councils/<NAME>")
    parser.add_argument("--port", type=int, default=8081, help="the port on 127.0.0.1")
    parser.add_argument(
        "--app",
        action="append",
        default=[],
        type=Path,
        help="a folder of the editor page's files (give it again for more, searched in order)",
    )
    parser.add_argument("--config", type=Path, required=True, help="Decap's config.yml to serve")
    parser.add_argument(
        "--root", type=Path, default=PROJECT, help="the folder Decap's paths start from"
    )
    return parser.parse_args(argv)


def _problem(arguments: argparse.Namespace, council: Council) -> str | None:
    """What stops the server starting, in one line, or None."""
    if not COUNCIL_NAME.fullmatch(arguments.council):
        return f"{arguments.council!r} is not a council's folder name (a-z, 0-9 and hyphens)"
    if not council.folder.is_dir():
        return f"there is no council folder {council.shown}/ in {arguments.root}"
    for folder in arguments.app:
        if not folder.is_dir():
            return f"there is no app folder {folder}"
    if not arguments.config.is_file():
        return f"there is no configuration file {arguments.config}"
    return None


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    council = Council(arguments.root.resolve(), arguments.council)
    problem = _problem(arguments, council)
    if problem:
        print(f"The editor did not start: {problem}.", file=sys.stderr)
        return 2
    config = arguments.config.read_text(encoding="utf-8")
    try:
        server = EditorServer(LocalBackend(council), arguments.app, config, arguments.port)
    except OSError as error:
        problem = f"The editor did not start on port {arguments.port}: {error.strerror}."
        print(problem, file=sys.stderr)
        return 1
    print(f"The editor for {council.shown}/: {server.address}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
