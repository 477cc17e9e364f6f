"""Letters (issue 28): loading content/letters/ with exact messages, a council's overlay that
changes a letter's recipient and adds a letter, and the contradiction check between the route
finder's outcomes and their letters.

Each test loads a copy of the real content/ whose letters are the small test letters in
tests/fixtures/letters/ (national/ and, for the overlay, council/) and whose route finder is the
small one there (one outcome per kind of first step), so the messages do not move when the
shipped letters change. The pages and the Word file are tests/test_letters_views.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PROJECT, SHIPPED

from macros.content import load_content
from macros.errors import ContentErrors

FIXTURES = Path(__file__).parent / "fixtures" / "letters"
ASSESS = "national/letters/ask-for-an-assessment-example.yml"
MEETING = "national/letters/ask-the-school-for-a-meeting-example.yml"
FINDER = "national/route-finder.yml"
COUNCIL = SHIPPED.as_posix()


def letters_content(root: Path, overlay: bool = False) -> Path:
    """A copy of content/ at root/content with the test letters and the small finder; with
    ``overlay``, the shipped council's own letter and its change to a national letter."""
    content = root / "content"
    shutil.copytree(PROJECT / "content", content)
    letters = content / "national" / "letters"
    shutil.rmtree(letters, ignore_errors=True)
    letters.mkdir()
    for letter in (FIXTURES / "national").glob("*.yml"):
        shutil.copy(letter, letters)
    shutil.copy(FIXTURES / "route-finder.yml", content / FINDER)
    appeal = content / "national" / "routes" / "tribunal-appeal.yml"
    if "first_step_form:" not in appeal.read_text(encoding="utf-8"):
        with appeal.open("a", encoding="utf-8") as route:
            route.write("first_step_form: official\n")
    if overlay:
        council = content / SHIPPED
        (council / "letters").mkdir()
        shutil.copy(
            FIXTURES / "council" / "complain-to-the-council-example.yml", council / "letters"
        )
        shutil.copy(FIXTURES / "council" / "changes.yml", council / "changes.yml")
    return content


@pytest.fixture
def letters_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return letters_content(tmp_path)


