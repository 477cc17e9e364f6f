"""The MkDocs glue, with mkdocs_hooks.py: mkdocs-macros calls ``define_env`` once per build.

It loads the council's content on the national layer (failing the build with every content
problem, no traceback), prints content warnings, passes the council's name, colour and logo to
the theme, registers the page macros (page_macros.py), and after the build writes the files, open
data and whole guide (site_outputs.py). Everything else lives in modules that know nothing of
MkDocs, so the site can move to another generator when Material for MkDocs reaches its end of
life.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup

from .components import make_environment
from .content import load_content
from .errors import ContentErrors
from .page_macros import page_macros
from .pages import all_generated_pages, form_pdfs
from .pdfs import PdfToolsMissing
from .site_outputs import SiteBuild, logo_in_site
from .urls import docs_addresses

# Content warnings go to their own logger: MkDocs' --strict turns its own warnings into failures,
# and a placeholder must warn, not stop, the build.
_warnings_log = logging.getLogger("send_local_offer.content")
if not _warnings_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  content: %(message)s"))
    _warnings_log.addHandler(_handler)
    _warnings_log.propagate = False
    _warnings_log.setLevel(logging.WARNING)


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    config = env.conf
    project_dir = Path(config["config_file_path"]).resolve().parent
    content_dir = project_dir / config["extra"].get(
        "content_dir", "content/councils/example-council"
    )
    try:
        loaded = load_content(content_dir, taken_addresses=docs_addresses(config["docs_dir"]))
    except ContentErrors as errors:
        raise PluginError(str(errors)) from None
    for warning in loaded.warnings:
        _warnings_log.warning("%s", warning)

    content = loaded.content
    site = content.site
    templates = make_environment()

    logo_source = content_dir / site.branding.logo
    # Plain text: the theme's templates escape it where they write it (escaping it here too
    # would show "&amp;" for an "&" in the council's name).
    config["site_name"] = (
        Markup(templates.get_template("site_name.txt").render(council=site.council))
        .unescape()
        .strip()
    )
    config["theme"]["logo"] = logo_in_site(logo_source)
    # The forms' PDFs first: pages that link to them show their sizes.
    pdf_cache = project_dir / ".cache" / "pdfs"
    try:
        pdfs = form_pdfs(content, templates, pdf_cache)
    except PdfToolsMissing as missing:
        raise PluginError(f"Cannot build the form PDFs: {missing}") from None
    # The hooks (mkdocs_hooks.py) take the build from here: the pages made from content, what
    # the theme shows, and the steps after the build.
    env.variables["site_build"] = SiteBuild(
        content=content,
        templates=templates,
        pdfs=pdfs,
        pdf_cache=pdf_cache,
        logo_source=logo_source,
        generated={
            page.src_uri: (page.markdown(), page.html)
            for page in all_generated_pages(content, templates, pdfs)
        },
        theme={
            "name": site.council.name,
            "local_offer_url": site.council.local_offer_url,
            "colour": site.branding.colour,
            "last_reviewed": site.last_reviewed,
            # Printed pages show their full address: this plus the page's own address.
            "site_address": site.council.site_address,
        },
    )
    env.variables["content"] = content
    # The macros the pages in docs/ call; ``here`` is the address of the page being rendered.
    nav = config["nav"] or []
    for name, function in page_macros(content, templates, pdfs, lambda: env.page.url, nav).items():
        env.macro(function, name)
