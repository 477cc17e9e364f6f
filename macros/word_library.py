"""The Word library the letter pages load when a family asks for their letter as a Word file:
the browser bundle of the npm package docx, pinned in package.json and installed by npm ci
(`make node_modules/.installed`). Only that one file, and its licence, go into the site: the
site serves it itself, so nothing is fetched from another host (CONTRIBUTING.md, "Dependencies").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .errors import warnings_log
from .urls import DOCX_LIBRARY, DOCX_LIBRARY_LICENCE

PACKAGE = "docx"
# The package's self-contained browser build: one script that defines window.docx, with its
# own dependencies (fflate, nanoid) inside it, and no eval, workers or requests.
BUNDLE = Path("dist") / "index.iife.js"
LICENCE = Path("LICENSE")
PROJECT = Path(__file__).resolve().parents[1]


def pinned_version(project: Path = PROJECT) -> str | None:
    """The version package.json pins docx at."""
    manifest = json.loads((project / "package.json").read_text(encoding="utf-8"))
    return manifest.get("dependencies", {}).get(PACKAGE)


def installed_version(project: Path = PROJECT) -> str | None:
    """The version of docx in node_modules, if it is installed."""
    manifest = project / "node_modules" / PACKAGE / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def copy_word_library(site_dir: Path, project: Path = PROJECT) -> bool:
    """Put the library and its licence into the built site. Without it (npm not installed) the
    site still builds and the letters still work, but their "Download as a Word document" says
    it cannot: the build warns, once. Returns whether the library was copied."""
    package = project / "node_modules" / PACKAGE
    installed, pinned = installed_version(project), pinned_version(project)
    if installed is None or not (package / BUNDLE).is_file():
        warnings_log().warning(
            "The letters' Word library (npm package %s %s) is not installed, so the letter "
            "pages cannot make Word files: run make node_modules/.installed (it needs Node.js "
            "and npm) and build again",
            PACKAGE,
            pinned,
        )
        return False
    if installed != pinned:
        warnings_log().warning(
            "The letters' Word library is %s %s, but package.json pins %s: run make "
            "node_modules/.installed and build again",
            PACKAGE,
            installed,
            pinned,
        )
    for source, target in ((BUNDLE, DOCX_LIBRARY), (LICENCE, DOCX_LIBRARY_LICENCE)):
        (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package / source, site_dir / target)
    return True
