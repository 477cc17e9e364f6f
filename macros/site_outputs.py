"""What a build writes besides the pages, free of any site generator: the files (logo, form
PDFs), the open data, and the whole guide with its PDF once every page is built."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from markupsafe import Markup

from .components import make_environment, render
from .content import Content
from .deadline_pages import LOOKUP_FILE
from .deadlines import lookup_table
from .guide import expand_order, guide_sections, without_unreferenced_ids
from .html_fixes import add_print_addresses
from .logo import published_logo
from .opendata import open_referral, services_page
from .page_macros import GUIDE_MARKERS
from .pages import all_generated_pages, form_pdfs, form_url, pdf_name, relative_url, route_url
from .pdfs import build_pdf, file_size

LOGO_IN_SITE = "assets/council-logo"
GUIDE_PAGE = "guide/"
GUIDE_PDF = "guide/whole-guide.pdf"
# Open Referral UK data about the organisations and their services (routes).
OPEN_DATA_FOLDER = "open-data"


@dataclass(frozen=True)
class SiteBuild:
    """One council's build, made once before any page: what the pages, the theme and the steps
    after the build need."""

    content: Content
    templates: object  # the components' template environment
    pdfs: dict  # form id → kind → BuiltPdf
    pdf_cache: Path
    logo_source: Path
    # Pages made from content: source address → (its Markdown stand-in, its finished HTML).
    generated: dict[str, tuple[str, str]]
    # What the theme's templates show: the council's name, colour, addresses, review date.
    theme: dict
    # The day of the build: the deadline pages work out dates from it.
    built_on: date
    # Each page's content as the site generator made it, by address, kept as each page is
    # made: the whole guide's sections come from here, not from the built files.
    page_content: dict[str, str] = field(default_factory=dict)


class BadBuildDate(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a number of seconds."""


