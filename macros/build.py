"""Build the site atomically: into a new folder first, then swap it in place of site/.

If the build fails (a content error, a broken link in strict mode, Ctrl-C, a full disk, a site
that cannot be swapped in), site/ is left exactly as it was, so a published copy is never
replaced by half a site; the new folder is removed, and so is anything a killed build left
behind, by the next build. The site generator dies with the build, even one killed outright
(macros/processes.py). One build at a time writes to an output folder (a lock file beside it
holds the running build's process id). site/ may be a link to a web root: the folder it points
to is replaced (macros/publish.py). Every fault the build can name is one line, with no
traceback, and the build exits non-zero whenever it did not publish.

    python -m macros.build [--site-dir site] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import ast
import errno
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .processes import STOP_SIGNALS, die_with_parent, ignore_stop_signals, signal_name
from .publish import (
    BuildFault,
    SwapFailed,
    build_lock,
    build_prefix,
    check_removable,
    new_folder,
    published_folder,
    remove_folder,
    remove_leftovers,
    replace_site,
)

# Used when there is no earlier site to measure: about what the shipped council's site and its
# build's working files take (5.7 MB of site, measured December 2026), with room to spare.
DEFAULT_SPACE_MB = 20


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: the build stops and cleans up."""

    def __init__(self, code: int):
        self.code = code


class GeneratorFailed(Exception):
    """The generator ended with an error it has already listed."""

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


def folder_size_mb(folder: Path) -> int:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return max(1, round(total / 1_000_000))


def _named_folder(error: OSError, site_dir: Path) -> Path:
    """The folder a file system error happened in: the one holding the file it names (for a
    copy or a rename, the destination), or the folder beside site_dir for the build's own new
    folder (gone by the time the message is read) or an error that names no file."""
    name = error.filename2 or error.filename
    if not name:
        return site_dir.parent
    path = Path(os.fsdecode(name))
    if any(part.startswith(build_prefix(site_dir)) for part in path.parts):
        return site_dir.parent
    return path.parent


def fault_from_error(error: OSError, site_dir: Path) -> BuildFault:
    """The one line for a file system error."""
    where = _named_folder(error, site_dir)
    if error.errno == errno.ENOSPC:
        needed = folder_size_mb(site_dir) * 2 if site_dir.is_dir() else DEFAULT_SPACE_MB
        return BuildFault(
            f"The disk is full: the build needs about {needed} MB free in {where}. Free some "
            "space, then run the build again."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BuildFault(
            f"Cannot write to {error.filename2 or error.filename or where}: "
            f"{error.strerror.lower()}. Check that you can change this folder and the files in "
            "it, or build into another folder with --site-dir."
        )
    return BuildFault(f"The build could not write its files: {error.strerror} ({where}).")


def swap_fault(error: OSError, site_dir: Path) -> BuildFault:
    """The one line for a finished site that could not be put in place of the old one."""
    if error.errno == errno.EBUSY:
        return BuildFault(
            f"Cannot put the new site in place of {site_dir}: it is a mount point or in use "
            f"({error.strerror.lower()}). A build replaces the whole folder: build into a "
            "folder inside it, or into another folder, with --site-dir."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC):
        return fault_from_error(error, site_dir)
    return BuildFault(f"Cannot put the new site in place of {site_dir}: {error.strerror.lower()}.")


# The last line of a Python traceback for a file system error: the error, its number, what it
# says, and the file (or the two files of a copy or a rename), each written as Python writes a
# string, in single or double quotes.
_QUOTED = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_ERRNO_LINE = re.compile(
    rf"^(\w+Error): \[Errno (\d+)\] ([^:]+)(?:: {_QUOTED}(?: -> {_QUOTED})?)?$"
)


def _fault_in_traceback(lines: list[str], site_dir: Path) -> BuildFault | None:
    """The fault a crashed generator's traceback names (its last line), if it is one the build
    can put in a line: a file system error. None for anything else (a bug, shown in full)."""
    last = lines[-1].strip() if lines else ""
    if match := _ERRNO_LINE.match(last):
        file, destination = (ast.literal_eval(q) if q else None for q in match.group(4, 5))
        error = OSError(int(match[2]), match[3], file, None, destination)
        return fault_from_error(error, site_dir)
    return None


def run_builder(command: list[str], site_dir: Path) -> int:
    """Run the generator, passing its messages on as they come; a traceback it prints is held
    back and, when it is a file system error or Ctrl-C, replaced by one line. The generator
    is killed if this process dies, however it dies."""
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        preexec_fn=die_with_parent(signal.SIGKILL),  # noqa: PLW1509 - single-threaded
    )
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
            process.wait()
        raise
    # A traceback ending in KeyboardInterrupt is Ctrl-C reaching the generator too: not shown.
    if held and "KeyboardInterrupt" not in held[-1]:
        fault = _fault_in_traceback(held, site_dir)
        if fault is not None:
            raise fault
        sys.stderr.writelines(held)
    return code


