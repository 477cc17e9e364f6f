"""The views of the whole guide: its page (with markers where its parts go once every page's
content is known), its contents and sections, the download of its PDF, and its PDF's HTML."""

from __future__ import annotations

from markupsafe import Markup

from ..components import render
from ..content import Content
from ..guide import GuideSection, without_unreferenced_ids
from ..markers import GUIDE_DOWNLOAD, GUIDE_SECTIONS
from ..urls import GUIDE_PDF, relative_file_url


def whole_guide_view() -> dict:
    """The guide page as the docs page shows it (guide_page.html): where the download and the
    sections go, filled in by site_outputs.fill_guide once they are made."""
    return {"markers": {"download": Markup(GUIDE_DOWNLOAD), "sections": Markup(GUIDE_SECTIONS)}}


def guide_title(content: Content, templates) -> str:
    """The whole guide's title as plain text, escaped where the templates write it (once)."""
    council = content.site.council
    return (
        Markup(templates.get_template("guide_title.txt").render(council=council)).unescape().strip()
    )


def guide_pdf_html(content: Content, templates, sections: list[GuideSection]) -> str:
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


def guide_download_view(title: str, size: str, from_url: str, web_url: str | None) -> dict:
    """The link to the guide's PDF, with its size, from the page at ``from_url``
    (guide_download.html); ``web_url`` links the guide's own page, where it is another, and
    there the download has its own heading (the guide's copy of that page leaves both out)."""
    return {
        "title": title,
        "url": relative_file_url(from_url, GUIDE_PDF),
        "size": size,
        "web_url": web_url,
        "with_heading": web_url is not None,
    }


def guide_download(templates, title: str, size: str | None, from_url: str, web_url) -> str:
    """The download's HTML; while previewing (no PDF made, no ``size``), a note instead."""
    if size is None:
        return render(templates, "guide_download_preview.html", with_heading=web_url is not None)
    return render(
        templates, "guide_download.html", **guide_download_view(title, size, from_url, web_url)
    )


def guide_sections_view(sections: list[GuideSection]) -> dict:
    """The guide's contents and its sections, each a page's content (guide_sections.html)."""
    return {"sections": sections}
