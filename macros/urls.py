"""Every address in the site: one place for the URL scheme of pages, files and anchors.

Page addresses are site-relative and end in '/', as MkDocs writes them with use_directory_urls;
file addresses are site-relative paths. Views turn them into links from the page being made
(``relative_url``), so no template and no other module writes a path of its own.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

# --- Pages ---

HOME_PAGE = ""
ROUTES_ROOT = "routes/"
FORMS_ROOT = "forms/"
# "Letters you can send" (docs/letters/index.md), and each letter's page under it.
LETTERS_ROOT = "letters/"
FINDER_START = "which-route/"
# Where each path through the route finder has its page.
FINDER_ROOT = "which-route/questions/"
SENDIASS_PAGE = "sendiass/"
# How to send an appeal or claim to the tribunal, and what happens next (docs/how-to-appeal.md).
APPEAL_GUIDE_PAGE = "how-to-appeal/"
PROPOSED_CHANGES_PAGE = "proposed-changes/"
DEADLINES_PAGE = "deadlines/"
DATES_LIST_PAGE = "deadlines/by-date/"
GUIDE_PAGE = "guide/"
A_TO_Z_PAGE = "a-to-z/"
ACCESSIBILITY_PAGE = "accessibility/"
PRIVACY_PAGE = "privacy/"
# In the guide's reading order (national.yml guide_order): every route's page, in order.
ALL_ROUTES = f"{ROUTES_ROOT}*"
# Pages linked from the footer, not the menu, that the A to Z lists too (by their files in
# docs/: the A to Z takes their titles from their headings).
A_TO_Z_FOOTER_FILES = ["accessibility.md", "privacy.md"]


def route_url(route_id: str) -> str:
    return f"{ROUTES_ROOT}{route_id}/"


def form_url(form_id: str) -> str:
    return f"{FORMS_ROOT}{form_id}/"


def letter_url(letter_id: str) -> str:
    return f"{LETTERS_ROOT}{letter_id}/"


def finder_option_url(question_url: str, option_id: str) -> str:
    """The finder's page after choosing an option on the question at ``question_url``."""
    return f"{question_url}{option_id}/"


def docs_url(path: str) -> str:
    """The address of a page written in docs/: 'routes/compare.md' → 'routes/compare/'."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def docs_addresses(docs_dir) -> dict[str, str]:
    """{address: 'docs/<file>'} for every page written in docs/, so pages made from content can
    be kept from taking an address that is already used."""
    docs_dir = Path(docs_dir)
    return {
        docs_url(path.relative_to(docs_dir).as_posix()): f"docs/{path.relative_to(docs_dir)}"
        for path in sorted(docs_dir.rglob("*.md"))
    }


# --- Anchors in pages ---


def case_anchor(case_id: str) -> str:
    """The id of a case's heading on its route's page: 'case-only-about-section-i'."""
    return f"case-{case_id}"


def deadline_anchor(time_limit_id: str) -> str:
    """The id of a deadline in an outcome page's list of deadlines."""
    return f"deadline-{time_limit_id}"


def calculation_anchor(calculation_id: str) -> str:
    """The id of one calculation's form on the deadline page."""
    return f"work-out-{calculation_id}"


# --- Files ---

