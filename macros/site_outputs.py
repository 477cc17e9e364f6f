"""What a build makes besides the pages' own content, free of any site generator: the files
(logo, form PDFs), the open data, the deadline lookup, and the whole guide with its PDF, put
together from every page's content before any page is written."""

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
from .deadlines import lookup_table
from .form_pdfs import form_pdfs
from .guide import expand_order, guide_sections, links_at, links_from
from .html_fixes import add_print_addresses
from .letter_docx import letter_docx
from .letter_lookup import write_letter_lookup
from .logo import published_logo
from .markers import GUIDE_DOWNLOAD, GUIDE_SECTIONS, HOME_GUIDE_DOWNLOAD
from .opendata import open_referral, services_page
from .pdfs import BuiltPdf, build_pdf, file_size
from .published_assets import publish_without_comments
from .urls import (
    GUIDE_PAGE,
    GUIDE_PDF,
    HOME_PAGE,
    LOOKUP_FILE,
    OPEN_DATA_SERVICES_FILE,
    OPEN_REFERRAL_FILE,
    form_pdf_file,
    letter_docx_file,
    logo_in_site,
    open_data_service_file,
    relative_url,
    route_url,
)
from .views.generated import all_generated_pages
from .views.guide import guide_download, guide_pdf_html, guide_sections_view, guide_title
from .views.letters import LetterFiles, letter_body_view
from .views.page import GeneratedPage
from .word_library import copy_word_library


@dataclass(frozen=True)
class WholeGuide:
    """The whole guide, made once every page's content is known: its PDF (None while
    previewing) and, by page address, what goes in place of each of the page's markers."""

    pdf: BuiltPdf | None
    fills: dict[str, dict[str, str]]


@dataclass
class SiteBuild:
    """One council's build, made once before any page: what the pages, the theme and the steps
    after the build need."""

    content: Content
    templates: object  # the components' template environment
    pdfs: dict  # form id → kind → BuiltPdf
    pdf_cache: Path
    logo_source: Path
    # Pages made from content, by address.
    generated: dict[str, GeneratedPage]
    # What the theme's templates show: the council's name, colour, addresses, review date.
    theme: dict
    # The day of the build: the deadline pages work out dates from it.
    built_on: date
    # Each page's content as the site generator made it, by address, kept as each page is
    # made: the whole guide's sections come from here, not from the built files.
    page_content: dict[str, str] = field(default_factory=dict)
    # Made from page_content once every page's content is known (assemble_guide).
    whole_guide: WholeGuide | None = None
    # Each letter's Word file with blanks, by letter id.
    letter_files: dict[str, bytes] = field(default_factory=dict)
    # The addresses of the pages whose markers have been filled (fill_guide).
    filled: set[str] = field(default_factory=set)


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


def theme_view(content: Content, templates) -> dict:
    """What the theme's templates show on every page."""
    site = content.site
    return {
        # Plain text: the theme's templates escape it where they write it (escaping it
        # here too would show "&amp;" for an "&" in the council's name).
        "site_name": Markup(templates.get_template("site_name.txt").render(council=site.council))
        .unescape()
        .strip(),
        "name": site.council.name,
        "local_offer_url": site.council.local_offer_url,
        "colour": site.branding.colour,
        "last_reviewed": site.last_reviewed,
        # Printed pages show their full address: this plus the page's own address.
        "site_address": site.council.site_address,
    }


def prepare_build(
    content: Content, content_dir: Path, pdf_cache: Path, built_on: date
) -> SiteBuild:
    """Everything a council's build needs before its first page: the form PDFs and the
    letters' Word files first (pages that link to them show their sizes), then the pages made
    from content and what the theme shows. Raises pdfs.PdfToolsMissing when the PDF tools are
    not installed."""
    templates = make_environment()
    pdfs = form_pdfs(content, templates, pdf_cache)
    word_files = letter_word_files(content, templates, built_on)
    sizes = LetterFiles({letter_id: len(data) for letter_id, data in word_files.items()}, built_on)
    return SiteBuild(
        content=content,
        templates=templates,
        pdfs=pdfs,
        pdf_cache=pdf_cache,
        logo_source=content_dir / content.site.branding.logo,
        built_on=built_on,
        generated={page.url: page for page in all_generated_pages(content, templates, pdfs, sizes)},
        theme=theme_view(content, templates),
        letter_files=word_files,
    )


def letter_word_files(content: Content, templates, built_on: date) -> dict[str, bytes]:
    """Each letter's Word file with blanks, made from the letter as its page shows it without
    JavaScript (letter_docx.py)."""
    return {
        letter.id: letter_docx(
            render(templates, "letter_body.html", **letter_body_view(content, letter)),
            letter.title,
            built_on,
        )
        for letter in content.letters.values()
    }


