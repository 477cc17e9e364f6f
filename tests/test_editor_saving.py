"""Saving in the browser editor (macros/editor/): a save changes only the values the editor
changed (comments, order, quoting and every other value stay byte for byte), keeps each value's
type whatever Decap's YAML quoting, refuses what the form's schema refuses with the loader's
messages and writes nothing then, and writes what only the preview can judge (references
between files).

Each test runs the real server on a free 127.0.0.1 port over a copy of content/ (editor_client),
and posts what Decap CMS posts, written by Decap's own YAML code."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from editor_client import (
    changed_lines,
    comments,
    decap_read,
    decap_write,
    running_editor,
    sendiass,
    start_editor,
    stop_editor,
)

from macros.content import load_content
from macros.content.files import check_file


@pytest.fixture
def editor(content_copy: Path, tmp_path: Path):
    with running_editor(tmp_path) as client:
        yield client


@pytest.mark.parametrize("council", ["example-council", "example-borough"])
def test_a_save_with_nothing_changed_writes_nothing(content_copy, tmp_path, council):
    client = start_editor(tmp_path, council, [])
    try:
        files = sorted(client.council.folder.rglob("*.yml"))
        assert files
        for file in files:
            before = file.stat()
            name = file.relative_to(client.council.folder).as_posix()
            status, answer = client.save(name, lambda data: None)
            assert (status, answer["problems"]) == (200, []), name
            after = file.stat()
            assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), name
    finally:
        stop_editor(client)


def test_a_save_changes_only_the_values_changed(editor):
    providers, roles = editor.file("providers.yml"), editor.file("roles.yml")
    providers_before, roles_before = providers.read_text(), roles.read_text()

    def new_phone_and_hours(data):
        provider = sendiass(data)
        provider["phones"][0]["number"] = "0113 496 0999"
        provider["schedules"][0]["opens_at"] = "08:30"
        provider["schedules"][0]["byday"] = ["MO", "TU", "WE", "TH"]

    assert editor.save("providers.yml", new_phone_and_hours) == (
        200,
        {"message": "entry persisted", "problems": []},
    )
    rebind = lambda data: data["roles"].update(sendiass=["example-sendiass", "kids"])  # noqa: E731
    assert editor.save("roles.yml", rebind)[0] == 200
    assert changed_lines(providers_before, providers.read_text()) == [
        "-      - number: 0113 496 0111",
        "+      - number: 0113 496 0999",
        "-      - byday: [MO, TU, WE, TH, FR]",
        '-        opens_at: "09:30"',
        "+      - byday: [MO, TU, WE, TH]",
        '+        opens_at: "08:30"',
    ]
    assert changed_lines(roles_before, roles.read_text()) == [
        "-  sendiass: [example-sendiass]",
        "+  sendiass: [example-sendiass, kids]",
    ]
    assert comments(providers.read_text()) == comments(providers_before)
    assert check_file(providers, "providers.yml") == []
    content = load_content(editor.council.folder).content
    assert content.providers["example-sendiass"].schedules[0].opens_at == "08:30"
    assert content.roles["sendiass"] == ["example-sendiass", "kids"]


def test_values_keep_their_types_whatever_decap_quotes(editor):
    """Decap writes 2026-12-01, 09:30 and yes without quotes (YAML 1.2): the file keeps a date
    a date, a time and a phone number text, and a yes/no word text in quotes."""

    def change(data):
        provider = sendiass(data)
        provider["phones"][0]["number"] = "01134960999"  # digits alone: text, in quotes
        provider["phones"][0]["last_checked"] = "2026-12-01"
        provider["schedules"][0]["closes_at"] = "17:00"
        provider["help_with"][0] = "yes"

    raw = decap_write(_changed(editor, "providers.yml", change))
    assert "last_checked: 2026-12-01" in raw and "closes_at: 17:00" in raw and "- yes" in raw
    assert editor.persist("providers.yml", raw)[0] == 200
    written = editor.file("providers.yml").read_text()
    provider = sendiass(yaml.safe_load(written))
    assert provider["phones"][0]["number"] == "01134960999"
    assert provider["phones"][0]["last_checked"] == datetime.date(2026, 12, 1)
    assert provider["schedules"][0]["closes_at"] == "17:00"
    assert provider["help_with"][0] == "yes"
    assert '      - "yes"' in written and 'closes_at: "17:00"' in written
    assert check_file(editor.file("providers.yml"), "providers.yml") == []


def _changed(editor, name: str, change) -> dict:
    data = decap_read(editor.file(name).read_text())
    change(data)
    return data


def test_a_bad_email_address_is_refused_and_nothing_is_written(editor):
    before = editor.file("providers.yml").read_bytes()
    status, answer = editor.save(
        "providers.yml", lambda data: sendiass(data)["email"].update(address="sendiass@")
    )
    assert status == 422
    assert re.search(
        r"content/councils/example-council/providers.yml:\d+: provider 'example-sendiass': "
        r"email.address: .*'sendiass@'",
        answer["error"],
    ), answer["error"]
    assert editor.file("providers.yml").read_bytes() == before


def test_an_unknown_role_is_refused_and_nothing_is_written(editor):
    before = editor.file("roles.yml").read_bytes()
    status, answer = editor.save(
        "roles.yml", lambda data: data["roles"].update({"sendias": ["example-sendiass"]})
    )
    assert status == 422
    assert len(answer["problems"]) == 1
    assert re.fullmatch(
        r"content/councils/example-council/roles.yml:\d+: roles.sendias: expected a role in "
        r"content/national/national.yml \(did you mean 'sendiass'\?\), one of: .*; found 'sendias'",
        answer["problems"][0],
    ), answer["problems"]
    assert editor.file("roles.yml").read_bytes() == before


def test_a_problem_between_files_is_written_for_the_preview_to_show(editor):
    """A role bound to a provider that does not exist: the schema cannot say so (it is a
    reference to another file), so the file is written and the problem listed."""
    status, answer = editor.save(
        "roles.yml", lambda data: data["roles"].update(sendiass=["example-sendias"])
    )
    assert status == 200
    assert len(answer["problems"]) == 1
    assert answer["problems"][0].startswith("content/councils/example-council/roles.yml:")
    assert "did you mean 'example-sendiass'?" in answer["problems"][0]
    assert "sendiass: [example-sendias]" in editor.file("roles.yml").read_text()


def test_a_provider_added_and_one_removed_keep_the_comments(editor):
    providers = editor.file("providers.yml")
    before = providers.read_text()
    added = {
        "id": "example-portage",
        "name": "Example Portage Service",
        "description": "Home visits for young children.",
        "phones": [{"number": "0113 496 0700", "description": "", "last_checked": "2026-12-01"}],
        "email": {"address": "", "last_checked": ""},
        "schedules": [],
    }

    def change(data):
        data["providers"] = [p for p in data["providers"] if p["id"] != "example-send-team"]
        data["providers"].append(added)

    assert editor.save("providers.yml", change)[0] == 200
    after = providers.read_text()
    # ruamel.yaml keeps the comment about the mediation service with the SEND team above it:
    # it is put back where it was, before the mediation service.
    assert comments(after) == comments(before)
    assert (
        "  # work for the council or the NHS (Children and Families Act 2014, section 56).\n"
        "  - id: example-mediation-service\n"
    ) in after
    item = before[before.index("  - id: example-send-team") : before.index("  # Gives mediation")]
    removed = [line for line in changed_lines(before, after) if line.startswith("-")]
    assert [line for line in removed if line != "-"] == [f"-{it}" for it in item.splitlines() if it]
    new = yaml.safe_load(after)["providers"][-1]
    assert new == {
        "id": "example-portage",
        "name": "Example Portage Service",
        "description": "Home visits for young children.",
        "phones": [{"number": "0113 496 0700", "last_checked": datetime.date(2026, 12, 1)}],
    }
    assert check_file(providers, "providers.yml") == []


def test_lines_laid_out_otherwise_than_ruamel_would_are_kept(editor):
    """A description indented further than ruamel.yaml indents it stays as written when
    another value of the file changes."""
    providers = editor.file("providers.yml")
    written_by_hand = providers.read_text().replace(
        "    description: An independent organisation that runs disagreement resolution "
        "meetings.\n    phones:\n      - number: 03330 062 835",
        "    description: >-\n        An independent organisation that runs\n"
        "        disagreement resolution meetings.\n    phones:\n      - number: 03330 062 835",
    )
    providers.write_text(written_by_hand)
    new_number = {"number": "0113 496 0001"}
    status, _ = editor.save(
        "providers.yml", lambda data: data["providers"][0]["phones"][0].update(new_number)
    )
    assert status == 200
    assert changed_lines(written_by_hand, providers.read_text()) == [
        "-      - number: 03330 062 835",
        "+      - number: 0113 496 0001",
    ]


def test_values_the_form_fills_in_at_their_defaults_are_not_written(content_copy, tmp_path):
    """Decap sends an optional yes/no the file leaves out at its default, empty text for an
    empty optional field, and a text box's text with a line break at its end: none of them is
    a change, and the file stays as it was."""
    client = start_editor(tmp_path, "example-borough", [])
    try:
        route = "routes/meeting-with-a-send-officer.yml"
        before = client.file(route).stat()

        def defaults(data):
            data["produces"] += "\n"
            for source in data["sources"]:
                source.setdefault("verified", True)
                source.setdefault("url", "")

        assert client.save(route, defaults) == (200, {"message": "entry persisted", "problems": []})
        after = client.file(route).stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        letter = "letters/ask-to-meet-the-send-officer.yml"
        text = client.file(letter).read_text()

        def relabel(data):
            data["sections"][1]["fields"][1]["label"] = "Your own full name"
            for section in data["sections"]:
                for field in section["fields"]:
                    field.setdefault("required", False)

        assert client.save(letter, relabel)[0] == 200
        written = (
            "      - {id: your-name, type: short-text, label: Your%s full name, required: true, "
        )
        assert changed_lines(text, client.file(letter).read_text()) == [
            "-" + written % "" + "autocomplete: name}",
            "+" + written % " own" + "autocomplete: name}",
        ]
    finally:
        stop_editor(client)


def test_a_file_yaml_readers_read_differently_is_not_saved(editor):
    """16:30 without quotes is a time to the editor and 990 minutes to the loader: a save is
    refused, saying what to put in quotes, rather than written with either meaning."""
    providers = editor.file("providers.yml")
    unclear = providers.read_text().replace('closes_at: "16:30"', "closes_at: 16:30")
    providers.write_text(unclear)
    status, answer = editor.save(
        "providers.yml", lambda data: sendiass(data)["phones"][0].update(number="0113 496 0999")
    )
    assert status == 422
    assert "09:30" in answer["error"] and "Put them in quotes" in answer["error"]
    assert providers.read_text() == unclear
