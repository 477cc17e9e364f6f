"""The views of forms: a form's own web page, its downloads, and the lists of forms."""

from __future__ import annotations

from jinja2 import Environment

from ..components import render
from ..content import Content
from ..form_pdfs import PDF_KINDS
from ..pdfs import BuiltPdf, file_size
from ..records import RequestForm
from ..urls import form_pdf_file, form_url, relative_file_url, relative_url
from .page import GeneratedPage

Pdfs = dict[str, dict[str, BuiltPdf]]  # form id → kind → the PDF as built


def attachments(form: RequestForm, pdfs: Pdfs, from_url: str, link_web_page: bool) -> list[dict]:
    """The downloads of a form, as seen from the page at ``from_url``."""
    return [
        {
            "title": form.title,
            "kind": kind,
            "fillable": PDF_KINDS[kind],
            "url": relative_file_url(from_url, form_pdf_file(form.id, kind)),
            "size": file_size(built.size),
            "html_url": relative_url(from_url, form_url(form.id)) if link_web_page else None,
        }
        for kind, built in pdfs[form.id].items()
    ]


def form_links(forms: list[RequestForm], pdfs: Pdfs, from_url: str) -> list[dict]:
    """Each form with a link to its web page and its downloads (form_links.html, form_line.html,
    forms_list.html)."""
    return [
        {
            "form": form,
            "url": relative_url(from_url, form_url(form.id)),
            "attachments": attachments(form, pdfs, from_url, link_web_page=True),
        }
        for form in forms
    ]


def forms_list_view(content: Content, pdfs: Pdfs, from_url: str) -> dict:
    """The "Request forms" page's list: every form (forms_list.html)."""
    return {"items": form_links(list(content.forms.values()), pdfs, from_url)}


def form_view(content: Content, form: RequestForm, pdfs: Pdfs) -> dict:
    """A form's own web page (form_page.html)."""
    return {
        "form": form,
        "recipients": [content.provider(p) for p in form.recipients],
        "time_limits": [content.time_limit(t) for t in form.time_limits],
        # The web page is this one, so its downloads need no link back to it.
        "attachments": attachments(form, pdfs, form_url(form.id), link_web_page=False),
    }


def form_pages(content: Content, templates: Environment, pdfs: Pdfs) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            form_url(form.id),
            form.title,
            render(templates, "form_page.html", **form_view(content, form, pdfs)),
            "form_page",
            meta={"form_page": True},
        )
        for form in content.forms.values()
    ]
