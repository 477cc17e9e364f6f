"""The Content Security Policy every page carries, in a <meta http-equiv> tag (overrides/main.html):
the site is static files, so no server adds the header.

Content is escaped or sanitised before it reaches a page (CONTRIBUTING.md, "Content safety");
this is the second wall. If markup from content ever got through, the browser would still run
no inline script or event handler, follow no javascript: link, and load nothing from another
host.
"""

from __future__ import annotations

# Each directive, with why it allows what it allows. 'self' is the site's own address.
POLICY: dict[str, str] = {
    # Anything not named below (fonts, frames, media, workers, manifests) loads from nowhere.
    "default-src": "'none'",
    # The site's own files only (forms.js, deadlines.js, letters.js, and the Word library the
    # letters load from the site when asked): no inline <script>, no onclick=..., no
    # javascript: link, no eval (the Word library needs none).
    "script-src": "'self'",
    # Material's and the site's stylesheets and the council's colours (council.css), all
    # files: no <style> element and no style="..." attribute is needed or allowed.
    "style-src": "'self'",
    # The council's logo and the favicon. No data: (Material's CSS has data: icons, but on these
    # pages only for the details markers, which site.css hides) and no other host.
    "img-src": "'self'",
    # The deadline page's and the letter pages' scripts read the dates the build worked out
    # (files of the site). A letter's Word file is made in the browser and saved from a blob:
    # address, a download rather than a connection.
    "connect-src": "'self'",
    # No plugins.
    "object-src": "'none'",
    # No <base> element may move where the page's relative links go.
    "base-uri": "'none'",
    # The request forms are filled in on screen and printed (method="dialog"): nothing is
    # ever sent, so no form may send anything anywhere.
    "form-action": "'none'",
}
# `mkdocs serve` adds an inline script to each page it previews, to reload it after an edit.
# Only that preview allows inline scripts; a build, preview or not, never does.
_SERVE_SCRIPTS = "'self' 'unsafe-inline'"


def content_security_policy(serving: bool = False) -> str:
    """The policy as one line: "default-src 'none'; script-src 'self'; ..."."""
    policy = {**POLICY, "script-src": _SERVE_SCRIPTS} if serving else POLICY
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())
