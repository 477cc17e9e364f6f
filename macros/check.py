"""Check content without building the site: every error with its file and line, then warnings.

    python -m macros.check [CONTENT_FOLDER]      (make check, or make check CONTENT=...)

Exits 0 when the content is valid (warnings or not), 1 when it has errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .content import load_content
from .errors import ContentErrors
from .urls import docs_addresses

# The pages written by hand, whose addresses pages made from content must not take.
DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default=os.environ.get("SEND_CONTENT", "content"))
    folder = Path(parser.parse_args(argv).content)
    started = time.perf_counter()
    try:
        loaded = load_content(folder, taken_addresses=docs_addresses(DOCS))
    except ContentErrors as errors:
        print(errors, file=sys.stderr)
        return 1
    for warning in loaded.warnings:
        print(f"WARNING: {warning}")
    seconds = time.perf_counter() - started
    files = sum(1 for _ in folder.rglob("*.y*ml"))
    print(
        f"The content in {folder}/ is valid: {files} files checked in {seconds:.2f} s, "
        f"{len(loaded.warnings)} warning(s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
