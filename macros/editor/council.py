"""The one council folder the editor may read and write, and the paths the browser editor names.

Decap CMS names files by their path from the project's root
(``content/councils/example-council/providers.yml``). A path is accepted only if it is inside
the council's folder once every link in it is followed: the editor never reads or writes
anything else, whatever the browser sends.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..content.files import is_editor_file

# A council's folder name: lower-case letters, digits and hyphens, not starting with a hyphen.
COUNCIL_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class Refused(Exception):
    """A request the editor server refuses: its HTTP status, and one line per problem."""

    def __init__(self, status: int, problems: list[str]):
        self.status = status
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Council:
    """One council's folder: ``root`` is the folder Decap's paths start from."""

    root: Path
    name: str

    @property
    def folder(self) -> Path:
        return (self.root / "content" / "councils" / self.name).resolve()

    @property
    def shown(self) -> str:
        """The folder as Decap names it, from the root: content/councils/<name>."""
        return f"content/councils/{self.name}"

    def path(self, given: object) -> Path:
        """The file or folder at a path Decap sent, or Refused (400) if it is not inside the
        council's folder."""
        if not isinstance(given, str) or not given or "\0" in given or "\\" in given:
            raise Refused(400, [f"expected a path in {self.shown}/, found {given!r}"])
        relative = PurePosixPath(given)
        inside = self.folder
        found = (self.root / relative).resolve()
        if relative.is_absolute() or ".." in relative.parts or not found.is_relative_to(inside):
            raise Refused(
                400, [f"{given}: the editor changes only {self.shown}/, so it cannot use this path"]
            )
        return found

    def relative(self, path: Path) -> PurePosixPath:
        """A path inside the folder, from the folder (providers.yml, routes/x.yml)."""
        return PurePosixPath(path.relative_to(self.folder).as_posix())

    def named(self, path: Path) -> str:
        """A path inside the folder as Decap names it (and as messages show it)."""
        relative = self.relative(path)
        return self.shown if str(relative) == "." else f"{self.shown}/{relative}"


def files_in(folder: Path, extension: str, depth: int) -> list[Path]:
    """The regular files under ``folder`` whose names end with ``extension``, ``depth`` folders
    deep at most (1: the folder's own), without editors' lock and backup files or links."""
    if depth <= 0 or not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        if is_editor_file(entry.name) or entry.is_symlink():
            continue
        if entry.is_dir():
            found += files_in(entry, extension, depth - 1)
        elif entry.is_file() and entry.name.endswith(extension):
            found.append(entry)
    return found


def file_id(content: bytes) -> str:
    """Decap's id of a file's version: the SHA-256 of its bytes."""
    return hashlib.sha256(content).hexdigest()


def write_atomically(path: Path, content: bytes) -> None:
    """Write beside the file, then rename it into place in one step: a reader (the preview)
    sees the old file or the new one, never half of one. The file keeps its mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
