"""The whole guide's pure functions: sections from built pages, and print addresses for links."""

from macros.guide import (
    expand_order,
    first_heading,
    links_at,
    links_from,
    rewrite_section,
    section_slug,
    without_unreferenced_ids,
)
from macros.html_fixes import add_print_addresses

SITE = "https://www.example.org/guide/"


def test_a_page_becomes_a_section_with_unique_ids_and_working_links():
    html = (
        '<h1 id="top">Mediation</h1><label for="q">Q</label>'
        '<input id="q" aria-describedby="q-hint">'
        '<a href="../compare/#costs">Compare</a> <a href="../../which-route/">Finder</a> '
        '<a href="#top">Top</a> <a href="https://www.gov.uk/call-charges">Charges</a>'
    )
    guide_urls = {"routes/mediation/", "routes/compare/"}
    out = rewrite_section(html, "routes/mediation/", guide_urls, links_at(SITE))
    assert out == (
        '<h2 id="routes-mediation--top">Mediation</h2>'
        '<label for="routes-mediation--q">Q</label>'
        '<input id="routes-mediation--q" aria-describedby="routes-mediation--q-hint">'
        '<a href="#routes-compare--costs">Compare</a> '
        '<a href="https://www.example.org/guide/which-route/">Finder</a> '
        '<a href="#routes-mediation--top">Top</a> '
        '<a href="https://www.gov.uk/call-charges">Charges</a>'
    )


def test_on_the_guide_page_links_outside_the_guide_stay_on_the_site():
    """The guide's web page links pages outside it relatively, so a copy of the site on another
    host never leaves it; only the PDF, read away from the site, has full addresses."""
    html = (
        '<a href="../../which-route/">Finder</a> '
        '<a href="../../deadlines/#work-out-appeal">Dates</a> '
        '<a href="../../forms/f/f.pdf">PDF</a> <a href="../compare/">Compare</a>'
    )
    guide_urls = {"routes/mediation/", "routes/compare/"}
    out = rewrite_section(html, "routes/mediation/", guide_urls, links_from("guide/"))
    assert out == (
        '<a href="../which-route/">Finder</a> '
        '<a href="../deadlines/#work-out-appeal">Dates</a> '
        '<a href="../forms/f/f.pdf">PDF</a> <a href="#routes-compare">Compare</a>'
    )


def test_section_titles_are_plain_text():
    assert first_heading("<h2 id='x'>Children&#39;s <em>care</em></h2>") == "Children's care"
    assert section_slug("") == "home"
    assert section_slug("routes/mediation/") == "routes-mediation"


def test_the_reading_order_expands_routes():
    assert expand_order(["", "routes/*", "forms/"], ["routes/a/", "routes/b/"]) == [
        "",
        "routes/a/",
        "routes/b/",
        "forms/",
    ]


def test_links_get_their_full_address_for_printing():
    html = (
        '<a href="../sendiass/">SENDIASS</a><a class="x" href="tel:+441134960111">0113</a>'
        '<a href="#top">Top</a><a href="mailto:a@example.org">a</a>'
    )
    assert add_print_addresses(html, SITE + "routes/") == (
        '<a data-print-href="https://www.example.org/guide/sendiass/" href="../sendiass/">'
        "SENDIASS</a>"
        '<a class="x" href="tel:+441134960111">0113</a><a href="#top">Top</a>'
        '<a href="mailto:a@example.org">a</a>'
    )


def test_remembered_page_references_are_pydyfs_own():
    """macros/pdfs.py keeps pydyf's page references between uses (see _remember_page_references)."""
    from macros.pdfs import _weasyprint

    _weasyprint()
    import pydyf

    original = pydyf.PDF._original_page_references
    pdf = pydyf.PDF()
    for count in range(1, 4):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        first_read = pdf.page_references
        assert len(first_read) == count
        assert first_read == original(pdf)
        assert pdf.page_references is first_read  # made once per page count


def test_ids_nothing_refers_to_are_dropped_for_the_pdf():
    html = (
        '<h3 id="a">A</h3><a href="#b">B</a><p id="b">text</p>'
        '<label for="c">C</label><input id="c"><th id="d">D</th><td headers="d e">x</td>'
        '<div id="f" aria-labelledby="g h" data-id="k"></div><span id="g"></span><i id="h"></i>'
    )
    assert without_unreferenced_ids(html) == (
        '<h3>A</h3><a href="#b">B</a><p id="b">text</p>'
        '<label for="c">C</label><input id="c"><th id="d">D</th><td headers="d e">x</td>'
        '<div aria-labelledby="g h" data-id="k"></div><span id="g"></span><i id="h"></i>'
    )