def edit(content: Path, file: str, find: str, replace: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert text.count(find) == 1, f"{find!r} is not in {file} exactly once"
    path.write_text(text.replace(find, replace), encoding="utf-8")


def loaded(content: Path):
    return load_content(content / SHIPPED)


def messages(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        loaded(content)
    return [str(message) for message in raised.value.errors]


# --- Loading ---


def test_the_test_letters_load_with_their_roles_bound_and_no_warning(letters_copy):
    result = loaded(letters_copy)
    letters = result.content.letters
    assert list(letters) == [
        "ask-for-an-assessment-example",
        "ask-the-school-for-a-meeting-example",
    ]
    assessment = letters["ask-for-an-assessment-example"]
    assert assessment.to == ["example-send-team"]  # the role, bound by roles.yml
    assert assessment.fields["letter-date"].event == "assessment-requested"
    assert letters["ask-the-school-for-a-meeting-example"].to == []
    assert [w for w in result.warnings if "letters/" in w.file] == []
    assert result.content.letters_for_route("talk-to-the-setting") == [
        letters["ask-the-school-for-a-meeting-example"]
    ]


BROKEN_LETTERS = {
    "unknown-placeholder": (
        ASSESS,
        "carry out an EHC needs assessment for {child-name}",
        "carry out an EHC needs assessment for {Child name}",
        f"content/{ASSESS}:36: letter 'ask-for-an-assessment-example': paragraphs.1: unknown "
        "placeholder '{Child name}': expected {a field id}, {deadline:<time limit id>}, "
        "{council} or {recipient}",
    ),
    "placeholder-names-no-field": (
        ASSESS,
        'Request for an EHC needs assessment for {child-name}"',
        'Request for an EHC needs assessment for {child-nam}"',
        f"content/{ASSESS}:34: letter 'ask-for-an-assessment-example': subject: unknown "
        "placeholder '{child-nam}': expected the id of one of this letter's fields (did you "
        "mean 'child-name'?), one of: your-name, your-address, child-name, setting-type, "
        "letter-date",
    ),
    "stray-brace": (
        MEETING,
        '"I want to talk about: {worries}"',
        '"I want to talk about: {worries}}"',
        f"content/{MEETING}:23: letter 'ask-the-school-for-a-meeting-example': paragraphs.2: "
        "unknown placeholder '}': expected {a field id}, {deadline:<time limit id>}, {council} "
        "or {recipient}",
    ),
    "deadline-not-in-time-limits": (
        ASSESS,
        "time_limits: [decide-whether-to-assess]",
        "time_limits: []",
        f"content/{ASSESS}:38: letter 'ask-for-an-assessment-example': paragraphs.3: "
        "placeholder '{deadline:decide-whether-to-assess}': expected 'decide-whether-to-assess' "
        "in this letter's time_limits, found none",
    ),
    "deadline-without-its-date": (
        ASSESS,
        "        event: assessment-requested\n",
        "",
        f"content/{ASSESS}:37: letter 'ask-for-an-assessment-example': paragraphs.3: "
        "placeholder '{deadline:decide-whether-to-assess}': expected a date field with event: "
        "assessment-requested (what 'decide-whether-to-assess' counts from), found none",
    ),
    "no-date-line": (
        MEETING,
        "{id: letter-date, type: date, label: Date of this letter, required: true}",
        "{id: sent-on, type: date, label: Date of this letter, required: true}",
        f"content/{MEETING}:8: letter 'ask-the-school-for-a-meeting-example': sections: "
        "expected a date field with id 'letter-date' (the date line), found none",
    ),
    "date-line-not-a-date": (
        MEETING,
        "{id: letter-date, type: date,",
        "{id: letter-date, type: short-text,",
        f"content/{MEETING}:18: field 'letter-date': type: expected type: date for "
        "'letter-date' (the date line), found short-text",
    ),
    "typed-recipient-without-its-field": (
        MEETING,
        "{id: recipient-name, type: short-text,",
        "{id: school-name, type: short-text,",
        f"content/{MEETING}:5: letter 'ask-the-school-for-a-meeting-example': to: expected a "
        "field with id 'recipient-name' (who the letter is to, when to: is []), found none",
    ),
    "unknown-legal-basis": (
        MEETING,
        "legal_basis: [talk-to-the-setting]",
        "legal_basis: [talk-to-the-settings]",
        f"content/{MEETING}:7: letter 'ask-the-school-for-a-meeting-example': legal_basis.1: "
        "expected the id of a time limit in content/national/time-limits.yml or of a route in "
        "content/national/routes/ or content/councils/example-council/routes/ (did you mean "
        "'talk-to-the-setting'?), found 'talk-to-the-settings'",
    ),
    "unverified-deadline": (
        ASSESS,
        "time_limits: [decide-whether-to-assess]",
        "time_limits: [decide-whether-to-assess, council-arranges-mediation]",
        f"content/{ASSESS}:8: letter 'ask-for-an-assessment-example': time_limits.2: "
        "'council-arranges-mediation' rests on a source that is not verified yet ('IPSEA, \"the "
        'mediation process" (SEND Regulations 2014, mediation regulations; the regulation number '
        "is not confirmed)', verified: false), and a letter states only verified facts",
    ),
    "event-on-a-text-field": (
        MEETING,
        "{id: worries, type: long-text, label: What you want to talk about}",
        "{id: worries, type: long-text, label: What you want to talk about, "
        "event: assessment-requested}",
        f"content/{MEETING}:19: field 'worries': event: expected no event for a long-text "
        "field: only a date has one",
    ),
    "cited-paragraph-with-another-key": (
        ASSESS,
        "  - cite: decide-whether-to-assess\n",
        "  - {cite: decide-whether-to-assess, text: x}\n",
        f"content/{ASSESS}:37: letter 'ask-for-an-assessment-example': paragraphs.2.text: "
        "unknown field 'text'. Expected one of: cite",
    ),
    "council-letter-with-a-national-id": (
        "councils/example-council/letters/ask-for-an-assessment-example.yml",
        None,
        None,
        "content/councils/example-council/letters/ask-for-an-assessment-example.yml:1: the "
        "national layer already has this letter "
        f"(content/{ASSESS}): give yours another id (and file name), or change the national "
        "one in changes.yml",
    ),
}


@pytest.mark.parametrize("case", BROKEN_LETTERS, ids=str)
def test_a_broken_letter_is_refused_with_its_file_line_record_and_field(letters_copy, case):
    file, find, replace, expected = BROKEN_LETTERS[case]
    if find is None:  # the file is a copy of the national letter, in the council's folder
        (letters_copy / file).parent.mkdir(parents=True)
        shutil.copy(letters_copy / ASSESS, letters_copy / file)
    else:
        edit(letters_copy, file, find, replace)
    assert messages(letters_copy) == [expected]


# --- The contradiction check: each outcome and its letter ---


CONTRADICTIONS = {
    "outcome-without-a-letter": (
        FINDER,
        "    letter: {id: ask-the-school-for-a-meeting-example}\n",
        "",
        f"content/{FINDER}:26: outcome 'meet': expected letter: (the letter for its first "
        "step), found none: its first route, 'talk-to-the-setting', does not start with an "
        "official form (first_step_form: official), so give the outcome the letter that starts it",
    ),
    "letter-does-not-fit-the-situation": (
        ASSESS,
        "fits: {plan: [none, unknown]}",
        "fits: {plan: [has-plan]}",
        f"content/{FINDER}:25: outcome 'assess': letter.id: letter "
        "'ask-for-an-assessment-example' fits only where plan is has-plan, but this outcome's "
        "situation has plan: none: choose another letter, or correct the situation",
    ),
    "letter-does-not-serve-the-first-route": (
        FINDER,
        "letter: {id: ask-the-school-for-a-meeting-example}",
        "letter: {id: ask-for-an-assessment-example}",
        f"content/{FINDER}:32: outcome 'meet': letter.id: letter 'ask-for-an-assessment-example' "
        "is not for this outcome's first step: its routes (ask-for-an-ehc-needs-assessment) do "
        "not name the first route, 'talk-to-the-setting': choose its letter, or add "
        "'talk-to-the-setting' to the letter's routes",
    ),
    "letter-where-an-official-form-starts": (
        FINDER,
        "    first_step: Send your appeal to the tribunal.\n",
        "    first_step: Send your appeal to the tribunal.\n"
        "    letter: {id: ask-the-school-for-a-meeting-example}\n",
        f"content/{FINDER}:40: outcome 'appeal': letter: expected no letter: the first route "
        "'tribunal-appeal' starts with an official form (first_step_form: official), found "
        "letter 'ask-the-school-for-a-meeting-example'",
    ),
    "unknown-letter": (
        FINDER,
        "letter: {id: ask-the-school-for-a-meeting-example}",
        "letter: {id: ask-the-school-for-a-meeting}",
        f"content/{FINDER}:32: outcome 'meet': letter.id: expected the id of a letter in "
        "content/national/letters/ or content/councils/example-council/letters/ (did you mean "
        "'ask-the-school-for-a-meeting-example'?), found 'ask-the-school-for-a-meeting'",
    ),
    "answer-is-not-a-choice": (
        FINDER,
        "answers: {setting-type: school}",
        "answers: {child-name: school}",
        f"content/{FINDER}:25: outcome 'assess': letter.answers.child-name: expected a tick-one, "
        "tick-any or yes-no field of letter 'ask-for-an-assessment-example', one of: "
        "setting-type; found 'child-name'",
    ),
    "answer-is-not-an-option": (
        FINDER,
        "answers: {setting-type: school}",
        "answers: {setting-type: college}",
        f"content/{FINDER}:25: outcome 'assess': letter.answers.setting-type: expected one of "
        "the options of 'setting-type': school, nursery; found 'college'",
    ),
}


@pytest.mark.parametrize("case", CONTRADICTIONS, ids=str)
def test_each_outcome_offers_the_letter_for_its_first_step_and_only_where_it_fits(
    letters_copy, case
):
    file, find, replace, expected = CONTRADICTIONS[case]
    edit(letters_copy, file, find, replace)
    assert messages(letters_copy) == [expected]


def test_the_shipped_content_gives_every_outcome_its_letter():
    """The real content passes the check (it fails until every outcome has its letter)."""
    from conftest import COUNCILS, PROJECT

    for council in COUNCILS.values():
        folder = council or PROJECT / "content" / SHIPPED
        load_content(folder)


# --- A council's overlay ---


def test_a_council_changes_a_letters_address_by_binding_its_role(letters_copy):
    edit(
        letters_copy,
        "councils/example-council/roles.yml",
        "send-team: [example-send-team]",
        "send-team: [example-complaints-team]",
    )
    content = loaded(letters_copy).content
    assert content.letters["ask-for-an-assessment-example"].to == ["example-complaints-team"]


def test_a_council_changes_a_letters_recipient_and_adds_its_own_letter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = loaded(letters_content(tmp_path, overlay=True)).content
    # changes.yml: the national letter's `to` is the complaints team, bound by roles.yml.
    assert content.letters["ask-for-an-assessment-example"].to == ["example-complaints-team"]
    own = content.letters["complain-to-the-council-example"]
    assert own.to == ["example-complaints-team"]
    assert content.letters_for_route("council-complaint") == [own]


def test_a_council_letter_is_checked_at_its_own_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = letters_content(tmp_path, overlay=True)
    own = "councils/example-council/letters/complain-to-the-council-example.yml"
    edit(content, own, "to: [complaints-team]", "to: [complaint-team]")
    assert messages(content) == [
        f"content/{own}:5: letter 'complain-to-the-council-example': to.1: expected the id of a "
        "provider (providers.yml) or a role (content/national/national.yml) (did you mean "
        "'complaints-team'?), one of: "
        + ", ".join(_provider_and_role_ids(content))
        + "; found 'complaint-team'"
    ]


def _provider_and_role_ids(content: Path) -> list[str]:
    import yaml

    providers = yaml.safe_load((content / "national" / "providers.yml").read_text())["providers"]
    council = yaml.safe_load((content / SHIPPED / "providers.yml").read_text())["providers"]
    roles = yaml.safe_load((content / "national" / "national.yml").read_text())["roles"]
    return [p["id"] for p in providers + council] + [r["id"] for r in roles]
