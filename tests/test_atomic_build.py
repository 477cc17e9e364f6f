"""`make site` builds into a new folder and swaps it in only when the build succeeds: a build
that fails, early (broken content) or late (a broken link, found in strict mode after every
page and PDF is made), leaves the existing site byte-identical. A build that cannot swap its
site in, or could not remove the old one after, says so and exits non-zero; site/ as a link to
a web root stays a link, and the folder it points to is replaced.

Root can change any folder, and the tests run as root in CI: so a folder that cannot be
changed is a real read-only bind mount, made in a mount namespace of the build's own
(`unshare`), which goes when the build ends. Where mount namespaces are not permitted those
tests are skipped, and the same faults are also made in-process at the OS call (os.access)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from builds import copy_project, note_build
from conftest import PDF_CACHE, PROJECT
from test_build_faults import WRITES_A_SITE, stand_in
from test_content_loading import break_content, expected_messages

from macros import publish
from macros.build import build_site
from macros.publish import replace_site

# Broken content in five files at once: a YAML syntax error, a missing file and three records
# with a wrong value. Each case is checked on its own, message by message, in-process
# (tests/test_content_loading.py); this shows the real build command reports them all at once.
BROKEN_AT_ONCE = [
    "yaml-syntax-error",
    "missing-content-file",
    "colour-too-light",
    "form-unknown-field-type",
    "time-limit-unknown-unit",
]


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _make_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`make site`'s command, run on a copy of the project."""
    note_build("extra", f"make site in {project.name}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEND_CONTENT", None)
    return subprocess.run(
        [sys.executable, "-m", "macros.build", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def existing_site(tmp_path, built_site) -> Path:
    """A published site: a copy of the shipped council's."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    return site


def _assert_unchanged(site: Path, before: dict[str, str], output: str) -> None:
    assert "Traceback" not in output
    assert "site/ has not been changed" in output
    assert _tree_digest(site) == before
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


@pytest.mark.extra_build
def test_broken_content_stops_the_build_with_every_error_and_leaves_the_site(
    tmp_path, existing_site
):
    project = copy_project(tmp_path / "project")
    for case in BROKEN_AT_ONCE:
        break_content(project / "content", case)
    before = _tree_digest(existing_site)

    result = _make_site(project, existing_site)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for case in BROKEN_AT_ONCE:
        for message in expected_messages(case):
            assert message in output, f"{case}: {message!r} not in:\n{output}"
    _assert_unchanged(existing_site, before, output)


@pytest.mark.extra_build
def test_a_broken_link_fails_the_strict_build_late_and_leaves_the_site(tmp_path, existing_site):
    """The strict check fails the build after every page and PDF is made. Those PDFs all come
    from the cache the copy carried: nothing in the content changed, so none is made again."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Missing](no-such-page.md)\n")
    cache = project / PDF_CACHE
    cached = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    before = _tree_digest(existing_site)

    result = _make_site(project, existing_site)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "no-such-page.md" in output
    # MkDocs stops a strict build only after on_post_build, where the guide PDF is made.
    assert "in strict mode" in output, output
    _assert_unchanged(existing_site, before, output)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == cached


def test_a_finished_build_replaces_the_site_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    new_site = tmp_path / ".site-build-1"
    new_site.mkdir()
    (new_site / "index.html").write_text("new")

    replace_site(new_site, site)

    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_the_first_build_makes_the_site_folder(tmp_path):
    new_site = tmp_path / ".site-build-1"
    new_site.mkdir()
    (new_site / "index.html").write_text("new")
    replace_site(new_site, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "new"


def _stand_in_build(site: Path, code: str = WRITES_A_SITE) -> list[str]:
    """build_site with a stand-in generator, as a command (for a mount namespace)."""
    script = (
        "import sys; from pathlib import Path; from macros.build import build_site; "
        f"sys.exit(build_site(Path('mkdocs.yml'), Path({str(site)!r}), "
        f"{[*stand_in(code), str(site)]!r}))"
    )
    return [sys.executable, "-c", script]


def _not_here(reason: str) -> None:
    """Skip on a developer's machine; fail on CI, where a check that does not run is a defect."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _unshare() -> list[str]:
    """The command that runs a shell script in a mount namespace of its own (as root there)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        _not_here("unshare (util-linux) is not installed: no mount namespace for a real fault")
    command = [unshare, "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        command.append("--map-root-user")
    probe = subprocess.run([*command, "true"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        _not_here(f"mount namespaces are not permitted here: {probe.stderr.strip()}")
    return command


def _build_with_mounts(mounts: str, build: list[str]) -> tuple[int, str]:
    """Run ``build`` after the shell commands ``mounts``, in a mount namespace of its own: the
    mounts go when it ends."""
    result = subprocess.run(
        [*_unshare(), "sh", "-ec", mounts + '\nexec "$@"', "sh", *build],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def _read_only(folder: Path) -> str:
    return f"mount --bind '{folder}' '{folder}'\nmount -o remount,bind,ro '{folder}'"


@pytest.fixture
def old_site(tmp_path) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("old")
    (site / "assets" / "site.css").write_text("old")
    return site


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_an_old_site_that_could_not_be_removed_stops_the_build_before_it_starts(old_site):
    """A folder in site/ that cannot be changed: the old site could not be removed once the
    new one is in (each build would publish and leave it beside the new site for good)."""
    ran = old_site.parent / "generator-ran"
    build = _stand_in_build(old_site, f"Path({str(ran)!r}).write_text('')\n" + WRITES_A_SITE)
    code, output = _build_with_mounts(_read_only(old_site / "assets"), build)
    assert code == 1, output
    assert output.strip() == (
        f"The site was not built. Cannot write to {old_site / 'assets'}: read-only file system. "
        "Check that you can change this folder and the files in it, or build into another "
        "folder with --site-dir. site/ has not been changed."
    )
    assert not ran.exists()
    assert (old_site / "index.html").read_text() == "old"
    assert _leftovers(old_site.parent) == []


def test_a_folder_that_cannot_be_changed_is_found_before_the_build(old_site, capsys, monkeypatch):
    """The same check in-process, where mount namespaces are not permitted: os.access says no,
    as it does for a user without write permission."""
    assets = old_site / "assets"
    monkeypatch.setattr(publish.os, "access", lambda path, mode: Path(path) != assets)
    code = build_site(PROJECT / "mkdocs.yml", old_site, [*stand_in(WRITES_A_SITE), str(old_site)])
    output = capsys.readouterr().err
    assert code == 1
    assert f"Cannot write to {assets}: permission denied." in output
    assert (old_site / "index.html").read_text() == "old"
    assert _leftovers(old_site.parent) == []


def test_an_old_site_that_became_unremovable_during_the_build_is_named(old_site):
    """Checked before the build, changed during it: the new site is published, and the build
    says where the old one is and exits non-zero."""
    make_read_only = (
        f"import subprocess\nfor line in {_read_only(old_site / 'assets')!r}.splitlines():\n"
        "    subprocess.run(line, shell=True, check=True)\n"
    )
    code, output = _build_with_mounts(
        "true", _stand_in_build(old_site, make_read_only + WRITES_A_SITE)
    )
    assert code == 1, output
    left = _leftovers(old_site.parent)
    assert len(left) == 1 and left[0].startswith(".site-build-"), left
    assert output.strip() == (
        f"The site is in {old_site}/, but the old site could not be removed (read-only file "
        f"system): remove {old_site.parent / left[0]} by hand."
    )
    assert (old_site / "index.html").read_text() == "new"


def test_a_site_that_cannot_be_swapped_in_says_so_and_cleans_up(old_site):
    """site/ is a mount point: it cannot be renamed, so the new site cannot go in its place."""
    mount_point = f"mount --bind '{old_site}' '{old_site}'"
    code, output = _build_with_mounts(mount_point, _stand_in_build(old_site))
    assert code == 1, output
    assert output.strip() == (
        f"The site was not built. Cannot put the new site in place of {old_site}: it is a "
        "mount point or in use (device or resource busy). A build replaces the whole folder: "
        "build into a folder inside it, or into another folder, with --site-dir. site/ has not "
        "been changed."
    )
    assert (old_site / "index.html").read_text() == "old"
    assert _leftovers(old_site.parent) == []


def test_a_site_linked_to_a_web_root_updates_the_web_root_and_keeps_the_link(tmp_path, capsys):
    """The folder the link points to is replaced, from a new folder beside it, and keeps its
    permissions and group (a web root's, setgid so that new files take the group)."""
    web_root = tmp_path / "www" / "html"
    web_root.mkdir(parents=True)
    (web_root / "index.html").write_text("old")
    group = 65534 if os.geteuid() == 0 else os.getgid()
    os.chown(web_root, -1, group)
    web_root.chmod(0o2750)
    project = tmp_path / "project"
    project.mkdir()
    link = project / "site"
    link.symlink_to(os.path.relpath(web_root, project))

    code = build_site(PROJECT / "mkdocs.yml", link, [*stand_in(WRITES_A_SITE), str(web_root)])
    output = capsys.readouterr()

    assert code == 0, output
    assert output.out.strip() == f"The site is in {web_root}/ ({link} links there)"
    assert link.is_symlink() and link.resolve() == web_root
    assert (web_root / "index.html").read_text() == "new"
    assert stat.S_IMODE(web_root.stat().st_mode) == 0o2750
    assert web_root.stat().st_gid == group
    assert (web_root / "index.html").stat().st_gid == group
    assert sorted(p.name for p in project.iterdir()) == ["site"]
    assert sorted(p.name for p in web_root.parent.iterdir()) == ["html"]