# The file the "Work out your deadlines" page looks dates up in.
LOOKUP_FILE = "deadlines/lookup.json"
# The file the letter pages look their deadlines up in (macros/letter_lookup.py writes it).
LETTERS_LOOKUP_FILE = f"{LETTERS_ROOT}lookup.json"
GUIDE_PDF = "guide/whole-guide.pdf"
# The logo, with its file's own suffix ('.svg', '.png').
LOGO_IN_SITE = "assets/council-logo"
# The council's colours, a stylesheet the build writes; the site's own stylesheet and scripts.
COUNCIL_STYLESHEET = "assets/stylesheets/council.css"
SITE_STYLESHEET = "assets/stylesheets/site.css"
FORMS_SCRIPT = "assets/javascripts/forms.js"
DEADLINES_SCRIPT = "assets/javascripts/deadlines.js"
ERROR_SUMMARY_SCRIPT = "assets/javascripts/error-summary.js"
# The forms' checks of the answers, shared by the request forms and the letters.
FORM_CHECKS_SCRIPT = "assets/javascripts/form-checks.js"
LETTERS_SCRIPT = "assets/javascripts/letters.js"
# The Word library the letter pages' script loads only when asked for a Word file.
DOCX_LIBRARY = "assets/javascripts/vendor/docx.js"
# Its licence (MIT), which goes with every copy of it.
DOCX_LIBRARY_LICENCE = "assets/javascripts/vendor/docx.LICENSE.txt"
# Open Referral UK data about the organisations and their services (routes): the whole data set
# and the static endpoints a directory reads.
OPEN_DATA_FOLDER = "open-data/"
OPEN_REFERRAL_FILE = f"{OPEN_DATA_FOLDER}openreferral-uk.json"
OPEN_DATA_SERVICES_FILE = f"{OPEN_DATA_FOLDER}services.json"
# The two PDFs of each form, by kind, in its form's folder.
FORM_PDF_NAMES = {"fillable": "{id}.pdf", "printable": "{id}-print.pdf"}


def open_data_service_file(service_id: str) -> str:
    return f"{OPEN_DATA_FOLDER}services/{service_id}.json"


def logo_in_site(logo_suffix: str) -> str:
    return LOGO_IN_SITE + logo_suffix


def pdf_name(form_id: str, kind: str) -> str:
    """The file name of one of a form's PDFs, in its form's folder: 'meeting-notes-print.pdf'."""
    return FORM_PDF_NAMES[kind].format(id=form_id)


def letter_docx_file(letter_id: str) -> str:
    """A letter's Word file with blanks, from the site's root: 'letters/x/x.docx'."""
    return f"{letter_url(letter_id)}{letter_id}.docx"


def form_pdf_file(form_id: str, kind: str) -> str:
    """One of a form's PDFs, from the site's root: 'forms/meeting-notes/meeting-notes.pdf'."""
    return form_url(form_id) + pdf_name(form_id, kind)


# What the theme's templates link on every page (overrides/), by name.
THEME_ADDRESSES = {
    "sendiass": SENDIASS_PAGE,
    "a_to_z": A_TO_Z_PAGE,
    "accessibility": ACCESSIBILITY_PAGE,
    "privacy": PRIVACY_PAGE,
    "site_stylesheet": SITE_STYLESHEET,
    "council_stylesheet": COUNCIL_STYLESHEET,
    "forms_script": FORMS_SCRIPT,
    "deadlines_script": DEADLINES_SCRIPT,
    "error_summary_script": ERROR_SUMMARY_SCRIPT,
    "form_checks_script": FORM_CHECKS_SCRIPT,
    "letters_script": LETTERS_SCRIPT,
}


# --- Links between them ---


@functools.cache  # pages link to the same few pages over and over; relpath is slow
def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-relative page address to another.

    relative_url('routes/mediation/', 'which-route/') → '../../which-route/';
    relative_url('routes/', 'routes/mediation/') → 'mediation/'.
    """
    target = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if target == "." else target.rstrip("/") + "/"


def anchored_url(from_url: str, to_url: str, anchor: str) -> str:
    """Link from a page to a place in another: anchored_url('x/', 'routes/r/', 'case-c') →
    '../routes/r/#case-c'."""
    return f"{relative_url(from_url, to_url)}#{anchor}"


def relative_file_url(from_url: str, file_path: str) -> str:
    """Link from a page to a file: relative_file_url('routes/x/', 'forms/f/f.pdf') →
    '../../forms/f/f.pdf'; from the file's own folder, just its name."""
    folder, _, name = file_path.rpartition("/")
    return relative_url(from_url, folder + "/").removeprefix("./") + name
