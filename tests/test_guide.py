"""The whole guide's pure functions: sections from built pages, and print addresses for links."""

from macros.guide import expand_order, first_heading, rewrite_section, section_slug
from macros.mkdocs_hooks import add_print_addresses

SITE = "https://www.example.org/guide/"


def test_a_page_becomes_a_section_with_unique_ids_and_working_links():
    html = (
        '<h1 id="top">Mediation</h1><label for="q">Q</label>'
        '<input id="q" aria-describedby="q-hint">'
        '<a href="../compare/#costs">Compare</a> <a href="../../which-route/">Finder</a> '
        '<a href="#top">Top</a> <a href="https://www.gov.uk/call-charges">Charges</a>'
    )
    out = rewrite_section(html, "routes/mediation/", {"routes/mediation/", "routes/compare/"}, SITE)
    assert out == (
        '<h2 id="routes-mediation--top">Mediation</h2>'
        '<label for="routes-mediation--q">Q</label>'
        '<input id="routes-mediation--q" aria-describedby="routes-mediation--q-hint">'
        '<a href="#routes-compare--costs">Compare</a> '
        '<a href="https://www.example.org/guide/which-route/">Finder</a> '
        '<a href="#routes-mediation--top">Top</a> '
        '<a href="https://www.gov.uk/call-charges">Charges</a>'
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