class _StopOnSignal:
    """The handler for Ctrl-C and SIGTERM: the first stops the build, later ones are ignored
    (the build is already cleaning up). While the site is being swapped in, the stop waits
    until the swap is over, so a build never says "stopped" about a site it published."""

    def __init__(self):
        self.holding = False
        self.received = False

    def __call__(self, signum, frame) -> None:
        ignore_stop_signals()
        self.received = True
        if not self.holding:
            raise Stopped(128 + signum)


@dataclass
class _Build:
    site_dir: Path  # as given
    target: Path  # where the site goes: site_dir, or the folder it links to
    stop: _StopOnSignal
    new_site: Path | None = None  # the build's folder, until it is the site
    old_left: tuple[Path, OSError] | None = None  # the old site, if it could not be removed

    @property
    def name(self) -> str:
        return f"{self.site_dir.name}/"

    def run(self, config_file: Path, command: list[str] | None) -> None:
        if self.target.exists() and not self.target.is_dir():
            raise BuildFault(
                f"{self.target} is a file, not a folder: move it or remove it, then run the "
                "build again."
            )
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            with build_lock(self.target):
                remove_leftovers(self.target)
                check_removable(self.target)
                self.new_site = new_folder(self.target)
                code = run_builder(
                    command or builder_command(config_file, self.new_site), self.target
                )
                if code < 0:
                    raise BuildFault(
                        f"The site generator was stopped by signal {-code} ({signal_name(-code)})."
                    )
                if code != 0:
                    raise GeneratorFailed(code)
                self.publish()
        except OSError as error:
            raise fault_from_error(error, self.target) from None

    def publish(self) -> None:
        self.stop.holding = True
        try:
            self.old_left = replace_site(self.new_site, self.target)
            self.new_site = None
        except SwapFailed as failed:
            raise swap_fault(failed.error, self.target) from None
        finally:
            self.stop.holding = False
        # A stop that came during the swap has nothing left to stop: the site is published.

    def discard(self) -> str:
        """Remove the build's folder if it is not the site; what to say if that failed."""
        if self.new_site is None or remove_folder(self.new_site) is None:
            return ""
        return f" The new site's files are left in {self.new_site}: remove them by hand."

    def published(self) -> tuple[int, str]:
        where = f"{self.target}/" + (
            f" ({self.site_dir} links there)" if self.target != self.site_dir else ""
        )
        if self.old_left is None:
            return 0, f"The site is in {where}"
        old, error = self.old_left
        return 1, (
            f"The site is in {where}, but the old site could not be removed "
            f"({error.strerror.lower()}): remove {old} by hand."
        )


def _outcome(build: _Build, config_file: Path, command: list[str] | None) -> tuple[int, str]:
    """The build's exit code and its last message."""
    try:
        build.run(config_file, command)
    except BuildFault as fault:
        return 1, f"The site was not built. {fault} {build.name} has not been changed."
    except GeneratorFailed as failed:
        return failed.code, (
            f"\nThe site was not built. {build.name} has not been changed.\n"
            "Fix the problems listed above, then run the build again."
        )
    except Stopped as stopped:
        return stopped.code, f"\nThe build was stopped. {build.name} has not been changed."
    return build.published()


def build_site(config_file: Path, site_dir: Path, command: list[str] | None = None) -> int:
    """Run the generator into a new folder, then put it in place of site_dir. ``command``
    replaces the generator's (tests use a stand-in that fails in chosen ways)."""
    site_dir = Path(os.path.abspath(site_dir))
    build = _Build(site_dir, published_folder(site_dir), _StopOnSignal())
    previous_handlers = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    try:
        for sig in STOP_SIGNALS:
            signal.signal(sig, build.stop)
        code, message = _outcome(build, config_file, command)
    except Stopped as stopped:  # it came while the outcome above was being worked out
        code, message = stopped.code, f"\nThe build was stopped. {build.name} has not been changed."
    finally:
        ignore_stop_signals()  # cleaning up and saying so: nothing left to stop
    message += build.discard()
    print(message, file=sys.stderr if code else sys.stdout)
    # After a stop, Ctrl-C and SIGTERM stay ignored until the process ends: the same stop
    # often comes twice (from the terminal, and passed on by `make sites`), and the second
    # must not kill a build that has already cleaned up and said so.
    if not build.stop.received:
        for sig, handler in previous_handlers.items():
            signal.signal(sig, handler)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build_site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
