"""`make site` builds into a new folder and swaps it in only when the build succeeds."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _build(site_dir: Path, content_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SEND_CONTENT": str(content_dir), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "macros.build", "--site-dir", str(site_dir)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_broken_content_leaves_the_existing_site_byte_identical(tmp_path):
    site = tmp_path / "site"
    good = _build(site, PROJECT / "content")
    assert good.returncode == 0, good.stderr
    before = _tree_digest(site)

    broken = tmp_path / "content"
    shutil.copytree(PROJECT / "content", broken)
    providers = broken / "providers.yml"
    providers.write_text(providers.read_text().replace("0161 283 4836", "0161 283"))
    result = _build(site, broken)

    assert result.returncode != 0
    assert "expected a UK phone number, found '0161 283'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "site/ has not been changed" in result.stderr
    assert _tree_digest(site) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_a_good_build_replaces_the_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    result = _build(site, PROJECT / "content")
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
