"""The whole guide put together from pages' content in memory, the open data, and the glue that
gives MkDocs the pages and the theme its addresses, all in-process: no MkDocs, no site build,
no PDF (a preview's guide has none; a fake PDF stands in where a size is shown)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import PROJECT, shipped_content

from macros import markers
from macros.components import make_environment, render
from macros.contradictions import placeholder_pdfs
from macros.guide import expand_order, guide_sections, links_at
from macros.mkdocs_hooks import GENERATED_HTML_MARKER, generated_page_source
from macros.opendata import open_referral, route_json_ld
from macros.pdfs import BuiltPdf
from macros.site_outputs import (
    MissingMarker,
    SiteBuild,
    WholeGuide,
    assemble_guide,
    fill_guide,
    write_open_data,
)
from macros.urls import THEME_ADDRESSES, route_url
from macros.views.guide import guide_download, guide_sections_view, whole_guide_view
from macros.views.page import GeneratedPage

CONTENT = shipped_content()
SITE_ADDRESS = CONTENT.site.council.site_address
GUIDE_ORDER = expand_order(CONTENT.guide_order, [route_url(r) for r in CONTENT.routes])


@pytest.fixture(scope="module")
def env():
    return make_environment()


def site_build(env, page_content: dict[str, str]) -> SiteBuild:
    return SiteBuild(
        content=CONTENT,
        templates=env,
        pdfs=placeholder_pdfs(CONTENT),
        pdf_cache=Path("unused"),
        logo_source=Path("unused.svg"),
        generated={},
        theme={},
        built_on=date(2026, 12, 1),
        page_content=page_content,
    )


def page_content(url: str) -> str:
    """A page's content as the site generator makes it: a heading, a link to the home page."""
    home = "../" * url.count("/")
    return f'<h1 id="top">Page {url or "home"}</h1><p><a href="{home}">Home</a></p>'


# --- The whole guide ---


def test_the_guide_page_shows_where_its_download_and_sections_go(env):
    html = render(env, "guide_page.html", **whole_guide_view())
    assert html.startswith("<h1>The whole guide</h1>")
    assert html.endswith(f"{markers.GUIDE_DOWNLOAD}\n{markers.GUIDE_SECTIONS}")


def test_the_guide_s_sections_list_their_pages_and_link_between_them(env):
    sections = guide_sections(
        [("", page_content("")), ("sendiass/", page_content("sendiass/"))], links_at(SITE_ADDRESS)
    )
    html = render(env, "guide_sections.html", **guide_sections_view(sections))
    assert '<li><a href="#home">Page home</a></li>' in html
    assert '<li><a href="#sendiass">Page sendiass/</a></li>' in html
    assert '<section class="sl-guide-section" id="sendiass">' in html
    # Ids get their section's prefix; a link to a page in the guide goes to its section.
    assert '<h2 id="sendiass--top">' in html and '<a href="#home">Home</a>' in html


def test_the_download_links_the_pdf_from_each_page_with_its_size(env):
    home = guide_download(env, "The guide", "1 MB", "", "guide/")
    # The link's own name says it is a PDF and how big; the home page gives it its heading.
    link = '<a href="guide/whole-guide.pdf">The guide<span class="sl-visually-hidden"> (PDF, 1 MB)'
    assert link in home
    assert home.startswith('<h2 id="print-or-save-the-whole-guide">Print or save the whole guide')
    assert "PDF, 1 MB" in home and '<a href="guide/">read the whole guide' in home
    guide = guide_download(env, "The <b>guide</b>", "1 MB", "guide/", None)
    assert '<a href="whole-guide.pdf">The &lt;b&gt;guide&lt;/b&gt;<span' in guide
    assert "<h2" not in guide
    assert "read the whole guide" not in guide
    assert "not made while you preview" in guide_download(env, "The guide", None, "", None)


