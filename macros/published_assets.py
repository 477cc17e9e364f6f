"""The site's own stylesheet and scripts are published without their comments.

The comments say why the code is as it is, for whoever changes it (overrides/assets/); a family's
phone has no use for them, and they were over a third of the site's own stylesheet and scripts,
gzipped: 5 KB of a letter page's first view, which tests/page-weight.yml holds to 40 KB. Only
whole comments go: a stylesheet's
/* ... */ and a script's lines that are nothing but a // comment, so no code, string or regular
expression is touched (tests/test_page_weight.py checks each published script still parses and
the browser reads the same rules from the stylesheet).
"""

from __future__ import annotations

import re
from pathlib import Path

from .urls import (
    DEADLINES_SCRIPT,
    ERROR_SUMMARY_SCRIPT,
    FORM_CHECKS_SCRIPT,
    FORMS_SCRIPT,
    LETTERS_SCRIPT,
    SITE_STYLESHEET,
)

STYLESHEETS = (SITE_STYLESHEET,)
SCRIPTS = (ERROR_SUMMARY_SCRIPT, FORM_CHECKS_SCRIPT, FORMS_SCRIPT, DEADLINES_SCRIPT, LETTERS_SCRIPT)

_CSS_COMMENT = re.compile(r"/\*.*?\*/[ \t]*\n?", re.S)


def stylesheet_without_comments(text: str) -> str:
    return _CSS_COMMENT.sub("", text)


def script_without_comments(text: str) -> str:
    """Without the lines that hold only a // comment (site scripts have no multi-line strings,
    which tests/test_page_weight.py checks, so such a line is always a comment)."""
    kept = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(kept) + "\n"


def publish_without_comments(site_dir: Path) -> None:
    """Rewrite the copies the site generator put in ``site_dir``, leaving the sources as they
    are."""
    for names, strip in (
        (STYLESHEETS, stylesheet_without_comments),
        (SCRIPTS, script_without_comments),
    ):
        for name in names:
            path = site_dir / name
            if path.is_file():
                path.write_text(strip(path.read_text(encoding="utf-8")), encoding="utf-8")
