"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): add generated pages, fix Material's HTML.

Kept beside macros/__init__.py, the other MkDocs glue. MkDocs loads this file by its path, so it
imports nothing from the project.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin

# Set while `mkdocs serve` previews the site: slow outputs nobody previews (the whole-guide PDF)
# are left out, so a content edit shows in the preview within 2 seconds.
PREVIEW = "SEND_PREVIEW"

# Material writes these into every page outside any template block: two hidden checkboxes that
# open its drawer and search, an empty label over the page, and a second skip link. Our header
# replaces all of them, and they fail accessibility checkers (a label with no text, a control
# with two labels), so they are taken out.
_MATERIAL_CONTROLS = re.compile(
    r'<input class="md-toggle"[^>]*>\s*'
    r'|<label class="md-overlay"[^>]*></label>\s*'
    r'|<div data-md-component="skip">.*?</div>\s*',
    re.DOTALL,
)


def remove_material_controls(html: str) -> str:
    """'<input class="md-toggle" id="__drawer"><main>' → '<main>'; everything else stays."""
    return _MATERIAL_CONTROLS.sub("", html)


_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"#][^"]*|#[^"]+)"')


def add_print_addresses(html: str, page_url: str) -> str:
    """Give each link a data-print-href with its full address, printed after it on paper.

    '<a href="../x/">' on 'https://ex.org/g/a/' → '<a data-print-href="https://ex.org/g/x/" …'.
    Links within the page, and email and phone links (their text is the address), are left.
    """

    def add(match: re.Match) -> str:
        href = match.group(2)
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            return match.group(0)
        return f'<a data-print-href="{urljoin(page_url, href)}"{match.group(1)}href="{href}"'

    return _LINK.sub(add, html)


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[PREVIEW] = "1"


def on_files(files, config):
    """Add the pages made from content, which macros/__init__.py put in config.extra."""
    from mkdocs.structure.files import File, InclusionLevel

    for src_uri, (markdown, _html) in config["extra"].get("generated_pages", {}).items():
        # Reached through links (the routes page, the finder), not the menu.
        files.append(
            File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        )
    return files


def on_page_content(html: str, page, config, files) -> str:
    """A generated page's own HTML, in place of what Markdown made of its marker-only source.

    Its HTML is finished, so Markdown need not parse it: that took a quarter of a build.
    """
    generated = config["extra"].get("generated_pages", {}).get(page.file.src_uri)
    return html if generated is None else generated[1]


def on_post_page(output: str, page, config) -> str:
    output = remove_material_controls(output)
    return add_print_addresses(output, config["extra"]["council"]["site_address"] + page.url)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # Pages MkDocs makes from theme templates alone, such as 404.html.
    return remove_material_controls(output_content)
