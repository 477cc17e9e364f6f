"""Find the external tools the checks need, and decide what a missing one means.

On CI (CI=true) a missing tool fails the run. On a developer's machine the browser checks skip,
with one loud line saying what to install.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# IBM Equal Access: the browser build of its rule engine.
ACE = PROJECT / "node_modules" / "accessibility-checker-engine" / "ace.js"
HTMLCS = PROJECT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
# The browser editor (make edit): Decap CMS's bundle, with React inside.
DECAP = PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"

# What each tool needs and how to get it (bash .ci/run installs all of them).
_INSTALL = {
    "chromium": "apt-get install chromium",
    "java": "apt-get install default-jre-headless",
    "axe-core": "npm ci (needs nodejs and npm)",
    "vnu-jar": "npm ci (needs nodejs and npm)",
    "accessibility-checker-engine": "npm ci (needs nodejs and npm)",
    "html_codesniffer": "npm ci (needs nodejs and npm)",
    "decap-cms": "npm ci (needs nodejs and npm)",
    "playwright": "make test (installs requirements-test.txt)",
    "poppler": "apt-get install poppler-utils",
}

missing_tools: list[str] = []


def _present(tool: str) -> bool:
    if tool == "chromium":
        return CHROMIUM.is_file()
    if tool == "java":
        return shutil.which("java") is not None
    if tool == "axe-core":
        return AXE.is_file()
    if tool == "vnu-jar":
        return VNU.is_file()
    if tool == "accessibility-checker-engine":
        return ACE.is_file()
    if tool == "html_codesniffer":
        return HTMLCS.is_file()
    if tool == "decap-cms":
        return DECAP.is_file()
    if tool == "poppler":
        return shutil.which("pdftoppm") is not None
    if tool == "playwright":
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return False
        return True
    raise ValueError(tool)


def require(*tools: str) -> None:
    """Fail (on CI) or skip (elsewhere) unless every tool is installed."""
    absent = [tool for tool in tools if not _present(tool)]
    if not absent:
        return
    how = "; ".join(f"{tool}: {_INSTALL[tool]}" for tool in absent)
    message = f"SITE CHECKS NOT RUN: missing {', '.join(absent)}. Install with: {how}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    missing_tools.append(message)
    pytest.skip(message)