def build_date(environ=os.environ) -> date:
    """The build's date: from SOURCE_DATE_EPOCH when it is set (the reproducible-builds
    convention: seconds since 1 January 1970), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return date.today()
    try:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BadBuildDate(
            f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1 January 1970, "
            f"found {epoch!r}"
        ) from None


def prepare_build(
    content: Content, content_dir: Path, pdf_cache: Path, built_on: date
) -> SiteBuild:
    """Everything a council's build needs before its first page: the form PDFs first (pages
    that link to them show their sizes), then the pages made from content and what the theme
    shows. Raises pdfs.PdfToolsMissing when the PDF tools are not installed."""
    templates = make_environment()
    site = content.site
    pdfs = form_pdfs(content, templates, pdf_cache)
    return SiteBuild(
        content=content,
        templates=templates,
        pdfs=pdfs,
        pdf_cache=pdf_cache,
        logo_source=content_dir / site.branding.logo,
        built_on=built_on,
        generated={
            page.src_uri: (page.markdown(), page.html)
            for page in all_generated_pages(content, templates, pdfs)
        },
        theme={
            # Plain text: the theme's templates escape it where they write it (escaping it
            # here too would show "&amp;" for an "&" in the council's name).
            "site_name": Markup(
                templates.get_template("site_name.txt").render(council=site.council)
            )
            .unescape()
            .strip(),
            "name": site.council.name,
            "local_offer_url": site.council.local_offer_url,
            "colour": site.branding.colour,
            "last_reviewed": site.last_reviewed,
            # Printed pages show their full address: this plus the page's own address.
            "site_address": site.council.site_address,
        },
    )


def finish(build: SiteBuild, site_dir: Path, preview: bool) -> None:
    """After every page is built: the files, the open data, then the whole guide."""
    copy_files(site_dir, build.logo_source, build.pdfs)
    write_open_data(site_dir, build.content)
    write_deadline_lookup(site_dir, build.content, build.built_on)
    assemble_guide(
        site_dir, build.content, build.templates, build.pdf_cache, preview, build.page_content
    )


class MissingMarker(Exception):
    """A page the whole guide fills in has lost its marker (a template changed)."""


def logo_in_site(logo_source: Path) -> str:
    return LOGO_IN_SITE + logo_source.suffix


def copy_files(site_dir: Path, logo_source: Path, pdfs: dict) -> None:
    """The logo and the form PDFs are files, not pages: put them in the built site. The logo is
    never copied as it is: it is the file logo.published_logo makes (an SVG that can only draw,
    a PNG's pixels), which the loader has already checked it can make."""
    logo_target = site_dir / logo_in_site(logo_source)
    logo_target.parent.mkdir(parents=True, exist_ok=True)
    logo_target.write_bytes(published_logo(logo_source))
    copies = [
        (built.path, form_url(form_id) + pdf_name(form_id, kind))
        for form_id, kinds in pdfs.items()
        for kind, built in kinds.items()
    ]
    for source, target in copies:
        (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site_dir / target)


def write_deadline_lookup(site_dir: Path, content: Content, built_on: date) -> None:
    """The file the "Work out your deadlines" page looks dates up in, as compact JSON."""
    table = lookup_table(content.calculations, content.time_limits, built_on)
    (site_dir / LOOKUP_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / LOOKUP_FILE).write_text(
        json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def write_open_data(site_dir: Path, content: Content) -> None:
    """The whole data set in one file, and the static endpoints a directory reads: the paged
    list of services and one file per service (README.md, "Open data")."""
    folder = site_dir / OPEN_DATA_FOLDER
    data = open_referral(content)
    files = {
        "openreferral-uk.json": data,
        "services.json": services_page(data["services"]),
        **{f"services/{service['id']}.json": service for service in data["services"]},
    }
    for name, value in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def guide_title(content: Content, templates) -> str:
    """The whole guide's title as plain text, escaped where the templates write it (once)."""
    council = content.site.council
    return (
        Markup(templates.get_template("guide_title.txt").render(council=council)).unescape().strip()
    )


def guide_pdf_html(content: Content, templates, sections: list) -> str:
    """The HTML the whole guide's PDF is made from."""
    site = content.site
    return without_unreferenced_ids(
        templates.get_template("guide_pdf.html").render(
            title=guide_title(content, templates),
            council=site.council,
            site_url=site.council.site_address,
            last_reviewed=site.last_reviewed,
            sections=sections,
        )
    )


def assemble_guide(
    site_dir: Path,
    content: Content,
    templates,
    pdf_cache: Path,
    preview: bool,
    page_content: dict[str, str],
) -> None:
    """Fill in the whole guide from each page's content, and build its PDF (cached).

    While previewing, the guide's PDF is not made: it takes seconds, and the preview must show
    an edit at once. A real build always makes it.
    """
    site = content.site
    order = expand_order(content.guide_order, [route_url(r) for r in content.routes])
    # Each section's links print their addresses as on the page itself (html_fixes).
    pages = [
        (url, add_print_addresses(page_content[url], site.council.site_address + url))
        for url in order
    ]
    sections = guide_sections(pages, site.council.site_address)
    title = guide_title(content, templates)
    pdf_html = guide_pdf_html(content, templates, sections)
    if not preview:
        built = build_pdf(pdf_html, pdf_cache, fillable=False, cache=pdf_cache)
        shutil.copyfile(built.path, site_dir / GUIDE_PDF)

    def download(from_url: str, web_url: str | None) -> str:
        if preview:
            return render(templates, "guide_download_preview.html")
        return render(
            templates,
            "guide_download.html",
            title=title,
            url=relative_url(from_url, GUIDE_PAGE).removeprefix("./") + GUIDE_PDF.split("/")[-1],
            size=file_size(built.size),
            web_url=web_url,
        )

    fills = {
        GUIDE_PAGE: {
            GUIDE_MARKERS["download"]: download(GUIDE_PAGE, None),
            GUIDE_MARKERS["sections"]: render(templates, "guide_sections.html", sections=sections),
        },
        "": {GUIDE_MARKERS["home"]: download("", relative_url("", GUIDE_PAGE))},
    }
    for url, replacements in fills.items():
        page = site_dir / url / "index.html"
        html = page.read_text(encoding="utf-8")
        for marker, replacement in replacements.items():
            if marker not in html:
                raise MissingMarker(f"{url or 'home'} page: {marker} is missing")
            html = html.replace(marker, replacement, 1)
        page.write_text(html, encoding="utf-8")
