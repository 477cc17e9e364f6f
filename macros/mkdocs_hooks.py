"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): add generated pages, fix Material's HTML.

Kept beside macros/__init__.py, the other MkDocs glue. MkDocs loads this file by its path, so the
project's modules are imported when a hook runs, once mkdocs-macros has loaded them.
"""

from __future__ import annotations

import os

# Set while `mkdocs serve` previews the site: slow outputs nobody previews (the whole-guide PDF)
# are left out, so a content edit shows in the preview within 2 seconds.
PREVIEW = "SEND_PREVIEW"


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[PREVIEW] = "1"


def on_env(env, config, files):
    """The theme's templates get the same filters as the components (govuk_date...)."""
    from macros.components import FILTERS

    env.filters.update(FILTERS)
    return env


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
    from macros.html_fixes import add_print_addresses, remove_material_controls

    output = remove_material_controls(output)
    return add_print_addresses(output, config["extra"]["council"]["site_address"] + page.url)


def on_post_template(output_content: str, template_name: str, config) -> str:
    from macros.html_fixes import remove_material_controls

    # Pages MkDocs makes from theme templates alone, such as 404.html.
    return remove_material_controls(output_content)
