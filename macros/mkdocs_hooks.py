"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the MkDocs events of the build.

With macros/__init__.py, the only code that knows MkDocs. ``define_env`` (mkdocs-macros) makes
the council's build (site_outputs.SiteBuild) and keeps it with the macros plugin's variables;
these hooks add its pages, give the theme what it shows, make the whole guide once every page's
content is known, fix each page's HTML (filling in the guide's markers) and, after the build,
write the files and the open data. MkDocs loads this file by its path, so the project's modules
are imported when a hook runs, once mkdocs-macros has loaded them.
"""

from __future__ import annotations

# True while `mkdocs serve` previews the site: the whole-guide PDF, slow and never previewed,
# is left out, so a content edit shows within 2 seconds. `extra: preview:` in mkdocs.yml asks
# the same of a build.
_serving = False
# Stands in a generated page's Markdown source for its HTML (see generated_page_source).
GENERATED_HTML_MARKER = "<!-- generated-page-html -->"


def on_startup(command: str, dirty: bool) -> None:
    import os

    global _serving
    _serving = command == "serve"
    if _serving:
        # macros/__init__.py: while previewing, broken content shows the last good content.
        os.environ["SEND_SERVING"] = "1"


def _build(config):
    return config.plugins["macros"].variables["site_build"]


def generated_page_source(page) -> str:
    """A generated page's source for MkDocs: its settings for Material and a marker, not its
    HTML. The HTML is finished, so Markdown need not parse it (that was a quarter of a build's
    time): on_page_content puts it in place of what Markdown makes of this."""
    import yaml

    meta = {
        "title": page.title,
        "render_macros": False,
        "sl_template": page.template,
        **page.meta,
    }
    if page.private:
        # One family's answers: not for search engines or the site search, and needing no
        # JavaScript, so none is loaded (the page weighs a third as much).
        meta.update(
            robots="noindex",
            hide=["navigation", "toc"],
            search={"exclude": True},
            no_javascript=True,
        )
    # libyaml's writer when PyYAML has it: PyYAML's own took a tenth of a build at 50x content.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    front_matter = yaml.dump(meta, Dumper=dumper, sort_keys=False)
    return f"---\n{front_matter}---\n\n{GENERATED_HTML_MARKER}\n"


def on_files(files, config):
    """Add the pages made from content, reached through links (the routes page, the finder),
    not the menu, and the council's stylesheet."""
    from mkdocs.structure.files import File, InclusionLevel

    from macros.urls import COUNCIL_STYLESHEET

    build = _build(config)
    for url, page in build.generated.items():
        files.append(
            File.generated(
                config,
                url + "index.md",
                content=generated_page_source(page),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
    stylesheet = build.templates.get_template("council.css").render(colour=build.theme["colour"])
    files.append(File.generated(config, COUNCIL_STYLESHEET, content=stylesheet))
    return files


def on_env(env, config, files):
    """Every page's content is known now, and no page is written yet: make the whole guide.
    The theme's templates get the components' filters, the council's details, the site's
    addresses and markers, and the pages' Content Security Policy."""
    from macros import markers
    from macros.components import FILTERS
    from macros.security_policy import content_security_policy
    from macros.site_outputs import assemble_guide
    from macros.urls import THEME_ADDRESSES

    build = _build(config)
    build.whole_guide = assemble_guide(build, _serving or bool(config["extra"].get("preview")))
    env.filters.update(FILTERS)
    env.globals["council"] = build.theme
    env.globals["site_addresses"] = THEME_ADDRESSES
    env.globals["content_markers"] = {"start": markers.CONTENT_START, "end": markers.CONTENT_END}
    env.globals["content_security_policy"] = content_security_policy(serving=_serving)
    return env


def on_page_content(html: str, page, config, files) -> str:
    """A generated page's own HTML, in place of what Markdown made of its marker-only source
    (its HTML is finished, so Markdown need not parse it: that took a quarter of a build); a
    page from docs/ with its macros' HTML put back."""
    build = _build(config)
    generated = build.generated.get(page.url)
    if generated is None:
        # A page from docs/: its macros' HTML in place of the stand-ins Markdown passed over.
        fragments = config.plugins["macros"].variables["held_fragments"]
        page.present_anchor_ids = (page.present_anchor_ids or set()) | fragments.ids_in(html)
        content = fragments.restore(html)
    else:
        content = generated.html
    build.page_content[page.url] = content  # for the whole guide's sections
    return content


def on_post_page(output: str, page, config) -> str:
    from mkdocs.exceptions import PluginError

    from macros.html_fixes import add_print_addresses, remove_material_controls, with_banner
    from macros.site_outputs import MissingMarker, fill_guide

    build = _build(config)
    output = remove_material_controls(output)
    errors = config.plugins["macros"].variables.get("content_errors")
    if errors:
        from macros.components import render

        output = with_banner(output, render(build.templates, "content_errors.html", errors=errors))
    output = add_print_addresses(output, build.theme["site_address"] + page.url)
    try:
        return fill_guide(build, page.url, output)
    except MissingMarker as missing:
        raise PluginError(str(missing)) from None


def on_post_template(output_content: str, template_name: str, config) -> str:
    from macros.html_fixes import remove_material_controls

    # Pages MkDocs makes from theme templates alone, such as 404.html.
    return remove_material_controls(output_content)


def on_post_build(config) -> None:
    from pathlib import Path

    from mkdocs.exceptions import PluginError

    from macros.site_outputs import MissingMarker, finish

    try:
        finish(_build(config), Path(config["site_dir"]))
    except MissingMarker as missing:
        raise PluginError(str(missing)) from None