def test_the_guide_is_put_together_from_pages_content_in_memory(env):
    pages = {url: page_content(url) for url in GUIDE_ORDER}
    # A page outside the guide (the finder) is linked relatively from the guide's web page.
    pages[""] += '<p><a href="which-route/questions/">Start</a></p>'
    build = site_build(env, pages)
    guide = assemble_guide(build, preview=True)
    assert guide.pdf is None
    sections = guide.fills["guide/"][markers.GUIDE_SECTIONS]
    assert ' href="../which-route/questions/">Start</a>' in sections
    assert f' href="{SITE_ADDRESS}' not in sections
    found = re.findall(r'<section class="sl-guide-section" id="([^"]+)">', sections)
    assert len(found) == len(GUIDE_ORDER) and found[0] == "home"
    # Links print their full address, as on the page itself.
    assert f'data-print-href="{SITE_ADDRESS}"' in sections
    assert "not made while you preview" in guide.fills[""][markers.HOME_GUIDE_DOWNLOAD]


def test_each_page_s_markers_are_filled_before_it_is_written(env):
    build = site_build(env, {})
    build.whole_guide = WholeGuide(
        BuiltPdf(Path("unused.pdf"), 1, False),
        {"guide/": {markers.GUIDE_DOWNLOAD: "<p>PDF</p>", markers.GUIDE_SECTIONS: "<p>All</p>"}},
    )
    page = f"<main>{markers.GUIDE_DOWNLOAD}\n{markers.GUIDE_SECTIONS}</main>"
    assert fill_guide(build, "guide/", page) == "<main><p>PDF</p>\n<p>All</p></main>"
    assert build.filled == {"guide/"}
    # Other pages are left as they are; a page that lost its marker stops the build.
    assert fill_guide(build, "sendiass/", page) == page
    with pytest.raises(MissingMarker, match="^guide/ page: <!-- sl-guide-sections --> is missing$"):
        fill_guide(build, "guide/", f"<main>{markers.GUIDE_DOWNLOAD}</main>")


# --- Open data ---


def test_each_service_is_a_route_at_its_address_run_by_a_listed_organisation():
    data = open_referral(CONTENT)
    organisations = {organisation["id"] for organisation in data["organizations"]}
    urls = {service["url"] for service in data["services"]}
    assert urls == {SITE_ADDRESS + route_url(route) for route in CONTENT.routes}
    for service in data["services"]:
        assert service.get("organization_id", next(iter(organisations))) in organisations


def test_a_route_page_describes_a_government_service_at_its_address():
    data = route_json_ld(CONTENT, CONTENT.route("mediation"))
    assert data["@type"] == "GovernmentService"
    assert data["url"] == f"{SITE_ADDRESS}routes/mediation/"
    assert data["areaServed"] == CONTENT.site.council.name


def test_the_open_data_files_are_where_a_directory_reads_them(tmp_path):
    write_open_data(tmp_path, CONTENT)
    whole = json.loads((tmp_path / "open-data/openreferral-uk.json").read_text(encoding="utf-8"))
    page = json.loads((tmp_path / "open-data/services.json").read_text(encoding="utf-8"))
    assert page["total_items"] == len(whole["services"]) == len(page["contents"])
    for service in whole["services"]:
        assert (tmp_path / f"open-data/services/{service['id']}.json").is_file()


# --- The glue: what MkDocs and the theme are given ---


def test_a_finder_page_s_source_keeps_it_out_of_search_and_holds_no_html():
    page = GeneratedPage(
        "which-route/questions/", "What & why?", "<h1>x</h1>", "finder_question", True
    )
    source = generated_page_source(page)
    assert source.startswith("---\ntitle: What & why?\nrender_macros: false\n")
    assert "robots: noindex\n" in source and "no_javascript: true\n" in source
    assert source.endswith(f"---\n\n{GENERATED_HTML_MARKER}\n") and "<h1>" not in source
    form = GeneratedPage("forms/f/", "F", "", "form_page", meta={"form_page": True})
    source = generated_page_source(form)
    assert "form_page: true\n" in source and "robots" not in source


def test_the_theme_writes_no_address_of_its_own():
    """Every site address in overrides/ comes from urls.THEME_ADDRESSES (or the menu)."""
    used = set()
    for template in (PROJECT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"""['"][a-z0-9/.-]+/?['"]\s*\|\s*url""", text), template
        used |= set(re.findall(r"site_addresses\.([a-z_]+)", text))
    assert used == set(THEME_ADDRESSES)
