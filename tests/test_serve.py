"""`make serve` (mkdocs serve) rebuilds the preview when a file in content/ changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if page and text in page:
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_content_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/disagreement-resolution/who-provides-it/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert _wait_for(url, "The Together Trust", 60), "the preview did not start"
        providers = project / "content" / "providers.yml"
        providers.write_text(
            providers.read_text(encoding="utf-8").replace(
                "name: The Together Trust", "name: Riverside Mediation Trust"
            ),
            encoding="utf-8",
        )
        assert _wait_for(url, "Riverside Mediation Trust", 60), "no rebuild after a content edit"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_a_preview_build_leaves_out_the_guide_pdf(tmp_path):
    """make serve (SEND_PREVIEW=1) skips the slow whole-guide PDF and says so on the page."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEND_PREVIEW": "1"}
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "guide" / "whole-guide.pdf").exists()
    assert (
        "It is not made while you preview the site."
        in (tmp_path / "site" / "index.html").read_text()
    )
