"""Decap CMS's local backend protocol (what its ``decap-server`` answers in its ``local_fs``
mode), over one council's folder.

The browser POSTs ``{"action": ..., "params": {...}}`` to /api/v1. The actions and the shapes
of their answers are decap-server's (packages/decap-server/src/middlewares/localFs/index.ts and
its joi schemas): info, entriesByFolder, entriesByFiles, getEntry, persistEntry, getMedia,
getMediaFile, persistMedia, deleteFile, deleteFiles, getDeployPreview. The editorial workflow's
actions are refused as decap-server's local_fs mode refuses them ("Unknown action", 422).
What differs is on purpose: every path must be inside the council's folder (400), and
persistEntry writes only the values the editor changed, once the loader accepts them
(saving.py).
"""

from __future__ import annotations

import base64
import binascii
import threading
from pathlib import Path

from ..content.files import COUNCIL_FILES
from .council import Council, Refused, file_id, files_in, write_atomically
from .saving import save_files

_YAML_ENDINGS = (".yml", ".yaml")


class LocalBackend:
    """Answers each action for one council; one change at a time."""

    def __init__(self, council: Council):
        self.council = council
        self._writing = threading.Lock()
        self._actions = {
            "info": self.info,
            "entriesByFolder": self.entries_by_folder,
            "entriesByFiles": self.entries_by_files,
            "getEntry": self.get_entry,
            "persistEntry": self.persist_entry,
            "getMedia": self.get_media,
            "getMediaFile": self.get_media_file,
            "persistMedia": self.persist_media,
            "deleteFile": self.delete_file,
            "deleteFiles": self.delete_files,
            "getDeployPreview": lambda params: None,
        }

    def answer(self, body: object) -> object:
        """The answer to one request's JSON body, or Refused."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Refused(422, ['expected {"action": ..., "params": {...}}'])
        action = self._actions.get(body["action"])
        if action is None:
            raise Refused(422, [f"Unknown action {body['action']}"])
        params = body.get("params")
        if body["action"] != "info" and not isinstance(params, dict):
            raise Refused(422, ['"params" is required'])
        return action(params)

    def info(self, params: object) -> dict:
        return {"repo": self.council.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entries_by_folder(self, params: dict) -> list[dict]:
        folder = self.council.path(params.get("folder"))
        extension = _text(params, "extension")
        depth = params.get("depth")
        if not isinstance(depth, int) or isinstance(depth, bool):
            raise Refused(422, ['"depth" must be a number'])
        return [self._entry(path, None) for path in files_in(folder, extension, depth)]

    def entries_by_files(self, params: dict) -> list[dict]:
        files = params.get("files")
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise Refused(422, ['"files" must be a list of {"path": ...}'])
        return [self._entry(self.council.path(f.get("path")), f.get("label")) for f in files]

    def get_entry(self, params: dict) -> dict:
        return self._entry(self.council.path(params.get("path")), None)

    def _entry(self, path: Path, label: object) -> dict:
        """A file's text and its version's id, or nothing if it is not there (as Decap's)."""
        described = {"path": self.council.named(path)}
        described |= {"label": label} if label is not None else {}
        if not path.is_file():
            return {"data": None, "file": described | {"id": None}}
        content = path.read_bytes()
        text = content.decode("utf-8", errors="replace")
        return {"data": text, "file": described | {"id": file_id(content)}}

    def persist_entry(self, params: dict) -> dict:
        """Save an entry's files (each merged onto its original and checked) and its media."""
        data_files = params.get("dataFiles")
        if data_files is None and isinstance(params.get("entry"), dict):
            data_files = [params["entry"]]
        if not isinstance(data_files, list) or not all(isinstance(f, dict) for f in data_files):
            raise Refused(422, ['"dataFiles" must be a list of {"path": ..., "raw": ...}'])
        sent = []
        for data_file in data_files:
            path = self.council.path(data_file.get("path"))
            if data_file.get("newPath") not in (None, data_file.get("path")):
                raise Refused(422, [f"{self.council.named(path)}: the editor cannot rename files"])
            sent.append((path, _text(data_file, "raw")))
        assets = params.get("assets") or []
        media = [self._media(asset) for asset in assets if isinstance(asset, dict)]
        with self._writing:
            problems = save_files(self.council, sent)
            for path, content in media:
                _write_if_changed(path, content)
        return {"message": "entry persisted", "problems": problems}

    def get_media(self, params: dict) -> list[dict]:
        folder = self.council.path(params.get("mediaFolder"))
        return [
            self._media_file(path)
            for path in files_in(folder, "", 1)
            if not path.name.endswith(_YAML_ENDINGS)
        ]

    def get_media_file(self, params: dict) -> dict:
        path = self.council.path(params.get("path"))
        if not path.is_file():
            raise Refused(404, [f"{self.council.named(path)}: there is no such file"])
        return self._media_file(path)

    def _media_file(self, path: Path) -> dict:
        content = path.read_bytes()
        return {
            "id": file_id(content),
            "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64",
            "path": self.council.named(path),
            "name": path.name,
        }

    def persist_media(self, params: dict) -> dict:
        asset = params.get("asset")
        if not isinstance(asset, dict):
            raise Refused(422, ['"asset" is required'])
        path, content = self._media(asset)
        with self._writing:
            _write_if_changed(path, content)
        return self._media_file(path)

    def _media(self, asset: dict) -> tuple[Path, bytes]:
        """A picture or other file to write: never a content file (those are saved only
        through persistEntry, merged and checked)."""
        path = self.council.path(asset.get("path"))
        if path.name.endswith(_YAML_ENDINGS) or path.is_dir():
            raise Refused(400, [f"{self.council.named(path)}: save content files as entries"])
        if asset.get("encoding") != "base64":
            raise Refused(422, ['"encoding" must be "base64"'])
        try:
            return path, base64.b64decode(_text(asset, "content"), validate=True)
        except (binascii.Error, ValueError):
            raise Refused(422, ['"content" is not base64']) from None

    def delete_file(self, params: dict) -> dict:
        path = self.council.path(params.get("path"))
        with self._writing:
            self._delete(path)
        return {"message": f"deleted file {self.council.named(path)}"}

    def delete_files(self, params: dict) -> dict:
        given = params.get("paths")
        if not isinstance(given, list) or not given:
            raise Refused(422, ['"paths" must be a list of at least one path'])
        paths = [self.council.path(path) for path in given]
        with self._writing:
            for path in paths:
                self._delete(path)
        return {"message": f"deleted files {', '.join(map(self.council.named, paths))}"}

    def _delete(self, path: Path) -> None:
        named = self.council.named(path)
        if path.parent == self.council.folder and path.name in COUNCIL_FILES:
            raise Refused(400, [f"{named}: every council needs this file, so it is kept"])
        if path.is_dir():
            raise Refused(400, [f"{named}: the editor deletes files, not folders"])
        path.unlink(missing_ok=True)


def _text(params: dict, name: str) -> str:
    value = params.get(name)
    if not isinstance(value, str):
        raise Refused(422, [f'"{name}" must be text'])
    return value


def _write_if_changed(path: Path, content: bytes) -> None:
    if not (path.is_file() and path.read_bytes() == content):
        write_atomically(path, content)
