"""Serve a folder over HTTP on 127.0.0.1, in a thread, for the browser to load; or run the
preview server (`mkdocs serve`) and wait for a page to change."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Yield the base URL, like 'http://127.0.0.1:41234/', of the served folder."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_urls(folder: Path) -> list[str]:
    """Every HTML page in a built site, relative to its root: '', 'privacy/', '404.html'."""
    pages = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


@contextlib.contextmanager
def mkdocs_serve(project: Path, log: Path | None = None) -> Iterator[str]:
    """Run `mkdocs serve` in ``project``, as `make serve` does; yield its base URL.

    Its messages go to ``log`` if given (MkDocs says how long each build took there).
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with open(log or os.devnull, "w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=output,
            start_new_session=True,  # so its whole process group can be stopped
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)


def fetch(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def seconds_until(url: str, text: str, timeout: float) -> float | None:
    """Seconds until the page at ``url`` shows ``text`` (checked every 20 ms), or None."""
    started = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - started > timeout:
            return None
        time.sleep(0.02)
    return time.perf_counter() - started
