"""The browser editor's server under test, in this process: started on a free 127.0.0.1 port in
a thread, over a copy of a council's folder, and a client that posts to it what Decap CMS posts.

What Decap sends is made by Decap's own YAML code: the `yaml` package its core uses (from
node_modules, as decap-cms-core resolves it), called as Decap's YAML format calls it
(decap-cms-core/src/formats/yaml.ts: parseDocument(...).toJSON() to read a file, createNode and
Document.toString() to write one). So the tests see the quoting Decap really writes
(``opens_at: 09:30``, ``last_checked: 2026-11-28``, ``yes`` without quotes).
"""

from __future__ import annotations

import contextlib
import difflib
import http.client
import json
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from project_paths import PROJECT

from macros.editor.backend import LocalBackend
from macros.editor.council import Council
from macros.editor.server import EditorServer

CONFIG_TEXT = "backend:\n  name: git-gateway\nlocal_backend: true\n"
_DECAP_YAML = """
const path = require('path');
const here = { paths: [process.cwd()] };
const core = path.dirname(require.resolve('decap-cms-core/package.json', here));
const yaml = require(require.resolve('yaml', { paths: [core] }));
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
let out;
if (input.op === 'read') {
  out = yaml.parseDocument(input.text).toJSON();
} else {
  const doc = new yaml.Document();
  doc.contents = yaml.createNode(input.data);
  out = doc.toString();
}
process.stdout.write(JSON.stringify(out));
"""


def _decap_yaml(request: dict) -> object:
    node = shutil.which("node")
    if node is None or not (PROJECT / "node_modules" / "decap-cms-core").is_dir():
        pytest.skip("needs Node.js and node_modules (make node_modules/.installed)")
    done = subprocess.run(
        [node, "-e", _DECAP_YAML],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def decap_read(text: str) -> dict:
    """A file as Decap CMS reads it into its form (dates and times as text)."""
    return _decap_yaml({"op": "read", "text": text})


def decap_write(data: dict) -> str:
    """The form's values as Decap CMS writes them to save."""
    return _decap_yaml({"op": "write", "data": data})


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a diff shows removed (-) and added (+)."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@dataclass
class EditorClient:
    server: EditorServer
    council: Council

    def file(self, name: str) -> Path:
        return self.council.folder / name

    def path(self, name: str) -> str:
        """A council file's path as Decap names it."""
        return f"{self.council.shown}/{name}"

    def request(
        self, method: str, url: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        try:
            connection.request(method, url, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def post(self, action: str, params: dict | None = None, headers: dict | None = None):
        """(status, answer) of one action, posted as Decap posts it."""
        body = {"action": action, "params": params}
        sent = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        status, _, content = self.request("POST", "/api/v1", json.dumps(body).encode(), sent)
        return status, json.loads(content)

    def persist(self, name: str, raw: str):
        return self.post(
            "persistEntry",
            {
                "branch": "main",
                "dataFiles": [{"slug": name, "path": self.path(name), "raw": raw}],
                "assets": [],
                "options": {"commitMessage": f"Update {name}", "useWorkflow": False, "status": ""},
            },
        )

    def save(self, name: str, change: Callable[[dict], None]):
        """Open a file in the form as Decap does, change its values, and save it."""
        data = decap_read(self.file(name).read_text(encoding="utf-8"))
        change(data)
        return self.persist(name, decap_write(data))


def start_editor(root: Path, council: str, app_folders: list[Path]) -> EditorClient:
    backend = LocalBackend(Council(root, council))
    server = EditorServer(backend, app_folders, CONFIG_TEXT, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return EditorClient(server, backend.council)


def stop_editor(client: EditorClient) -> None:
    client.server.shutdown()
    client.server.server_close()


@contextlib.contextmanager
def running_editor(root: Path, council: str = "example-council"):
    """The server over ``root``'s copy of content/, with an app folder holding the editor's
    page and a second one holding Decap's bundle (as `make edit` gives it)."""
    app, vendor = root / "app", root / "vendor"
    app.mkdir()
    vendor.mkdir()
    (app / "index.html").write_text("<!doctype html><title>Editor</title>\n")
    (vendor / "decap-cms.js").write_text("/* the Decap bundle */\n")
    client = start_editor(root, council, [app, vendor])
    try:
        yield client
    finally:
        stop_editor(client)


def sendiass(data: dict) -> dict:
    return next(p for p in data["providers"] if p["id"] == "example-sendiass")
