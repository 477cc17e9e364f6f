"""Which files the loader may read: regular files inside their layer's folder.

Someone who can write to one council's folder can put a link there in place of a content file: to
a `.env` file, /etc/passwd or /proc/self/status. The loader would read it and quote it in an error
message, and a CI log would publish it. So a file is looked at before it is read, by what the file
system says about it (lstat, stat, where its links lead), and a link out of the folder, or
anything that is not a regular file (a device such as /dev/zero, a named pipe), is refused by name
without reading a byte of it.
"""

from __future__ import annotations

import stat
from pathlib import Path

# What a path that is not a regular file is, in words, by the kind stat gives it.
_KINDS = {
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


def not_regular_reason(path: Path) -> str | None:
    """Why ``path`` (after its links) is not a regular file, in words, or None if it is one.
    It must exist."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "expected a file, found a folder: move what is in it, or rename it"
    kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
    if path.is_symlink():
        return (
            f"expected a file of text, found a link to {str(path.readlink())!r}, which is "
            f"{kind}, not a regular file: remove the link and put the file itself here"
        )
    return (
        f"expected a file of text, found {kind}, not a regular file: remove it and put the file "
        "itself here"
    )


def unreadable_reason(path: Path, folder: Path, shown_folder: str) -> str | None:
    """Why the content file ``path`` of ``folder`` (a council's folder, or the national layer)
    may not be read, in words, or None when it may: it is missing, a dangling link, not a
    regular file, or a link that leads outside the folder (named, never read)."""
    if not path.exists():
        if path.is_symlink():
            return (
                f"this is a link to {str(path.readlink())!r}, which does not exist: remove the "
                "link or put the file back"
            )
        return "expected this file, found no such file"
    not_regular = not_regular_reason(path)
    if not_regular is not None:
        return not_regular
    if not path.resolve().is_relative_to(folder.resolve()):
        return (
            f"this is a link to a file outside {shown_folder}/, and content is only read from "
            "inside it: copy the file here in place of the link"
        )
    return None
