"""Check content without building the site: every error with its file and line, then warnings.

    python -m macros.check [COUNCIL_FOLDER]     (make check, make check COUNCIL=example-borough)

Without a folder, every council in content/councils/ is checked against the national layer.
Exits 0 when the content is valid (warnings or not), 1 when any council has errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .components import make_environment
from .content import LoadedContent, load_content
from .content.files import display_folder, national_folder_for
from .contradictions import outcome_contradictions
from .errors import ContentErrors
from .urls import docs_addresses

PROJECT = Path(__file__).resolve().parents[1]
# The pages written by hand, whose addresses pages made from content must not take.
DOCS = PROJECT / "docs"
COUNCILS = PROJECT / "content" / "councils"


def check_council(folder: Path) -> bool:
    started = time.perf_counter()
    try:
        loaded = load_content(folder, taken_addresses=docs_addresses(DOCS))
    except ContentErrors as errors:
        print(errors, file=sys.stderr)
        return False
    contradicting = contradiction_errors(loaded)
    if contradicting:
        print(ContentErrors(contradicting), file=sys.stderr)
        return False
    for warning in loaded.warnings:
        print(f"WARNING: {warning}")
    seconds = time.perf_counter() - started
    files = sum(1 for _ in folder.rglob("*.y*ml"))
    national = national_folder_for(folder)
    print(
        f"The content in {display_folder(folder)}/ is valid on national version "
        f"{loaded.content.national_version} ({display_folder(national)}/): {files} council "
        f"file(s) checked in {seconds:.2f} s, {len(loaded.warnings)} warning(s)."
    )
    return True


def contradiction_errors(loaded: LoadedContent) -> list:
    """Each outcome page's words that contradict its situation, at the outcome's file and line
    (a council's own outcome in its own file)."""
    found = outcome_contradictions(loaded.content, make_environment())
    return [
        loaded.problem_at_outcome(outcome_id, f"its page contradicts its situation: {problem}")
        for outcome_id, problems in found.items()
        for problem in problems
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", help="a council's folder (default: every council)")
    given = parser.parse_args(argv).content
    # A hidden folder is no council: make new-council drafts one beside its target (as make
    # sites, which skips them too).
    folders = (
        [Path(given)]
        if given
        else sorted(p for p in COUNCILS.iterdir() if p.is_dir() and not p.name.startswith("."))
    )
    results = [check_council(folder) for folder in folders]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
