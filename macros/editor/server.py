"""The browser editor's server, on 127.0.0.1 only: the editor's page and Decap CMS's files
(GET, from the app folders), its configuration (GET /config.yml), and Decap's local backend
over one council's folder (POST /api/v1, backend.py).

It answers only this machine, and only requests addressed to it by its own name: a page from
another site cannot post to it (the API needs JSON and the server's own origin, and no other
origin is ever allowed), and a name that merely resolves to 127.0.0.1 (DNS rebinding) is
refused. Nothing it serves is part of the family site.
"""

from __future__ import annotations

import json
import mimetypes
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .backend import LocalBackend
from .council import Refused

HOST = "127.0.0.1"
API = "/api/v1"
# A request's largest body: a logo or a page of text is far smaller (decap-server allows 50 MB).
MOST_BYTES = 20 * 1024 * 1024
# The editor page loads only from this server (Decap CMS needs inline styles, eval and blob:
# and data: pictures); it may show the preview (`make serve`, also on 127.0.0.1) in a frame.
EDITOR_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self' blob: http://127.0.0.1:*; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".map": "application/json",
    ".wasm": "application/wasm",
    ".yml": "text/yaml",
}


class EditorServer(ThreadingHTTPServer):
    """The server: ``app_folders`` are searched in order for each file asked for."""

    daemon_threads = True

    def __init__(
        self,
        backend: LocalBackend,
        app_folders: list[Path],
        config_text: str,
        port: int = 8081,
        quiet: bool = False,
    ):
        self.backend = backend
        self.app_folders = [Path(folder).resolve() for folder in app_folders]
        self.config_text = config_text
        self.quiet = quiet
        super().__init__((HOST, port), EditorHandler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def own_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    def app_file(self, url_path: str) -> Path | None:
        """The file a GET asks for, if it is a regular file inside one of the app folders."""
        relative = unquote(url_path).lstrip("/") or "index.html"
        parts = PurePosixPath(relative).parts
        if "\0" in relative or "\\" in relative or ".." in parts:
            return None
        for folder in self.app_folders:
            found = (folder / relative).resolve()
            if found.is_relative_to(folder) and found.is_file():
                return found
        return None


class EditorHandler(BaseHTTPRequestHandler):
    server: EditorServer
    server_version = "editor"
    sys_version = ""

    def do_GET(self) -> None:
        if not self._addressed_to_us():
            return
        path = urlsplit(self.path).path
        if path == "/config.yml":
            return self._send(200, self.server.config_text.encode("utf-8"), "text/yaml")
        found = self.server.app_file(path)
        if found is None:
            return self._send(404, b"Not found\n", "text/plain")
        kind = _TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0]
        self._send(200, found.read_bytes(), kind or "application/octet-stream")

    def do_POST(self) -> None:
        if not self._addressed_to_us():
            return
        try:
            body = self._json_body()
            result = self.server.backend.answer(body)
        except Refused as refused:
            if not self.server.quiet:
                print("\n".join(refused.problems), file=sys.stderr)
            answer = {"error": "\n".join(refused.problems), "problems": refused.problems}
            return self._send_json(refused.status, answer)
        except OSError as error:
            traceback.print_exc()
            problem = f"the editor server could not read or write a file: {error.strerror}"
            return self._send_json(500, {"error": problem, "problems": [problem]})
        except Exception:  # a fault in this server: the browser is told, the terminal shows it
            traceback.print_exc()
            problem = "the editor server failed: the terminal running it shows why"
            return self._send_json(500, {"error": problem, "problems": [problem]})
        self._send_json(200, result)

    def _json_body(self) -> object:
        if urlsplit(self.path).path != API:
            raise Refused(404, [f"the editor's API is at {API}"])
        origin = self.headers.get("Origin")
        if origin is not None and origin.removeprefix("http://") not in self.server.own_hosts():
            raise Refused(403, [f"requests from {origin} are not accepted"])
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Refused(415, ["expected a JSON body (Content-Type: application/json)"])
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, ["expected a Content-Length"]) from None
        if not 0 <= length <= MOST_BYTES:
            raise Refused(413, [f"a request may be at most {MOST_BYTES // 1024 // 1024} MB"])
        try:
            return json.loads(self.rfile.read(length))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise Refused(400, ["expected a JSON body"]) from None

    def _addressed_to_us(self) -> bool:
        """Refuse (403) a request whose Host is not this server's own address."""
        if self.headers.get("Host", "") in self.server.own_hosts():
            return True
        problem = f"this server answers only at its own address, {self.server.address}"
        if self.command == "POST":
            self._send_json(403, {"error": problem, "problems": [problem]})
        else:
            self._send(403, f"{problem}\n".encode(), "text/plain")
        return False

    def _send_json(self, status: int, value: object) -> None:
        self._send(status, json.dumps(value).encode("utf-8"), "application/json")

    def _send(self, status: int, content: bytes, kind: str) -> None:
        textual = kind.startswith("text/") or kind in ("application/json", "image/svg+xml")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if textual else kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Content-Security-Policy", EDITOR_CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)
