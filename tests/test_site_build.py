"""The real site, built with --strict: every seed statement is there, from content/, and
every page keeps the theme's promises (British English; no other hosts and the skip link are
checked on every page of every council in tests/test_site_checks.py)."""

from __future__ import annotations

import functools
import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
import variant
import yaml
from conftest import NATIONAL, PROJECT, SHIPPED_COUNCIL, shipped_content
from html_text import html_pages, main_text, normalise, tags

from macros.deadlines import add_months
from macros.urls import LOOKUP_FILE

SEED = PROJECT / "tests" / "fixtures" / "seed" / "disagreement-resolution.txt"
SEED_MAP = yaml.safe_load((PROJECT / "tests" / "seed_statements.yml").read_text(encoding="utf-8"))


def seed_statements(text: str) -> list[str]:
    """Each sentence, numbered item and bullet of the seed, whitespace collapsed."""
    statements = []
    for line in text.splitlines():
        line = normalise(line)
        if not line:
            continue
        item = re.match(r"^(?:•|\d+\.)\s*(.+)$", line)
        if item:
            statements.append(item.group(1))
        else:
            statements.extend(s for s in re.split(r"(?<=[.:])\s+", line) if s)
    return statements


def test_every_seed_statement_is_mapped_to_the_site():
    mapped = {normalise(entry["seed"]) for entry in SEED_MAP["statements"]}
    headings = {normalise(h) for h in SEED_MAP["headings"]}
    unmapped = [s for s in seed_statements(SEED.read_text(encoding="utf-8")) if s not in mapped]
    assert [s for s in unmapped if s not in headings] == []


def test_the_seed_map_quotes_the_seed_exactly():
    statements = set(seed_statements(SEED.read_text(encoding="utf-8")))
    misquoted = [
        e["seed"] for e in SEED_MAP["statements"] if normalise(e["seed"]) not in statements
    ]
    assert misquoted == []


@pytest.mark.parametrize("entry", SEED_MAP["statements"], ids=lambda entry: entry["seed"][:50])
def test_seed_statement_is_on_its_page(built_site, entry):
    text = main_text(built_site / entry["page"] / "index.html")
    missing = [p for p in entry["phrases"] if normalise(p) not in text]
    assert missing == [], f"not on {entry['page']}: {missing}"


def _folded_yaml_text(folder: Path, pattern: str) -> str:
    """All text values in YAML files, joined, so phrases split over lines can be found."""
    values: list[str] = []

    def collect(value):
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for path in sorted(folder.glob(pattern)):
        collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    return normalise(" \n ".join(values))


@functools.cache
def _content_and_docs_text() -> tuple[str, str]:
    """The text of content/ and of docs/, read once for every seed statement."""
    # The law's wording is national; the shipped council's providers are its own.
    content_text = (
        _folded_yaml_text(NATIONAL, "*.yml") + " " + _folded_yaml_text(SHIPPED_COUNCIL, "*.yml")
    )
    docs_text = normalise(
        " ".join(p.read_text(encoding="utf-8") for p in (PROJECT / "docs").rglob("*.md"))
    )
    return content_text, docs_text


@pytest.mark.parametrize("entry", SEED_MAP["statements"], ids=lambda entry: entry["seed"][:50])
def test_seed_statement_comes_from_content_not_docs(entry):
    content_text, docs_text = _content_and_docs_text()
    for phrase in entry["phrases"]:
        assert normalise(phrase) in content_text, f"not in content/: {phrase!r}"
        assert normalise(phrase) not in docs_text, f"typed into docs/: {phrase!r}"


def test_every_page_is_in_british_english(built_site):
    for page in html_pages(built_site):
        html_tag = next(attrs for tag, attrs in tags(page) if tag == "html")
        assert html_tag.get("lang") == "en-GB", page.relative_to(built_site)


def test_every_page_has_our_shell_and_none_of_materials_controls(built_site):
    """Our header, menu and footer; none of Material's checkbox toggles, labels or search."""
    for page in html_pages(built_site):
        name = page.relative_to(built_site).as_posix()
        page_tags = tags(page)
        classes = [a.get("class") or "" for t, a in page_tags]
        assert "sl-header__home" in classes and "sl-footer" in classes, name
        finder = name.startswith("which-route/questions/")
        menus = [a for t, a in page_tags if t == "nav" and a.get("aria-label") == "Menu"]
        assert len(menus) == (0 if finder else 1), name
        assert not [
            a for t, a in page_tags if t in ("input", "label") and "md-" in (a.get("class") or "")
        ], name
        assert not [c for c in classes if c.startswith("md-search")], name
        footer_links = page.read_text(encoding="utf-8").split('class="sl-footer__links"')[1]
        for text in ("SENDIASS", "Accessibility statement", "Privacy", "Local Offer"):
            assert text in footer_links.split("</ul>")[0], (name, text)


