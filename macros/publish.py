"""Putting a finished build in place of the published folder, so that the folder is always a
whole site: the old one or the new one, never a mix, never missing (macros/build.py runs it).

A build writes into a new folder beside the published one (on the same file system, so that a
rename can move it), and swaps it in at the end. Before building, it makes sure it will be able
to remove the old site once the new one is in: otherwise each build would publish and leave the
old site beside the new one for good.

When the published folder is a symbolic link (a project's ``site`` linking to a web root), the
link is kept and the folder it points to is replaced, by the same swap, from a new folder beside
it: the web server keeps serving the same path, and the new folder takes the old one's
permissions and group (a web root's group, often with the setgid bit, is what lets the web
server read it).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


class BuildFault(Exception):
    """A fault the build can name in one line a web team can act on."""


def published_folder(site_dir: Path) -> Path:
    """The folder the site is written to: ``site_dir``, or the folder it links to."""
    return Path(os.path.realpath(site_dir)) if site_dir.is_symlink() else site_dir


def build_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-build-"


def previous_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-previous-"


def lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.lock")


@contextlib.contextmanager
def build_lock(site_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the build. The lock goes with the process that holds
    it, so a killed build's lock is free for the next one to take."""
    path = lock_path(site_dir)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BuildFault(
                f"Another build (process {holder}) is writing to {site_dir.name}/: wait for it "
                "to finish, then run the build again."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
    finally:
        handle.close()


def remove_folder(folder: Path) -> OSError | None:
    """Remove a folder (or a link) and everything in it; the first error, if any was left."""
    if folder.is_symlink():
        folder.unlink(missing_ok=True)
        return None
    errors: list[OSError] = []

    def note(function, path, error) -> None:
        errors.append(error if isinstance(error, OSError) else error[1])

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=note)
    else:
        shutil.rmtree(folder, onerror=note)
    return errors[0] if errors and os.path.lexists(folder) else None


def remove_leftovers(site_dir: Path) -> None:
    """What killed builds left: a site parked while being replaced goes back if site/ is gone;
    every other leftover is removed, or the build stops and names it. Only called while
    holding the lock."""
    parked = sorted(site_dir.parent.glob(previous_prefix(site_dir) + "*"))
    if parked and not os.path.lexists(site_dir):
        parked.pop().rename(site_dir)
    for leftover in [*parked, *site_dir.parent.glob(build_prefix(site_dir) + "*")]:
        if error := remove_folder(leftover):
            raise BuildFault(
                f"Cannot remove {leftover}, left by an earlier build "
                f"({error.strerror.lower()}): remove it by hand, then run the build again."
            )


def check_removable(site_dir: Path) -> None:
    """Before building: every folder in the old site can be changed, so the old site can be
    removed once the new one is in. Raises the OSError the removal would meet, naming the
    first folder that cannot be changed."""
    if not site_dir.is_dir():
        return

    def unreadable(error: OSError) -> None:
        raise error

    for folder, _, _ in os.walk(site_dir, onerror=unreadable):
        if not os.access(folder, os.W_OK | os.X_OK):
            read_only = os.statvfs(folder).f_flag & os.ST_RDONLY
            code = errno.EROFS if read_only else errno.EACCES
            raise OSError(code, os.strerror(code), folder)


def new_folder(site_dir: Path) -> Path:
    """A new folder beside site_dir for the build. It takes the old site's permissions and
    group; the first site's folder is readable by other users as the umask allows (mkdtemp
    makes it 0700, which a web server running as another user cannot read)."""
    folder = Path(tempfile.mkdtemp(prefix=build_prefix(site_dir), dir=site_dir.parent))
    try:
        if site_dir.is_dir():
            _take_permissions(folder, site_dir)
        else:
            umask = os.umask(0)
            os.umask(umask)
            folder.chmod(0o777 & ~umask)
    except BaseException:
        remove_folder(folder)
        raise
    return folder


def _take_permissions(folder: Path, old: Path) -> None:
    """The old folder's group first (files made in the folder take it, with the setgid bit),
    then its mode."""
    old_stat = old.stat()
    if folder.stat().st_gid != old_stat.st_gid:
        try:
            os.chown(folder, -1, old_stat.st_gid)
        except PermissionError:
            raise BuildFault(
                f"Cannot give the new site the group of {old} (group id {old_stat.st_gid}): "
                "you are not in that group. Build as a member of it, or change the folder's "
                "group."
            ) from None
    folder.chmod(stat.S_IMODE(old_stat.st_mode))


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system or
    the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    # The C library this process already uses (find_library would start other programs).
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_cwd = -100
    result = libc.renameat2(
        at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


class SwapFailed(Exception):
    """The new site could not be put in place of the old one; the old one is still there."""

    def __init__(self, error: OSError):
        self.error = error


def replace_site(new_site: Path, site_dir: Path) -> tuple[Path, OSError] | None:
    """Put a finished build in place of site_dir so that site_dir is always whole: swapped in
    one step where the system can, else two renames with the old site put back if the second
    fails (SwapFailed either way). Then the old site is removed: if that fails, returns where
    it is and why."""
    try:
        if not os.path.lexists(site_dir):
            new_site.rename(site_dir)
            return None
        if _exchange(new_site, site_dir):
            old = new_site
        else:
            old = site_dir.with_name(previous_prefix(site_dir) + new_site.name)
            site_dir.rename(old)
            try:
                new_site.rename(site_dir)
            except BaseException:
                old.rename(site_dir)
                raise
    except OSError as error:
        raise SwapFailed(error) from None
    error = remove_folder(old)
    return (old, error) if error else None