def finish(build: SiteBuild, site_dir: Path) -> None:
    """After every page is written: the files, the open data, the deadline lookups, the
    letters' Word library, and the site's own styles and scripts without their comments."""
    copy_files(site_dir, build.logo_source, build.pdfs)
    write_letter_files(site_dir, build.letter_files)
    write_open_data(site_dir, build.content)
    write_deadline_lookup(site_dir, build.content, build.built_on)
    write_letter_lookup(site_dir, build.content, build.built_on)
    copy_word_library(site_dir)
    publish_without_comments(site_dir)
    guide = build.whole_guide
    for url, markers in (guide.fills if guide else {}).items():
        if url not in build.filled:
            raise MissingMarker(f"{url or 'home'} page: {next(iter(markers))} is missing")
    if guide and guide.pdf:
        shutil.copyfile(guide.pdf.path, site_dir / GUIDE_PDF)


class MissingMarker(Exception):
    """A page the whole guide fills in has lost its marker (a template changed)."""


def copy_files(site_dir: Path, logo_source: Path, pdfs: dict) -> None:
    """The logo and the form PDFs are files, not pages: put them in the built site. The logo is
    never copied as it is: it is the file logo.published_logo makes (an SVG that can only draw,
    a PNG's pixels), which the loader has already checked it can make."""
    logo_target = site_dir / logo_in_site(logo_source.suffix)
    logo_target.parent.mkdir(parents=True, exist_ok=True)
    logo_target.write_bytes(published_logo(logo_source))
    copies = [
        (built.path, form_pdf_file(form_id, kind))
        for form_id, kinds in pdfs.items()
        for kind, built in kinds.items()
    ]
    for source, target in copies:
        (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site_dir / target)


def write_letter_files(site_dir: Path, word_files: dict[str, bytes]) -> None:
    """Each letter's Word file with blanks, in its letter's folder."""
    for letter_id, data in word_files.items():
        target = site_dir / letter_docx_file(letter_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


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
    data = open_referral(content)
    files = {
        OPEN_REFERRAL_FILE: data,
        OPEN_DATA_SERVICES_FILE: services_page(data["services"]),
        **{open_data_service_file(service["id"]): service for service in data["services"]},
    }
    for name, value in files.items():
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def assemble_guide(build: SiteBuild, preview: bool) -> WholeGuide:
    """The whole guide from each page's content, once every page's content is known and before
    any page is written: its sections, its PDF (cached) and what fills each marker.

    While previewing, the guide's PDF is not made: it takes seconds, and the preview must show
    an edit at once. A real build always makes it.
    """
    content, templates = build.content, build.templates
    site_address = content.site.council.site_address
    order = expand_order(content.guide_order, [route_url(r) for r in content.routes])
    # Each section's links print their addresses as on the page itself (html_fixes).
    pages = [
        (url, add_print_addresses(build.page_content[url], site_address + url)) for url in order
    ]
    sections = guide_sections(pages, links_from(GUIDE_PAGE))
    title = guide_title(content, templates)
    pdf = None
    if not preview:
        pdf_sections = guide_sections(pages, links_at(site_address))
        pdf_html = guide_pdf_html(content, templates, pdf_sections)
        pdf = build_pdf(pdf_html, build.pdf_cache, fillable=False, cache=build.pdf_cache)
    size = file_size(pdf.size) if pdf else None
    return WholeGuide(
        pdf,
        {
            GUIDE_PAGE: {
                GUIDE_DOWNLOAD: guide_download(templates, title, size, GUIDE_PAGE, None),
                GUIDE_SECTIONS: render(
                    templates, "guide_sections.html", **guide_sections_view(sections)
                ),
            },
            HOME_PAGE: {
                HOME_GUIDE_DOWNLOAD: guide_download(
                    templates, title, size, HOME_PAGE, relative_url(HOME_PAGE, GUIDE_PAGE)
                ),
            },
        },
    )


def fill_guide(build: SiteBuild, url: str, html: str) -> str:
    """A page's finished HTML with the whole guide's parts in place of its markers (the guide
    page and the home page; any other page as it is)."""
    fills = build.whole_guide.fills.get(url) if build.whole_guide else None
    if fills is None:
        return html
    for marker, replacement in fills.items():
        if marker not in html:
            raise MissingMarker(f"{url or 'home'} page: {marker} is missing")
        html = html.replace(marker, replacement, 1)
    build.filled.add(url)
    return html
