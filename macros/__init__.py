"""The only MkDocs-specific code: mkdocs-macros calls ``define_env`` once per build.

It loads content/ (failing the build with every content problem, no traceback), prints content
warnings, passes the council's name, colour and logo to the theme, and registers thin macros that
look records up and render a component template. Everything else lives in plain modules so the
site can move to another generator when Material for MkDocs reaches its end of life.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from markupsafe import Markup, escape

from .components import make_environment, render
from .content import load_content, service_field
from .errors import ContentErrors
from .finder import FINDER_ROOT, most_questions
from .guide import expand_order, guide_sections, without_unreferenced_ids
from .opendata import open_referral, organization_json_ld, services_page
from .pages import (
    a_to_z,
    all_generated_pages,
    finder_tree,
    form_pdfs,
    form_url,
    forms_index,
    pdf_name,
    relative_url,
    route_url,
    routes_by_group,
    titled_docs_pages,
)
from .pdfs import PdfToolsMissing, build_pdf, file_size
from .urls import docs_addresses, docs_url

LOGO_IN_SITE = "assets/council-logo"
GUIDE_PAGE = "guide/"
# Open Referral UK data about the organisations and their services (routes).
OPEN_DATA_FOLDER = "open-data"
GUIDE_PDF = "guide/whole-guide.pdf"
# Pages linked from the footer, not the menu, that the A to Z lists too.
A_TO_Z_EXTRA_PAGES = [
    ("Accessibility statement", "accessibility.md"),
    ("Privacy", "privacy.md"),
]
# Markers in built pages that the whole guide fills in once every page exists.
GUIDE_MARKERS = {
    "download": "<!-- sl-guide-download -->",
    "sections": "<!-- sl-guide-sections -->",
    "home": "<!-- sl-guide-home-download -->",
}

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
    service = content.disagreement_resolution
    templates = make_environment()

    # Theme templates read these from config (mkdocs-macros variables do not reach them).
    logo_source = content_dir / site.branding.logo
    logo_target = LOGO_IN_SITE + logo_source.suffix
    # Plain text: the theme's templates escape it where they write it (escaping it here too
    # would show "&amp;" for an "&" in the council's name).
    config["site_name"] = (
        Markup(templates.get_template("site_name.txt").render(council=site.council))
        .unescape()
        .strip()
    )
    config["theme"]["logo"] = logo_target
    config["extra"]["council"] = {
        "name": site.council.name,
        "local_offer_url": site.council.local_offer_url,
        "colour": site.branding.colour,
        "last_reviewed": site.last_reviewed,
        # Printed pages show their full address: this plus the page's own address.
        "site_address": site.council.site_address,
    }
    env.variables["content"] = content
    # The forms' PDFs first: pages that link to them show their sizes.
    pdf_cache = project_dir / ".cache" / "pdfs"
    try:
        pdfs = form_pdfs(content, templates, pdf_cache)
    except PdfToolsMissing as missing:
        raise PluginError(f"Cannot build the form PDFs: {missing}") from None
    # Pages made from content (routes, forms, finder paths): mkdocs_hooks.on_files adds them.
    config["extra"]["generated_pages"] = {
        page.src_uri: (page.markdown(), page.html)
        for page in all_generated_pages(content, templates, pdfs)
    }

    def here() -> str:
        """The address of the page being rendered, e.g. 'routes/' (for relative links)."""
        return env.page.url

    def component(template_name: str, **context) -> str:
        return render(templates, template_name, **context)

    @env.macro
    def council_name() -> str:
        return str(escape(site.council.name))

    @env.macro
    def service_text(field: str) -> str:
        """A plain-text field of the disagreement resolution service, as a paragraph."""
        return component("paragraph.html", text=service_field(service, field))

    @env.macro
    def disagreement_types() -> str:
        return component(
            "disagreement_types.html",
            types=service.disagreement_types,
            former_names_note=service.former_names_note,
        )

    @env.macro
    def service_list(field: str) -> str:
        """A list field of the service (stages, covers) as bullets."""
        items = service_field(service, field)
        return component("item_list.html", items=[item.text for item in items])

    @env.macro
    def key_facts() -> str:
        return component("key_facts.html", facts=service.key_facts)

    @env.macro
    def process_steps() -> str:
        return component("process_steps.html", steps=service.steps)

    @env.macro
    def sources() -> str:
        return component("sources.html", sources=service.sources)

    @env.macro
    def providers(role: str, heading_level: int = 3) -> str:
        """Contact cards for the providers with this role in the service ('formal', ...)."""
        organizations = [content.provider(i) for i in getattr(service.providers, role)]
        return component(
            "provider_cards.html",
            organizations=organizations,
            heading_level=heading_level,
            show_description=True,
            json_ld=[organization_json_ld(o) for o in organizations],
        )

    @env.macro
    def organization_data(provider_id: str) -> str:
        """schema.org data about one provider, for a page about it."""
        return component("json_ld.html", data=organization_json_ld(content.provider(provider_id)))

    @env.macro
    def contact_card(provider_id: str, heading_level: int = 3, show_description=True) -> str:
        return component(
            "contact_card.html",
            organization=content.provider(provider_id),
            heading_level=heading_level,
            show_description=show_description,
        )

    @env.macro
    def provider_description(provider_id: str) -> str:
        return component("paragraph.html", text=content.provider(provider_id).description)

    @env.macro
    def provider_help(provider_id: str) -> str:
        return component("item_list.html", items=content.provider(provider_id).help_with)

    @env.macro
    def send_team_card(heading_level: int = 3) -> str:
        return component(
            "contact_card.html",
            organization=content.provider(content.send_team),
            heading_level=heading_level,
            show_description=True,
        )

    @env.macro
    def accessibility_statement() -> str:
        return component(
            "accessibility_statement.html",
            council=site.council,
            statement=site.accessibility,
            contact=site.accessibility_contact,
        )

    @env.macro
    def information_provider_id() -> str:
        """The id of the first information and support provider (the local SENDIASS)."""
        return service.providers.information_and_support[0]

    @env.macro
    def routes_index() -> str:
        return component("routes_index.html", groups=routes_by_group(content, here()))

    @env.macro
    def route_comparison(route_ids: list[str], caption: str) -> str:
        items = [
            {
                "route": content.route(route_id),
                "url": relative_url(here(), route_url(route_id)),
                "time_limits": [
                    content.time_limit(t) for t in content.route(route_id).all_time_limits
                ],
            }
            for route_id in route_ids
        ]
        return component("route_comparison.html", items=items, caption=caption)

    @env.macro
    def finder_start_link() -> str:
        return component("start_link.html", url=relative_url(here(), FINDER_ROOT))

    @env.macro
    def finder_question_count() -> str:
        return component("question_count.html", count=most_questions(content.finder))

    @env.macro
    def finder_at_a_glance() -> str:
        return component("finder_tree.html", tree=finder_tree(content, here()))

    @env.macro
    def whole_guide() -> str:
        return component("guide_page.html")

    @env.macro
    def guide_download_marker() -> str:
        """Where the home page shows the whole guide's PDF, once it is built."""
        return GUIDE_MARKERS["home"]

    @env.macro
    def a_to_z_index() -> str:
        docs_pages = titled_docs_pages(config["nav"] or []) + [
            (title, docs_url(path)) for title, path in A_TO_Z_EXTRA_PAGES
        ]
        return component("a_to_z.html", groups=a_to_z(content, docs_pages, here()))

    @env.macro
    def proposed_changes() -> str:
        return component("proposed_changes.html", changes=content.proposed_changes)

    @env.macro
    def forms_list() -> str:
        return component("forms_list.html", items=forms_index(content, pdfs, here()))

    def copy_files(env) -> None:
        """The logo and the form PDFs are files, not pages: copy them into the built site."""
        site_dir = Path(config["site_dir"])
        copies = [(logo_source, logo_target)] + [
            (built.path, form_url(form_id) + pdf_name(form_id, kind))
            for form_id, kinds in pdfs.items()
            for kind, built in kinds.items()
        ]
        for source, target in copies:
            (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, site_dir / target)

    def assemble_guide(env) -> None:
        """Fill in the whole guide from the built pages, and build its PDF (cached)."""
        site_dir = Path(config["site_dir"])
        order = expand_order(content.guide_order, [route_url(r) for r in content.routes])
        pages = [
            (url, (site_dir / url / "index.html").read_text(encoding="utf-8")) for url in order
        ]
        sections = guide_sections(pages, site.council.site_address)
        # Plain text, escaped where the templates write it (once).
        title = (
            Markup(templates.get_template("guide_title.txt").render(council=site.council))
            .unescape()
            .strip()
        )
        pdf_html = without_unreferenced_ids(
            templates.get_template("guide_pdf.html").render(
                title=title,
                council=site.council,
                site_url=site.council.site_address,
                last_reviewed=site.last_reviewed,
                sections=sections,
            )
        )
        # While previewing (make serve), the guide's PDF is not made: it takes seconds, and the
        # preview must show an edit at once. make site always makes it.
        previewing = os.environ.get("SEND_PREVIEW") == "1"
        if not previewing:
            built = build_pdf(pdf_html, pdf_cache, fillable=False, cache=pdf_cache)
            shutil.copyfile(built.path, site_dir / GUIDE_PDF)

        def download(from_url: str, web_url: str | None) -> str:
            if previewing:
                return component("guide_download_preview.html")
            return component(
                "guide_download.html",
                title=title,
                url=relative_url(from_url, GUIDE_PAGE).removeprefix("./")
                + GUIDE_PDF.split("/")[-1],
                size=file_size(built.size),
                web_url=web_url,
            )

        fills = {
            GUIDE_PAGE: {
                GUIDE_MARKERS["download"]: download(GUIDE_PAGE, None),
                GUIDE_MARKERS["sections"]: component("guide_sections.html", sections=sections),
            },
            "": {GUIDE_MARKERS["home"]: download("", relative_url("", GUIDE_PAGE))},
        }
        for url, replacements in fills.items():
            page = site_dir / url / "index.html"
            html = page.read_text(encoding="utf-8")
            for marker, replacement in replacements.items():
                if marker not in html:
                    raise PluginError(f"{url or 'home'} page: {marker} is missing")
                html = html.replace(marker, replacement, 1)
            page.write_text(html, encoding="utf-8")

    def write_open_data(env) -> None:
        """The whole data set in one file, and the static endpoints a directory reads: the
        paged list of services and one file per service (README.md, "Open data")."""
        folder = Path(config["site_dir"]) / OPEN_DATA_FOLDER
        data = open_referral(content)
        files = {
            "openreferral-uk.json": data,
            "services.json": services_page(data["services"]),
            **{f"services/{service['id']}.json": service for service in data["services"]},
        }
        for name, value in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")

    env.post_build_functions.append(copy_files)
    env.post_build_functions.append(write_open_data)
    env.post_build_functions.append(assemble_guide)
