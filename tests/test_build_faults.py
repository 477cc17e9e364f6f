"""How `make site` (macros/build.py) meets faults a council's machine can hit (issue 17): a build
that fails, is stopped (Ctrl-C, SIGTERM) or killed, a full disk, a folder it cannot write, site/
being a file, two builds at once. After each, the folder holds only site/ (the old site, whole)
and what it held before, readable by other users, and the message is one line, no traceback.

The generator is replaced by small stand-in commands that succeed or fail in chosen ways: these
test the build's machinery, not the site (tests/test_atomic_build.py builds real sites).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import PROJECT

from macros import build
from macros.build import build_lock, build_site, remove_leftovers, replace_site


def stand_in(code: str) -> list[str]:
    """A generator that runs ``code`` with ``out`` set to the folder it must build into (the
    build's new folder: the one starting with '.site-build-' beside site/)."""
    prelude = textwrap.dedent(
        """
        import sys, time, os, errno
        from pathlib import Path
        site = Path(sys.argv[1])
        out = next(site.parent.glob(".site-build-*"))
        """
    )
    return [sys.executable, "-c", prelude + textwrap.dedent(code)]


WRITES_A_SITE = """
(out / "index.html").write_text("new")
(out / "assets").mkdir()
(out / "assets" / "site.css").write_text("body {}")
"""


@pytest.fixture
def old_site(tmp_path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    return site


def run(site: Path, code: str, capsys) -> tuple[int, str]:
    result = build_site(PROJECT / "mkdocs.yml", site, [*stand_in(code), str(site)])
    captured = capsys.readouterr()
    return result, captured.out + captured.err


def only_the_site(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == ["site"]


def test_a_finished_build_replaces_the_site_and_anyone_can_read_it(old_site, capsys):
    code, output = run(old_site, WRITES_A_SITE, capsys)
    assert code == 0, output
    assert (old_site / "index.html").read_text() == "new"
    only_the_site(old_site.parent)
    umask = os.umask(0)
    os.umask(umask)
    for path in [old_site, *old_site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert mode == expected, (path, oct(mode))
        assert mode & 0o004, f"{path} cannot be read by other users"


def test_a_failed_build_leaves_the_site_and_no_folder_behind(old_site, capsys):
    code, output = run(old_site, WRITES_A_SITE + "sys.exit(1)", capsys)
    assert code == 1
    assert "site/ has not been changed" in output
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("ENOSPC", "The disk is full: the build needs about 2 MB free in /srv/www/site."),
        ("EACCES", "Cannot write to /srv/www/site/page.html: permission denied."),
        ("EROFS", "Cannot write to /srv/www/site/page.html: read-only file system."),
    ],
)
def test_a_file_system_error_in_the_generator_is_one_line(old_site, capsys, error, words):
    crash = f"raise OSError(errno.{error}, os.strerror(errno.{error}), '/srv/www/site/page.html')"
    code, output = run(old_site, WRITES_A_SITE + crash, capsys)
    assert code == 1
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("The site was not built. " + words), lines
    assert lines[0].endswith("site/ has not been changed.")
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def test_an_unexpected_crash_is_shown_in_full(old_site, capsys):
    code, output = run(old_site, "raise ValueError('a bug in a macro')", capsys)
    assert code == 1
    assert "Traceback" in output and "ValueError: a bug in a macro" in output
    only_the_site(old_site.parent)


def test_a_folder_the_build_cannot_write_is_one_line(old_site, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(old_site.parent))

    monkeypatch.setattr(build.tempfile, "mkdtemp", refuse)
    code, output = run(old_site, WRITES_A_SITE, capsys)
    assert code == 1
    assert output.strip() == (
        f"The site was not built. Cannot write to {old_site.parent}: permission denied. Check "
        "that you can change this folder and the files in it, or build into another folder "
        "with --site-dir. site/ has not been changed."
    )
    only_the_site(old_site.parent)


def test_a_site_that_cannot_be_replaced_is_one_line_and_stays(old_site, capsys, monkeypatch):
    """An immutable or read-only site/: renaming it fails."""

    def refuse(first, second):
        raise OSError(errno.EPERM, "Operation not permitted", str(second))

    monkeypatch.setattr(build, "_exchange", refuse)
    code, output = run(old_site, WRITES_A_SITE, capsys)
    assert code == 1 and "Traceback" not in output
    assert f"Cannot write to {old_site}: operation not permitted." in output
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def test_a_file_named_site_is_one_line(tmp_path, capsys):
    site = tmp_path / "site"
    site.write_text("not a folder")
    code, output = run(site, WRITES_A_SITE, capsys)
    assert code == 1
    assert f"{site} is a file, not a folder: move it or remove it" in output
    assert site.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_puts_the_old_site_back_if_the_new_one_cannot_go_in(old_site, monkeypatch):
    """Where the system cannot swap in one step: two renames, undone if the second fails."""
    monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    missing = old_site.parent / ".site-build-gone"
    with pytest.raises(FileNotFoundError):
        replace_site(missing, old_site)
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def test_the_swap_is_one_step_on_linux(old_site):
    new_site = old_site.parent / ".site-build-1"
    new_site.mkdir()
    (new_site / "index.html").write_text("new")
    assert build._exchange(new_site, old_site) is True
    assert (old_site / "index.html").read_text() == "new"
    assert (new_site / "index.html").read_text() == "old"


def test_the_next_build_clears_what_a_killed_build_left(old_site):
    """Killed between the two renames: site/ is parked; it goes back, and the rest goes."""
    parked = old_site.parent / ".site-previous-.site-build-x1"
    old_site.rename(parked)
    (old_site.parent / ".site-build-x1").mkdir()
    (old_site.parent / ".site-build-x2").mkdir()
    remove_leftovers(old_site)
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def _build_in_a_process(site: Path, code: str) -> subprocess.Popen:
    """build_site with a stand-in generator, in its own process and process group, as a web
    team's terminal runs `make site`."""
    script = (
        "import sys; from pathlib import Path; from macros.build import build_site; "
        f"sys.exit(build_site(Path('mkdocs.yml'), Path({str(site)!r}), "
        f"{[*stand_in(code), str(site)]!r}))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _wait_for_build_folder(site: Path) -> None:
    for _ in range(200):
        if list(site.parent.glob(".site-build-*/started")):
            return
        time.sleep(0.05)
    raise AssertionError("the stand-in build never started")


@pytest.mark.parametrize(
    ("how", "code"),
    [("ctrl-c", 128 + signal.SIGINT), ("sigterm", 128 + signal.SIGTERM)],
)
def test_a_stopped_build_cleans_up_and_says_so_in_one_line(old_site, how, code):
    process = _build_in_a_process(old_site, '(out / "started").write_text("")\ntime.sleep(60)')
    _wait_for_build_folder(old_site)
    if how == "ctrl-c":
        # The terminal sends SIGINT to the whole foreground process group.
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == code, output
    assert "Traceback" not in output
    assert output.strip() == "The build was stopped. site/ has not been changed."
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def test_one_build_at_a_time_and_a_dead_builds_lock_is_taken_over(old_site, capsys):
    with build_lock(old_site):
        code, output = run(old_site, WRITES_A_SITE, capsys)
    assert code == 1
    assert f"Another build (process {os.getpid()}) is writing to site/" in output
    # A build killed outright leaves its folder and lock file; the next build takes both over.
    process = _build_in_a_process(old_site, '(out / "started").write_text("")\ntime.sleep(60)')
    _wait_for_build_folder(old_site)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert len(list(old_site.parent.glob(".site-build-*"))) == 1
    code, output = run(old_site, WRITES_A_SITE, capsys)
    assert code == 0, output
    assert (old_site / "index.html").read_text() == "new"
    only_the_site(old_site.parent)