def test_the_a_to_z_lists_every_route_form_and_menu_page(built_site):
    text = html.unescape((built_site / "a-to-z" / "index.html").read_text(encoding="utf-8"))
    content = shipped_content()
    for title in [r.name for r in content.routes.values()] + [
        f.title for f in content.forms.values()
    ]:
        assert f">{title}</a>" in text, title
    for title in (
        "Accessibility statement",
        "Privacy",
        "Disagreement resolution service",
        "How disagreement resolution works",
    ):
        assert f">{title}</a>" in text, title


def test_the_council_name_colour_and_logo_come_from_content(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Example Council: SEND disagreements</title>" in home
    # The colour is a stylesheet the build writes: the pages' policy allows no inline style.
    assert '<link rel="stylesheet" href="assets/stylesheets/council.css">' in home
    council_css = (built_site / "assets" / "stylesheets" / "council.css").read_text()
    assert "--md-primary-fg-color: #1d4f91;" in council_css
    assert (built_site / "assets" / "council-logo.svg").read_bytes() == (
        SHIPPED_COUNCIL / "logo.svg"
    ).read_bytes()


@pytest.mark.extra_build
def test_renaming_a_provider_in_content_changes_the_built_pages(variant_build):
    page = main_text(
        variant_build.site / "disagreement-resolution" / "who-provides-it" / "index.html"
    )
    assert "Riverside Mediation Trust" in page
    assert "The Together Trust" not in page


@pytest.mark.extra_build
def test_content_can_come_from_another_folder(variant_build):
    assert not variant_build.content.is_relative_to(variant_build.project)
    home = (variant_build.site / "index.html").read_text(encoding="utf-8")
    assert variant.COUNCIL_NAME in html.unescape(home)


@pytest.mark.extra_build
def test_a_build_dated_long_ago_warns_that_its_deadline_dates_end_soon(variant_build):
    """The variant is built with SOURCE_DATE_EPOCH 20 months ago: its deadline page works out
    dates from that day, and the build says when they end."""
    built = add_months(date.today(), -20)
    lookup = json.loads((variant_build.site / LOOKUP_FILE).read_text(encoding="utf-8"))
    assert lookup["built_on"] == built.isoformat()
    last = add_months(built, 24)
    assert (
        f"The deadline page works out dates up to {last.isoformat()} only (the build's date is "
        f"{built.isoformat()}, from SOURCE_DATE_EPOCH)" in variant_build.output
    )


def test_a_bad_source_date_epoch_is_one_clear_message():
    from macros.site_outputs import BadBuildDate, build_date

    assert build_date({"SOURCE_DATE_EPOCH": "1780000000"}) == date(2026, 5, 28)
    with pytest.raises(BadBuildDate) as raised:
        build_date({"SOURCE_DATE_EPOCH": "yesterday"})
    assert str(raised.value) == (
        "SOURCE_DATE_EPOCH: expected a whole number of seconds since 1 January 1970, "
        "found 'yesterday'"
    )


def test_the_shipped_council_builds_and_warns_of_its_placeholders(default_build_output):
    """Each placeholder still to replace is named. (The variant's build, tests/variant.py,
    shows a copy of the project builds, so the failing builds of broken copies fail for what
    was broken, not for being copies.)"""
    assert "placeholder name 'Example Council'" in default_build_output
    assert "Traceback" not in default_build_output


def test_a_page_with_a_broken_macro_stops_the_build(tmp_path):
    """A macro that does not exist, or any error in one, stops the build (on_error_fail and
    on_undefined: strict in mkdocs.yml): shown with the macros plugin as our mkdocs.yml
    configures it, on one page, without a full build."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from macros.service_fields import service_field

    config = load_config(str(PROJECT / "mkdocs.yml"))
    plugin = config.plugins["macros"]
    plugin.on_config(config)
    source = File("privacy.md", config.docs_dir, str(tmp_path), use_directory_urls=True)
    page = Page("Privacy", source, config)
    good = plugin.on_page_markdown(
        "Made by {{ council_name() }}.", page=page, config=config, files=[]
    )
    # Markdown sees a stand-in for the macro's HTML, put back after it (macros/fragments.py).
    assert good == "Made by <!--sl-fragment-0-->."
    assert plugin.variables["held_fragments"].restore(good) == "Made by Example Council."
    with pytest.raises(SystemExit) as stopped:
        plugin.on_page_markdown("{{ no_such_macro() }}", page=page, config=config, files=[])
    assert stopped.value.code != 0
    # A field name with a typing mistake names the fields there are.
    with pytest.raises(SystemExit) as stopped:
        plugin.on_page_markdown("{{ service_text('purpse') }}", page=page, config=config, files=[])
    assert stopped.value.code != 0
    with pytest.raises(ValueError, match=r"no field 'purpse' \(did you mean 'purpose'\?\)"):
        service_field(shipped_content().disagreement_resolution, "purpse")


def test_the_example_council_builds_with_its_own_providers_and_none_of_ours(built_sites):
    site = built_sites("example-borough")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Example Borough Council: SEND disagreements</title>" in home
    council_css = (site / "assets" / "stylesheets" / "council.css").read_text()
    assert "--md-primary-fg-color: #5b2a86;" in council_css
    providers = main_text(site / "disagreement-resolution" / "who-provides-it" / "index.html")
    assert "Example Borough Resolution Service" in providers
    assert "Example Borough SENDIASS" in providers
    everything = " ".join(p.read_text(encoding="utf-8") for p in html_pages(site))
    for ours in ("KIDS", "The Together Trust", "03330 062 835", "0161 283 4836"):
        assert ours not in everything, f"{ours!r} is on the example council's site"
    assert (site / "routes" / "meeting-with-a-send-officer" / "index.html").is_file()
    question = site / "which-route" / "questions" / "decision" / "no-assessment" / "index.html"
    assert "meeting with the council" in main_text(question)


@pytest.mark.extra_build
def test_a_council_name_with_ampersand_and_quotes_is_escaped_once_everywhere(variant_build):
    name = variant.COUNCIL_NAME
    for page in ("index.html", "routes/mediation/index.html", "forms/meeting-notes/index.html"):
        text = (variant_build.site / page).read_text(encoding="utf-8")
        assert "&amp;amp;" not in text and "&amp;#" not in text, page
        header = re.search(r'class="sl-header__name">(.*?)</span>', text).group(1)
        assert html.unescape(header) == f"{name}: SEND disagreements", page
        footer = text.split('class="sl-footer__links"')[1].split("</ul>")[0]
        assert f">{name} Local Offer</a>" in html.unescape(footer), page
        title = re.search(r"<title>(.*?)</title>", text).group(1)
        assert html.unescape(title).endswith(f"{name}: SEND disagreements"), page


def test_the_built_site_can_be_read_by_a_web_server_running_as_another_user(built_site):
    """`make site`'s output: every folder and file readable (and folders enterable) by others,
    as the umask allows; mkdtemp alone made site/ 0700."""
    import stat

    unreadable = [
        str(path.relative_to(built_site))
        for path in [built_site, *built_site.rglob("*")]
        if not stat.S_IMODE(path.stat().st_mode) & 0o004
        or (path.is_dir() and not stat.S_IMODE(path.stat().st_mode) & 0o001)
    ]
    assert unreadable == []


@pytest.mark.extra_build
def test_no_text_or_attribute_of_the_variant_is_escaped_twice(variant_build):
    """Every page of the variant (a name with '&' and quotes, payloads in every text field):
    read as a browser reads it, no text and no attribute shows an escaped character. (A payload
    typed as '&lt;img' shows as written, so '&lt;' itself may appear.)"""
    from html.parser import HTMLParser

    escaped = re.compile(r"&(amp|quot|apos|#\d+|#x[0-9a-fA-F]+);")

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.found += [
                f"{tag} {name}={value!r}"
                for name, value in attrs
                if value and escaped.search(value)
            ]

        def handle_data(self, data):
            if escaped.search(data):
                self.found.append(data.strip()[:120])

    twice = {}
    for page in html_pages(variant_build.site):
        reader = Reader()
        reader.feed(page.read_text(encoding="utf-8"))
        if reader.found:
            twice[str(page.relative_to(variant_build.site))] = reader.found[:3]
    assert twice == {}
