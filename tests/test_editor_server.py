"""The browser editor's server (macros/editor/): Decap CMS's local backend actions over one
council's folder, which never read or write outside it, and what it serves to the browser.

Each test runs the real server on a free 127.0.0.1 port over a copy of content/ (editor_client).
What a save writes is tested in test_editor_saving.py."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from editor_client import CONFIG_TEXT, running_editor

from macros.editor.__main__ import main as editor_main

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def editor(content_copy: Path, tmp_path: Path):
    with running_editor(tmp_path) as client:
        yield client


# --- The actions ------------------------------------------------------------------------------


def test_info_says_it_is_a_local_file_backend(editor):
    assert editor.post("info") == (
        200,
        {"repo": "example-council", "publish_modes": ["simple"], "type": "local_fs"},
    )


def test_entries_by_folder_lists_the_councils_files_with_their_text_and_id(editor):
    status, entries = editor.post(
        "entriesByFolder",
        {"branch": "main", "folder": editor.council.shown, "extension": "yml", "depth": 1},
    )
    assert status == 200
    assert [e["file"]["path"] for e in entries] == [
        editor.path(name) for name in ("providers.yml", "roles.yml", "site.yml")
    ]
    roles = editor.file("roles.yml").read_bytes()
    assert entries[1] == {
        "data": roles.decode(),
        "file": {"path": editor.path("roles.yml"), "id": hashlib.sha256(roles).hexdigest()},
    }


def test_entries_by_files_and_get_entry(editor):
    status, entries = editor.post(
        "entriesByFiles",
        {"branch": "main", "files": [{"path": editor.path("site.yml"), "label": "Site"}]},
    )
    assert status == 200
    assert entries[0]["data"] == editor.file("site.yml").read_text()
    assert entries[0]["file"]["label"] == "Site"
    status, entry = editor.post("getEntry", {"branch": "main", "path": editor.path("roles.yml")})
    assert (status, entry["data"]) == (200, editor.file("roles.yml").read_text())
    # A file not there yet (a new entry): no text and no id, as decap-server answers.
    missing = editor.path("changes.yml")
    status, entry = editor.post("getEntry", {"branch": "main", "path": missing})
    assert (status, entry) == (200, {"data": None, "file": {"path": missing, "id": None}})


def test_media_actions_read_write_and_delete_pictures_only(editor):
    status, media = editor.post("getMedia", {"branch": "main", "mediaFolder": editor.council.shown})
    assert status == 200
    assert [m["name"] for m in media] == ["logo.svg"]  # content files are not media
    assert base64.b64decode(media[0]["content"]) == editor.file("logo.svg").read_bytes()
    asset = {"path": editor.path("badge.png"), "content": base64.b64encode(PNG).decode()}
    asset["encoding"] = "base64"
    status, saved = editor.post("persistMedia", {"branch": "main", "asset": asset})
    assert (status, saved["name"], editor.file("badge.png").read_bytes()) == (200, "badge.png", PNG)
    status, got = editor.post("getMediaFile", {"branch": "main", "path": editor.path("badge.png")})
    assert (status, got["id"]) == (200, hashlib.sha256(PNG).hexdigest())
    status, _ = editor.post("deleteFile", {"branch": "main", "path": editor.path("badge.png")})
    assert status == 200 and not editor.file("badge.png").exists()
    # A content file is saved only as an entry (merged and checked), never as media.
    roles = editor.file("roles.yml").read_bytes()
    yml_asset = {"path": editor.path("roles.yml"), "content": "eA==", "encoding": "base64"}
    status, answer = editor.post("persistMedia", {"branch": "main", "asset": yml_asset})
    assert status == 400 and "entries" in answer["error"]
    assert editor.file("roles.yml").read_bytes() == roles


def test_delete_files_keeps_the_files_every_council_needs(editor):
    for name in ("a.png", "b.png"):
        editor.file(name).write_bytes(PNG)
    paths = [editor.path("a.png"), editor.path("b.png")]
    status, _ = editor.post("deleteFiles", {"branch": "main", "paths": paths})
    assert status == 200 and not editor.file("a.png").exists() and not editor.file("b.png").exists()
    status, answer = editor.post("deleteFile", {"branch": "main", "path": editor.path("roles.yml")})
    assert status == 400 and "needs this file" in answer["error"]
    assert editor.file("roles.yml").is_file()


def test_deploy_preview_and_the_editorial_workflow(editor):
    assert editor.post("getDeployPreview", {"branch": "main", "collection": "c", "slug": "s"}) == (
        200,
        None,
    )
    status, answer = editor.post("unpublishedEntries", {"branch": "main"})
    assert (status, answer["error"]) == (422, "Unknown action unpublishedEntries")


# --- Only the council's folder --------------------------------------------------------------


OUTSIDE = [
    "content/national/providers.yml",
    "content/councils/example-borough/site.yml",
    "content/councils/example-council/../example-borough/site.yml",
    "/etc/passwd",
    "content/councils/example-council-2/site.yml",
]


@pytest.mark.parametrize("path", OUTSIDE)
def test_a_path_outside_the_council_is_refused(editor, path):
    for action, params in (
        ("getEntry", {"path": path}),
        ("entriesByFolder", {"folder": path, "extension": "yml", "depth": 1}),
        ("deleteFile", {"path": path, "options": {"commitMessage": "x"}}),
    ):
        status, answer = editor.post(action, {"branch": "main", **params})
        assert status == 400, action
        assert "the editor changes only content/councils/example-council/" in answer["error"]
    national = Path("content/national/providers.yml")
    before = national.read_bytes()
    status, _ = editor.post(
        "persistEntry",
        {
            "branch": "main",
            "dataFiles": [{"slug": "x", "path": path, "raw": "providers: []\n"}],
            "assets": [],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": ""},
        },
    )
    assert status == 400
    assert national.read_bytes() == before


def test_a_link_out_of_the_council_is_refused(editor):
    (editor.council.folder / "national-link.yml").symlink_to(Path("content/national").resolve())
    status, answer = editor.post(
        "getEntry", {"branch": "main", "path": editor.path("national-link.yml/national.yml")}
    )
    assert status == 400 and "cannot use this path" in answer["error"]


def test_requests_from_other_sites_and_names_are_refused(editor):
    assert editor.post("info", headers={"Origin": "https://evil.example"})[0] == 403
    assert editor.post("info", headers={"Host": "evil.example:8081"})[0] == 403
    status, _, _ = editor.request(
        "POST", "/api/v1", b'{"action": "info"}', {"Content-Type": "text/plain"}
    )
    assert status == 415
    own = f"http://127.0.0.1:{editor.server.port}"
    assert editor.post("info", headers={"Origin": own})[0] == 200


def test_the_page_the_bundle_and_the_config_are_served(editor):
    status, headers, content = editor.request("GET", "/")
    assert (status, content) == (200, b"<!doctype html><title>Editor</title>\n")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    status, headers, content = editor.request("GET", "/decap-cms.js")  # from the second folder
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    status, headers, content = editor.request("GET", "/config.yml")
    assert (status, content.decode()) == (200, CONFIG_TEXT)
    for escape in ("/../content/councils/example-council/roles.yml", "/%2e%2e/vendor/decap-cms.js"):
        assert editor.request("GET", escape)[0] == 404


def test_the_command_refuses_what_it_cannot_serve_in_one_line(content_copy, tmp_path, capsys):
    config = tmp_path / "config.yml"
    config.write_text(CONFIG_TEXT)
    for council in ("../national", "no-such-council"):
        given = ["--council", council, "--config", str(config), "--root", str(tmp_path)]
        assert editor_main(given) == 2
        refusal = capsys.readouterr().err
        assert refusal.startswith("The editor did not start: ") and refusal.count("\n") == 1
