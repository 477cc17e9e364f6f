"""Broken copies of content/ for the `make check` fixtures (tests/fixtures/contradictions/ and
tests/fixtures/wording/): each case's changes.yml is a list of edits, each replacing text found
once in one file, and expected.txt is what `make check` prints for every council in the copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from project_paths import PROJECT

from macros.check import check_council


def broken_copy(case_folder: Path, into: Path) -> Path:
    """A copy of content/ in ``into`` with the case's edits made; each must match once."""
    folder = into / "content"
    shutil.copytree(PROJECT / "content", folder)
    changes = yaml.safe_load((case_folder / "changes.yml").read_text(encoding="utf-8"))
    for change in changes:
        path = folder / change["file"]
        text = path.read_text(encoding="utf-8")
        found = text.count(change["find"])
        assert found == 1, f"{case_folder.name}: {change['find']!r} found {found} times"
        path.write_text(text.replace(change["find"], change["replace"]), encoding="utf-8")
    return folder


def check_every_council(content: Path) -> list[bool]:
    """`make check` for each council in a copy of content/, as run from the copy's parent (so
    its messages name files as make check there does); whether each passed."""
    councils = sorted(p for p in (content / "councils").iterdir() if p.is_dir())
    return [check_council(council) for council in councils]


def expected_output(case_folder: Path) -> str:
    return (case_folder / "expected.txt").read_text(encoding="utf-8")
