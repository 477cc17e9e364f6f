"""The two layers: one national law pack (content/national/) under each council's own small
folder (content/councils/<name>/). A national change reaches every council with no edit in any
council's folder; a council's change names its target by ids and the national value it
replaces; roles name local services in national content and each council binds them.

The exact error messages of broken layers are fixtures in tests/fixtures/broken/ (change-*,
role-*, council-*, provider-id-is-a-role), checked by tests/test_content_loading.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import COUNCIL_FOLDERS, NATIONAL, PROJECT, loaded_council, shipped_content

from macros.components import make_environment
from macros.content import load_content
from macros.content.files import national_folder_for
from macros.contradictions import outcome_pages, placeholder_pdfs
from macros.errors import ContentErrors
from macros.views.routes import route_pages

COUNCILS = sorted(p for p in COUNCIL_FOLDERS.iterdir() if p.is_dir())
BOROUGH = COUNCIL_FOLDERS / "example-borough"


def test_every_council_folder_reads_the_national_layer_beside_it():
    for council in COUNCILS:
        assert national_folder_for(council) == NATIONAL
    # A council folder kept elsewhere uses the project's national layer.
    assert national_folder_for(Path("/somewhere/else/our-council")) == NATIONAL


def test_a_change_to_one_national_time_limit_changes_every_council_with_no_council_edit(
    content_copy,
):
    council_files_before = {
        p: p.read_bytes() for p in (content_copy / "councils").rglob("*") if p.is_file()
    }
    limits = content_copy / "national" / "time-limits.yml"
    text = limits.read_text(encoding="utf-8")
    old = "Make your claim within 6 months of the unfair treatment."
    new = "Make your claim within 7 months of the unfair treatment."
    # The rule changes with the words (make check holds them to each other).
    old_rule, new_rule = "length: 6, unit: months", "length: 7, unit: months"
    assert text.count(old) == 1 and text.count(old_rule) == 1
    text = text.replace(old, new).replace(old_rule, new_rule)
    limits.write_text(text, encoding="utf-8")

    env = make_environment()
    for council in COUNCILS:
        content = load_content(content_copy / "councils" / council.name).content
        assert new in content.time_limit("discrimination-claim").text, council.name
        pages = {p.url: p.html for p in route_pages(content, env, placeholder_pdfs(content))}
        assert new in pages["routes/discrimination-claim/"], council.name
        assert old not in pages["routes/discrimination-claim/"], council.name
    council_files_after = {
        p: p.read_bytes() for p in (content_copy / "councils").rglob("*") if p.is_file()
    }
    assert council_files_after == council_files_before


def test_national_content_names_roles_and_each_council_shows_its_own_providers():
    env = make_environment()
    for council in COUNCILS:
        content = loaded_council(council).content
        bound = content.roles["disagreement-resolution-providers"]
        assert content.routes["disagreement-resolution"].providers == bound
        assert content.forms["request-for-disagreement-resolution"].recipients == bound
        _, html = outcome_pages(content, env)["refuse-assess"]
        sendiass = content.provider(content.roles["sendiass"][0]).name
        assert sendiass in html, council.name
    assert shipped_content().roles["disagreement-resolution-providers"] == [
        "kids",
        "together-trust",
    ]
    assert loaded_council(BOROUGH).content.roles["disagreement-resolution-providers"] == [
        "borough-resolution-service"
    ]


def test_the_borough_changes_one_national_answer_and_adds_its_question_and_outcome():
    content = loaded_council(BOROUGH).content
    decision = next(q for q in content.finder.questions if q.id == "decision")
    no_assessment = next(o for o in decision.options if o.id == "no-assessment")
    assert no_assessment.next == "met-send-officer"
    assert "met-send-officer" in {q.id for q in content.finder.questions}
    assert "refuse-assess-meet-officer" in {o.id for o in content.finder.outcomes}
    assert "meeting-with-a-send-officer" in content.routes
    # The shipped council keeps the national answer.
    shipped = next(q for q in shipped_content().finder.questions if q.id == "decision")
    assert next(o for o in shipped.options if o.id == "no-assessment").next == "refuse-assess"


def test_a_national_value_changed_since_a_council_change_is_a_warning_naming_both_files(
    content_copy,
):
    finder = content_copy / "national" / "route-finder.yml"
    text = finder.read_text(encoding="utf-8")
    old = "        label: Not to do an EHC needs assessment\n        next: refuse-assess\n"
    assert text.count(old) == 1
    finder.write_text(text.replace(old, old.replace("refuse-assess", "refuse-plan")))
    loaded = load_content(content_copy / "councils" / "example-borough")
    next_line = text[: text.index(old)].count("\n") + 2
    warnings = [str(w) for w in loaded.warnings if "national value changed" in str(w)]
    assert warnings == [
        "content/councils/example-borough/changes.yml:8: change: national: the national value "
        "changed since this change was written: check it still fits. "
        f"content/national/route-finder.yml:{next_line} now has 'refuse-plan'; this change was "
        "written for 'refuse-assess'"
    ]
    # The change still applies: the council decided it, and is told to check it.
    decision = next(q for q in loaded.content.finder.questions if q.id == "decision")
    assert next(o for o in decision.options if o.id == "no-assessment").next == "met-send-officer"


def test_a_council_checked_against_an_older_national_version_is_told(content_copy):
    national = content_copy / "national" / "national.yml"
    national.write_text(
        national.read_text(encoding="utf-8").replace('version: "2026.12"', 'version: "2027.03"')
    )
    warnings = [
        str(w)
        for w in load_content(content_copy / "councils" / "example-council").warnings
        if "national_version" in str(w)
    ]
    assert warnings == [
        "content/councils/example-council/roles.yml:6: national_version: this council was last "
        "checked against national version 2026.12; the national layer is now 2027.03: read its "
        "changes, check changes.yml and roles.yml still fit, then set national_version: 2027.03"
    ]


@pytest.mark.parametrize(
    ("council", "most_lines"), [("example-council", 300), ("example-borough", 450)]
)
def test_each_council_folder_holds_only_its_own_few_lines(council, most_lines):
    files = [p for p in (COUNCIL_FOLDERS / council).rglob("*") if p.is_file()]
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
    assert lines <= most_lines, f"{council}: {lines} lines"


def test_no_council_folder_copies_a_national_file():
    national_files = {p.relative_to(NATIONAL) for p in NATIONAL.rglob("*.yml")}
    for council in COUNCILS:
        own = {p.relative_to(council) for p in council.rglob("*.yml")}
        # providers.yml and route-finder.yml in a council folder hold only its own records.
        assert own & national_files <= {Path("providers.yml"), Path("route-finder.yml")}


def test_national_content_names_no_local_provider():
    local_names = {
        provider.name
        for council in COUNCILS
        for provider in loaded_council(council).content.providers.values()
    }
    # What families read: the values, not the editors' comments (which cite the research).
    national_text = " ".join(
        json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str)
        for p in NATIONAL.rglob("*.yml")
    )
    national_bodies = {
        line.split("name:", 1)[1].strip()
        for line in (NATIONAL / "providers.yml").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("name:")
    }
    for name in sorted(local_names - national_bodies):
        assert name not in national_text, f"national content names {name!r}"


def test_the_guide_reading_order_is_national_data_checked_against_the_pages(content_copy):
    from macros.urls import docs_addresses

    national = content_copy / "national" / "national.yml"
    text = national.read_text(encoding="utf-8")
    assert text.count("  - sendiass/\n") == 1
    national.write_text(text.replace("  - sendiass/\n", "  - sendias/\n"), encoding="utf-8")
    line = text[: text.index("  - sendiass/\n")].count("\n") + 1
    with pytest.raises(ContentErrors) as raised:
        load_content(
            content_copy / "councils" / "example-council",
            taken_addresses=docs_addresses(PROJECT / "docs"),
        )
    assert [str(e) for e in raised.value.errors] == [
        f"content/national/national.yml:{line}: national layer: guide_order.5: expected the "
        "address of a page in docs/ or routes/* (did you mean 'sendiass/'?), found 'sendias/'"
    ]


def test_a_change_finds_a_route_case_by_its_id_and_its_errors_name_the_councils_file(
    content_copy,
):
    # The copy is the shipped content until it is changed below.
    route = shipped_content().route("mediation")
    name = route.case("arranged-by-the-council").name
    changes = content_copy / "councils" / "example-council" / "changes.yml"
    text = (
        "changes:\n"
        "  - target: routes/mediation.yml cases.arranged-by-the-council.name\n"
        f"    national: {name}\n"
        "    value: {new}\n"
        "    why: Our council calls it this.\n"
    )
    changes.write_text(text.replace("{new}", "Mediation our council arranges"), encoding="utf-8")
    loaded = load_content(content_copy / "councils" / "example-council")
    case = loaded.content.route("mediation").case("arranged-by-the-council")
    assert case.name == "Mediation our council arranges"
    assert not [w for w in loaded.warnings if "example-council/changes.yml" in str(w)]

    changes.write_text(text.replace("{new}", "'<b>Ours</b>'"), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / "councils" / "example-council")
    assert [str(e) for e in raised.value.errors] == [
        "content/councils/example-council/changes.yml:4: case 'arranged-by-the-council': name: "
        "expected plain text without HTML, found '<b>': remove the tag (fields marked as "
        "Markdown may use Markdown instead)"
    ]


# --- National bodies: a council adds notes about them; it changes their details only in
# changes.yml. The exact messages of every other way are fixtures (national-note-*,
# national-notes-in-the-national-file, change-to-national-body-contact-without-source).


def test_a_council_note_about_a_national_body_is_on_its_card_on_every_page_naming_it():
    env = make_environment()
    borough = loaded_council(BOROUGH).content
    note = "Example Borough SENDIASS can help you get ready for a tribunal hearing."
    assert borough.provider("send-tribunal").local_notes == [note]
    pages = {p.url: p.html for p in route_pages(borough, env, placeholder_pdfs(borough))}
    for route in ("tribunal-appeal", "extended-appeal", "discrimination-claim"):
        assert f'<p class="sl-contact__note">{note}</p>' in pages[f"routes/{route}/"], route
    _, outcome = outcome_pages(borough, env)["refuse-assess-meet-officer"]
    assert note in outcome
    # The note is the borough's own: the shipped council's tribunal card has none, and the
    # tribunal's contact details are the national ones in both.
    shipped = shipped_content().provider("send-tribunal")
    assert "local_notes" not in type(shipped).model_fields
    assert borough.provider("send-tribunal").phones == shipped.phones


def test_a_council_changes_a_national_body_s_phone_only_through_a_change(content_copy):
    council = content_copy / "councils" / "example-council"
    national = shipped_content().provider("send-tribunal").phones[0]  # the copy, unchanged
    (council / "changes.yml").write_text(
        "changes:\n"
        "  - target: providers.yml providers.send-tribunal.phones\n"
        "    national:\n"
        f"      - number: {national.number}\n"
        f"        description: {national.description}\n"
        f"        source: {national.source}\n"
        f"        last_checked: {national.last_checked}\n"
        "    value:\n"
        "      - number: 0300 303 5857\n"
        "        source: https://www.gov.uk/appeal-ehc-plan-decision\n"
        "        last_checked: 2026-12-06\n"
        "    why: GOV.UK now gives the shared HMCTS number.\n",
        encoding="utf-8",
    )
    loaded = load_content(council)
    assert [p.number for p in loaded.content.provider("send-tribunal").phones] == ["0300 303 5857"]
    assert not [w for w in loaded.warnings if "example-council/changes.yml" in str(w)]
    env = make_environment()
    pdfs = placeholder_pdfs(loaded.content)
    pages = {p.url: p.html for p in route_pages(loaded.content, env, pdfs)}
    assert "0300 303 5857" in pages["routes/tribunal-appeal/"]
    assert "01325 289 350" not in pages["routes/tribunal-appeal/"]
    # Every other council keeps the national number.
    borough = load_content(content_copy / "councils" / "example-borough").content
    assert borough.provider("send-tribunal").phones[0].number == national.number
