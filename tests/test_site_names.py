"""The site-wide checks of names (tests/sitecheck/names.py) on small sites made for each case:
each fails on the fault it looks for, naming the page and the element, and passes the site
without it. They run on every council's built site in test_site_checks.py."""

from __future__ import annotations

from pathlib import Path

from sitecheck.names import heading_failures, link_name_failures, title_failures


def page(title: str, main: str, nav: str = "") -> str:
    return (
        f'<!doctype html><html lang="en-GB"><head><title>{title}</title></head>'
        f"<body><nav>{nav}</nav><main>{main}</main></body></html>"
    )


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    return tmp_path


def test_two_pages_with_one_title_are_both_named(tmp_path):
    built = site(
        tmp_path,
        {
            "index.html": page("Home - Site", "<h1>Home</h1><p>Hi</p>"),
            "a/index.html": page("Disagreement resolution - Site", "<h1>A</h1><p>x</p>"),
            "b/index.html": page("Disagreement resolution - Site", "<h1>B</h1><p>x</p>"),
        },
    )
    failures = title_failures(built)
    assert [f.page for f in failures] == ["a/index.html", "b/index.html"]
    assert "2 pages have this title: a/index.html, b/index.html" in failures[0].message
    (built / "b/index.html").write_text(page("The service - Site", "<h1>B</h1><p>x</p>"))
    assert title_failures(built) == []


def test_a_heading_with_nothing_under_it_or_no_text_fails(tmp_path):
    main = (
        "<h1>Home</h1><p>Intro</p>"
        "<h2>Print or save the whole guide</h2><!-- sl-guide-home-download -->"
        "<h2>Contact</h2><h3>Team</h3><p>Phone</p>"
        "<h2> </h2><p>Text</p>"
        '<h2>Fill it in</h2><div hidden><h2>There is a problem</h2></div><form><input id="a">'
        "</form><h2>Last</h2>"
    )
    failures = heading_failures(site(tmp_path, {"index.html": page("Home", main)}))
    assert [(f.element, f.message) for f in failures] == [
        ("<h2>Print or save the whole guide</h2>", "nothing under it before the next heading"),
        ("<h2>", "no text"),
        ("<h2>Last</h2>", "nothing under it before the next heading"),
    ]


def test_one_link_text_leading_to_two_places_fails(tmp_path):
    built = site(
        tmp_path,
        {
            "index.html": page("Home", '<h1>H</h1><p><a href="sendiass/">Get advice</a></p>'),
            "routes/x/index.html": page(
                "X",
                '<h1>X</h1><p><a href="../../sendiass/">Get advice</a> '
                '<a href="#deadline-x">Deadline</a> <a class="sl-back" href="../">Back</a></p>',
            ),
            "routes/y/index.html": page(
                "Y",
                '<h1>Y</h1><p><a href="../sendiass/">Get <b>advice</b></a> '
                '<a href="#deadline-x">Deadline</a> <a class="sl-back" href="../x/">Back</a></p>',
            ),
            "sendiass/index.html": page("S", "<h1>S</h1><p>s</p>"),
            "routes/sendiass/index.html": page("RS", "<h1>RS</h1><p>s</p>"),
        },
    )
    failures = link_name_failures(built)
    assert len(failures) == 1, failures
    assert failures[0].element == "'get advice'"
    assert failures[0].message == (
        "leads to routes/sendiass/ (from 1 page(s), e.g. routes/y/index.html); "
        "sendiass/ (from 2 page(s), e.g. index.html)"
    )


def test_links_differ_by_their_hidden_words_and_guide_sections_stand_for_their_pages(tmp_path):
    hidden = '<span class="sl-visually-hidden">: {}</span>'
    built = site(
        tmp_path,
        {
            "index.html": page(
                "Home",
                '<h1>H</h1><p><a href="deadlines/#appeal">'
                f"Work out your dates{hidden.format('An appeal')}</a>"
                f' <a href="deadlines/#claim">Work out your dates{hidden.format("A claim")}</a>'
                ' <a href="sendiass/">Get advice</a> <a href="/sendiass/">Get advice</a>'
                ' <a href="letters/x/#about=health">Use our letter</a>'
                ' <a href="letters/x/#about=care">Use our letter</a></p>',
            ),
            "guide/index.html": page(
                "Guide",
                '<h1>G</h1><p><a href="#sendiass">Get advice</a> '
                '<a href="#sendiass--phone">Phone</a> <a href="../sendiass/#phone">Phone</a></p>',
            ),
            "sendiass/index.html": page("S", '<h1>S</h1><p id="phone">s</p>'),
        },
    )
    assert link_name_failures(built) == []
    (built / "guide/index.html").write_text(
        page("Guide", '<h1>G</h1><p><a href="https://example.org/sendiass/">Get advice</a></p>')
    )
    assert [f.element for f in link_name_failures(built)] == ["'get advice'"]
