"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the MkDocs events of the build.

With macros/__init__.py, the only code that knows MkDocs. ``define_env`` (mkdocs-macros) makes
the council's build (site_outputs.SiteBuild) and keeps it with the macros plugin's variables;
these hooks add its pages, give the theme what it shows, fix each page's HTML and, after the
build, write the files, the open data and the whole guide. MkDocs loads this file by its path,
so the project's modules are imported when a hook runs, once mkdocs-macros has loaded them.
"""

from __future__ import annotations

# True while `mkdocs serve` previews the site: the whole-guide PDF, slow and never previewed,
# is left out, so a content edit shows within 2 seconds. `extra: preview:` in mkdocs.yml asks
# the same of a build.
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    import os

    global _serving
    _serving = command == "serve"
    if _serving:
        # macros/__init__.py: while previewing, broken content shows the last good content.
        os.environ["SEND_SERVING"] = "1"


def _build(config):
    return config.plugins["macros"].variables["site_build"]


# The council's colours, a stylesheet the build writes (overrides/main.html links it).
COUNCIL_STYLESHEET = "assets/stylesheets/council.css"


def on_files(files, config):
    """Add the pages made from content, reached through links (the routes page, the finder),
    not the menu, and the council's stylesheet."""
    from mkdocs.structure.files import File, InclusionLevel

    build = _build(config)
    for src_uri, (markdown, _html) in build.generated.items():
        files.append(
            File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        )
    stylesheet = build.templates.get_template("council.css").render(colour=build.theme["colour"])
    files.append(File.generated(config, COUNCIL_STYLESHEET, content=stylesheet))
    return files


def on_env(env, config, files):
    """The theme's templates get the components' filters, the council's details and the
    pages' Content Security Policy."""
    from macros.components import FILTERS
    from macros.security_policy import content_security_policy

    env.filters.update(FILTERS)
    env.globals["council"] = _build(config).theme
    env.globals["council_stylesheet"] = COUNCIL_STYLESHEET
    env.globals["content_security_policy"] = content_security_policy(serving=_serving)
    return env


def on_page_content(html: str, page, config, files) -> str:
    """A generated page's own HTML, in place of what Markdown made of its marker-only source
    (its HTML is finished, so Markdown need not parse it: that took a quarter of a build); a
    page from docs/ with its macros' HTML put back."""
    build = _build(config)
    generated = build.generated.get(page.file.src_uri)
    if generated is None:
        # A page from docs/: its macros' HTML in place of the stand-ins Markdown passed over.
        fragments = config.plugins["macros"].variables["held_fragments"]
        page.present_anchor_ids = (page.present_anchor_ids or set()) | fragments.ids_in(html)
        content = fragments.restore(html)
    else:
        content = generated[1]
    build.page_content[page.url] = content  # for the whole guide's sections
    return content


def on_post_page(output: str, page, config) -> str:
    from macros.html_fixes import add_print_addresses, remove_material_controls, with_banner

    output = remove_material_controls(output)
    errors = config.plugins["macros"].variables.get("content_errors")
    if errors:
        from macros.components import render

        build = _build(config)
        output = with_banner(output, render(build.templates, "content_errors.html", errors=errors))
    return add_print_addresses(output, _build(config).theme["site_address"] + page.url)


def on_post_template(output_content: str, template_name: str, config) -> str:
    from macros.html_fixes import remove_material_controls

    # Pages MkDocs makes from theme templates alone, such as 404.html.
    return remove_material_controls(output_content)


def on_post_build(config) -> None:
    from pathlib import Path

    from mkdocs.exceptions import PluginError

    from macros.site_outputs import MissingMarker, finish

    preview = _serving or bool(config["extra"].get("preview"))
    try:
        finish(_build(config), Path(config["site_dir"]), preview)
    except MissingMarker as missing:
        raise PluginError(str(missing)) from None
