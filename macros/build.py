"""Build the site atomically: into a new folder first, then swap it in place of site/.

If the build fails (a content error, a broken link in strict mode, Ctrl-C, a full disk), site/ is
left exactly as it was, so a published copy is never replaced by half a site; the new folder is
removed, and so is anything a killed build left behind, by the next build. One build at a time
writes to an output folder (a lock file beside it holds the running build's process id). Every
fault the build can name is one line, with no traceback.

    python -m macros.build [--site-dir site] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Used when there is no earlier site to measure: about what the shipped council's site and its
# build's working files take (5.7 MB of site, measured December 2026), with room to spare.
DEFAULT_SPACE_MB = 20


class BuildFault(Exception):
    """A fault the build can name in one line a web team can act on."""


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: the build stops and cleans up."""

    def __init__(self, code: int):
        self.code = code


def builder_command(config_file: Path, out: Path) -> list[str]:
    """The site generator's own build command (MkDocs, strict: any warning fails it)."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict"] + [
        "--config-file",
        str(config_file),
        "--site-dir",
        str(out),
    ]


def build_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-build-"


def previous_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-previous-"


def lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.lock")


@contextmanager
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


def remove_leftovers(site_dir: Path) -> None:
    """What killed builds left: a site parked while being replaced goes back if site/ is gone;
    every other leftover is removed. Only called while holding the lock."""
    parked = sorted(site_dir.parent.glob(previous_prefix(site_dir) + "*"))
    if parked and not site_dir.exists():
        parked.pop().rename(site_dir)
    for leftover in [*parked, *site_dir.parent.glob(build_prefix(site_dir) + "*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def readable_folder(prefix: str, parent: Path) -> Path:
    """A new folder for the build, readable by other users as the umask allows (mkdtemp makes
    it 0700, which a web server running as another user cannot read)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    return folder


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system or
    the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
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


def replace_site(new_site: Path, site_dir: Path) -> None:
    """Put a finished build in place of site_dir so that site_dir is always whole: swapped in
    one step where the system can, else two renames with the old site put back if the second
    fails. The old site is then removed."""
    if not site_dir.exists():
        new_site.rename(site_dir)
        return
    if _exchange(new_site, site_dir):
        shutil.rmtree(new_site, ignore_errors=True)
        return
    previous = site_dir.with_name(previous_prefix(site_dir) + new_site.name)
    site_dir.rename(previous)
    try:
        new_site.rename(site_dir)
    except BaseException:
        previous.rename(site_dir)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def folder_size_mb(folder: Path) -> int:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return max(1, round(total / 1_000_000))


def fault_from_error(error: OSError, site_dir: Path) -> BuildFault:
    """The one line for a file system error."""
    where = Path(error.filename).parent if error.filename else site_dir.parent
    if error.errno == errno.ENOSPC:
        needed = folder_size_mb(site_dir) * 2 if site_dir.is_dir() else DEFAULT_SPACE_MB
        return BuildFault(
            f"The disk is full: the build needs about {needed} MB free in {where}. Free some "
            "space, then run the build again."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BuildFault(
            f"Cannot write to {error.filename or where}: {error.strerror.lower()}. Check that "
            "you can change this folder and the files in it, or build into another folder "
            "with --site-dir."
        )
    return BuildFault(f"The build could not write its files: {error.strerror} ({where}).")


_ERRNO_LINE = re.compile(r"^(\w+Error): \[Errno (\d+)\] ([^:]+)(?:: '(.*)')?$")


def _fault_in_traceback(lines: list[str], site_dir: Path) -> BuildFault | None:
    """The fault a crashed generator's traceback names (its last line), if it is one the build
    can put in a line: a file system error. None for anything else (a bug, shown in full)."""
    last = lines[-1].strip() if lines else ""
    if match := _ERRNO_LINE.match(last):
        return fault_from_error(OSError(int(match[2]), match[3], match[4]), site_dir)
    return None


def run_builder(command: list[str], site_dir: Path) -> int:
    """Run the generator, passing its messages on as they come; a traceback it prints is held
    back and, when it is a file system error or Ctrl-C, replaced by one line."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")
    held: list[str] = []
    try:
        for line in process.stderr:
            if held or line.startswith("Traceback (most recent call last):"):
                held.append(line)
            else:
                sys.stderr.write(line)
                sys.stderr.flush()
        code = process.wait()
    except Stopped:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        raise
    # A traceback ending in KeyboardInterrupt is Ctrl-C reaching the generator too: not shown.
    if held and "KeyboardInterrupt" not in held[-1]:
        fault = _fault_in_traceback(held, site_dir)
        if fault is not None:
            raise fault
        sys.stderr.writelines(held)
    return code


def _stop_on(signum, frame) -> None:
    raise Stopped(128 + signum)


def build_site(config_file: Path, site_dir: Path, command: list[str] | None = None) -> int:
    """Run the generator into a new folder, then put it in place of site_dir. ``command``
    replaces the generator's (tests use a stand-in that fails in chosen ways)."""
    site_dir = Path(os.path.abspath(site_dir))
    name = f"{site_dir.name}/"
    previous_handlers = {
        sig: signal.signal(sig, _stop_on) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    new_site: Path | None = None
    try:
        if site_dir.exists() and not site_dir.is_dir():
            raise BuildFault(
                f"{site_dir} is a file, not a folder: move it or remove it, then run the "
                "build again."
            )
        try:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            with build_lock(site_dir):
                remove_leftovers(site_dir)
                new_site = readable_folder(build_prefix(site_dir), site_dir.parent)
                code = run_builder(command or builder_command(config_file, new_site), site_dir)
                if code != 0:
                    print(
                        f"\nThe site was not built. {name} has not been changed.\n"
                        "Fix the problems listed above, then run the build again.",
                        file=sys.stderr,
                    )
                    return code
                replace_site(new_site, site_dir)
                new_site = None
        except OSError as error:
            raise fault_from_error(error, site_dir) from None
    except BuildFault as fault:
        print(f"The site was not built. {fault} {name} has not been changed.", file=sys.stderr)
        return 1
    except Stopped as stopped:
        print(f"\nThe build was stopped. {name} has not been changed.", file=sys.stderr)
        return stopped.code
    finally:
        if new_site is not None:
            shutil.rmtree(new_site, ignore_errors=True)
        for sig, handler in previous_handlers.items():
            signal.signal(sig, handler)
    print(f"The site is in {site_dir}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build_site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
