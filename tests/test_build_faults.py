"""How `make site` (macros/build.py) meets faults a council's machine can hit (issue 17): a build
that fails, is stopped (Ctrl-C, SIGTERM) or killed, a full disk, a folder it cannot write, site/
being a file, two builds at once. After each, the folder holds only site/ (the old site, whole)
and what it held before, readable by other users, and the message is one line, no traceback.

The generator is replaced by small stand-in commands that succeed or fail in chosen ways: these
test the build's machinery, not the site (tests/test_atomic_build.py builds real sites).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import pytest
from conftest import PROJECT

from macros import pdfs, publish
from macros.build import build_site
from macros.publish import build_lock, remove_leftovers, replace_site


def stand_in(code: str) -> list[str]:
    """A generator that runs ``code`` with ``out`` set to the folder it must build into (the
    build's new folder: the one starting with '.site-build-' beside site/), given site/ as its
    last argument."""
    prelude = textwrap.dedent(
        """
        import sys, time, os, errno, signal, shutil
        from pathlib import Path
        site = Path(sys.argv[-1])
        out = next(site.parent.glob(f".{site.name}-build-*"))
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


@pytest.mark.parametrize(
    ("files", "where"),
    [
        # A copy's error names both files, as shutil.copyfile's did when the project's own disk
        # filled up: the folder named is the one holding the copy, here the build's new folder,
        # which is gone by then, so the folder beside site/.
        (("/venv/material/assets/wordcut.js", "{out}/assets/wordcut.js"), "{parent}"),
        (("/venv/wordcut.js", "/srv/www/site/assets/wordcut.js"), "/srv/www/site/assets"),
        # Python writes a name holding a ' in double quotes.
        (("/srv/it's/site/page.html",), "/srv/it's/site"),
        # A PDF's cache file (macros/pdfs.py names the file a failed write was writing).
        (("/srv/project/.cache/pdfs/a.pdf.7.part",), "/srv/project/.cache/pdfs"),
    ],
)
def test_a_full_disk_names_the_folder_on_it(old_site, capsys, files, where):
    crash = (
        f"files = [f.format(out=out) for f in {files!r}]\n"
        "raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), files[0], None, *files[1:])"
    )
    code, output = run(old_site, WRITES_A_SITE + crash, capsys)
    assert code == 1
    expected = where.format(parent=old_site.parent)
    assert output.strip() == (
        f"The site was not built. The disk is full: the build needs about 2 MB free in "
        f"{expected}. Free some space, then run the build again. site/ has not been changed."
    )
    only_the_site(old_site.parent)


def test_a_generator_killed_by_a_signal_says_so(old_site, capsys):
    """Killed outright (the out-of-memory killer, kill -9): it listed no problems to fix."""
    code, output = run(old_site, WRITES_A_SITE + "os.kill(os.getpid(), signal.SIGKILL)", capsys)
    assert code == 1
    assert output.strip() == (
        "The site was not built. The site generator was stopped by signal 9 (SIGKILL). "
        "site/ has not been changed."
    )
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def test_a_full_disk_leaves_no_half_written_pdf_in_the_cache(tmp_path, monkeypatch):
    """The PDF is written to a '.part' file first; when the disk fills up (here a real ENOSPC
    from /dev/full), that file goes, and the error names it for the build's message."""

    class StandInHtml:
        def __init__(self, string, base_url):
            pass

        def write_pdf(self, **options):
            # A real PDF (an empty one), for the finishing pdfs.build_pdf does after WeasyPrint.
            import pikepdf

            out = io.BytesIO()
            pikepdf.new().save(out)
            return out.getvalue()

    monkeypatch.setattr(pdfs, "_weasyprint", lambda: types.SimpleNamespace(HTML=StandInHtml))
    first, full = tmp_path / "first", tmp_path / "full"
    for cache in (first, full):
        cache.mkdir()
        (cache / "field-font.ttf").write_bytes(b"a font")
    name = pdfs.build_pdf("<p>A form</p>", tmp_path, fillable=False, cache=first).path.name
    partial = full / f"{name}.{os.getpid()}.part"
    partial.symlink_to("/dev/full")

    with pytest.raises(OSError) as raised:
        pdfs.build_pdf("<p>A form</p>", tmp_path, fillable=False, cache=full)

    assert sorted(p.name for p in full.iterdir()) == ["field-font.ttf"]
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename == str(partial)


def test_an_unexpected_crash_is_shown_in_full(old_site, capsys):
    code, output = run(old_site, "raise ValueError('a bug in a macro')", capsys)
    assert code == 1
    assert "Traceback" in output and "ValueError: a bug in a macro" in output
    only_the_site(old_site.parent)


def test_a_folder_the_build_cannot_write_is_one_line(old_site, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(old_site.parent))

    monkeypatch.setattr(publish.tempfile, "mkdtemp", refuse)
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

    monkeypatch.setattr(publish, "_exchange", refuse)
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
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    missing = old_site.parent / ".site-build-gone"
    with pytest.raises(publish.SwapFailed) as failed:
        replace_site(missing, old_site)
    assert isinstance(failed.value.error, FileNotFoundError)
    assert (old_site / "index.html").read_text() == "old"
    only_the_site(old_site.parent)


def test_the_swap_is_one_step_on_linux(old_site):
    new_site = old_site.parent / ".site-build-1"
    new_site.mkdir()
    (new_site / "index.html").write_text("new")
    assert publish._exchange(new_site, old_site) is True
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


def wait_for(condition, what: str, seconds: float = 20):
    """Poll ``condition`` until it is true (returning its value), or fail naming ``what``."""
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.02)
    return value


def _wait_for_build_folder(site: Path) -> list[Path]:
    return wait_for(
        lambda: list(site.parent.glob(f".{site.name}-build-*/started")),
        "the stand-in build never started",
    )


def process_gone(pid: int) -> bool:
    """True when the process has ended (a zombie waiting for its parent has ended too)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


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


def test_a_second_stop_after_the_build_has_stopped_changes_nothing(old_site):
    """Ctrl-C on `make sites` reaches each build twice: from the terminal, and passed on by
    `make sites`, maybe late. The second must not turn the build's exit into a traceback or a
    death by signal."""
    process = _build_in_a_process(old_site, '(out / "started").write_text("")\ntime.sleep(60)')
    _wait_for_build_folder(old_site)
    process.send_signal(signal.SIGINT)
    lines = []
    while "The build was stopped" not in (line := process.stdout.readline()):
        lines.append(line)
        assert line, "".join(lines)
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGINT, "".join(lines) + line + rest
    assert rest.strip() == ""


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


def test_a_build_killed_outright_takes_its_generator_with_it(old_site, capsys):
    """kill -9 of the build alone (not its process group): the generator must not go on
    writing, as a second generator beside the next build's."""
    started = 'time.sleep(0.2)\n(out / "started").write_text(str(os.getpid()))\ntime.sleep(60)'
    process = _build_in_a_process(old_site, started)
    generator = int(_wait_for_build_folder(old_site)[0].read_text())
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    wait_for(lambda: process_gone(generator), "the generator outlived the build", 10)
    code, output = run(old_site, WRITES_A_SITE, capsys)
    assert code == 0, output
    assert (old_site / "index.html").read_text() == "new"
    only_the_site(old_site.parent)
