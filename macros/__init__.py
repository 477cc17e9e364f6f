"""The MkDocs glue, with mkdocs_hooks.py: mkdocs-macros calls ``define_env`` once per build.

It loads the council's content on the national layer (failing the build with every content
problem, no traceback), prints content warnings, makes the council's build once
(site_outputs.prepare_build) for the hooks, gives MkDocs the site's name and logo, and registers
the page macros (page_macros.py). Everything else lives in modules that know nothing of MkDocs,
so the site can move to another generator when Material for MkDocs reaches its end of life.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from .content import load_content
from .deadlines import lookup_ends_soon
from .errors import ContentErrors, warnings_log
from .fragments import HeldFragments
from .page_macros import ARGUMENT_MACROS, page_macros
from .pdfs import PdfToolsMissing
from .site_outputs import BadBuildDate, build_date, prepare_build
from .urls import docs_addresses, logo_in_site

# Set by the hooks while `mkdocs serve` previews the site (mkdocs_hooks.on_startup).
SERVING = "SEND_SERVING"
# The last content that loaded, by council folder: a preview shows it while the content is
# broken. Kept for the life of the `mkdocs serve` process, which rebuilds in place.
_LAST_GOOD: dict[Path, object] = {}


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    config = env.conf
    project_dir = Path(config["config_file_path"]).resolve().parent
    content_dir = project_dir / config["extra"].get(
        "content_dir", "content/councils/example-council"
    )
    content_errors: list[str] = []
    try:
        loaded = load_content(content_dir, taken_addresses=docs_addresses(config["docs_dir"]))
    except ContentErrors as errors:
        last_good = _LAST_GOOD.get(content_dir) if os.environ.get(SERVING) else None
        if last_good is None:
            raise PluginError(str(errors)) from None
        # Previewing: keep showing the last good content, with the errors on every page and in
        # the terminal, until the next good save (mkdocs serve would hang on a failed build).
        loaded, content_errors = last_good, [str(message) for message in errors.errors]
        for message in content_errors:
            warnings_log().error("%s", message)
    _LAST_GOOD[content_dir] = loaded
    for warning in loaded.warnings:
        warnings_log().warning("%s", warning)

    try:
        built_on = build_date()
    except BadBuildDate as bad:
        raise PluginError(str(bad)) from None
    if last := lookup_ends_soon(built_on, date.today()):
        warnings_log().warning(
            "The deadline page works out dates up to %s only (the build's date is %s, from "
            "SOURCE_DATE_EPOCH): build the site again without it, or with a later date",
            last.isoformat(),
            built_on.isoformat(),
        )
    try:
        build = prepare_build(
            loaded.content, content_dir, project_dir / ".cache" / "pdfs", built_on
        )
    except PdfToolsMissing as missing:
        raise PluginError(f"Cannot build the form PDFs: {missing}") from None
    config["site_name"] = build.theme["site_name"]
    config["theme"]["logo"] = logo_in_site(build.logo_source.suffix)
    # The hooks (mkdocs_hooks.py) take the build from here.
    env.variables["site_build"] = build
    env.variables["content_errors"] = content_errors
    # The macros the pages in docs/ call; ``here`` is the address of the page being rendered.
    # Pages reach content only through them (no content variable): Markdown sees a stand-in for
    # each one's HTML, which mkdocs_hooks.on_page_content puts back (fragments.py).
    here, nav = (lambda: env.page.url), config["nav"] or []
    macros = page_macros(
        build.content, build.templates, build.pdfs, here, nav, build.built_on, config["docs_dir"]
    )
    fragments = env.variables["held_fragments"] = HeldFragments()
    for name, function in fragments.held_macros(macros, ARGUMENT_MACROS).items():
        env.macro(function, name)
