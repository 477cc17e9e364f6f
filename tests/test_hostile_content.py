"""Content written by someone who can write to one council's folder, to harm whoever builds or
reads the site: links out of the folder, characters that hide or rewrite text, numbers too large
to count with, and changes that undo each other (issue 25).

The loader's exact messages for each are fixtures in tests/fixtures/broken/ (checked by
tests/test_content_loading.py); these tests hold the rules beneath them.
"""

from __future__ import annotations

import os
import typing

import pytest
from conftest import SHIPPED
from pydantic import AfterValidator, TypeAdapter, ValidationError

import macros.content.files
from macros import records
from macros.content import load_content
from macros.content.files import check_file
from macros.errors import ContentErrors
from macros.layers import ChangedTargets
from macros.textchars import character_problem
from macros.yamlsource import load_yaml_file

# --- Links and other files that are not content ---


def test_a_link_out_of_the_folder_is_refused_without_reading_it(content_copy, monkeypatch):
    secret = content_copy.parent / ".env"
    secret.write_text("API_TOKEN: hunter2\n", encoding="utf-8")
    providers = content_copy / SHIPPED / "providers.yml"
    providers.unlink()
    providers.symlink_to(secret)
    read = []
    real_load = macros.content.files.load_yaml_file
    monkeypatch.setattr(
        macros.content.files,
        "load_yaml_file",
        lambda path, shown: read.append(path) or real_load(path, shown),
    )
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)
    assert providers not in read
    messages = str(raised.value)
    assert "API_TOKEN" not in messages and "hunter2" not in messages and ".env" not in messages
    assert (
        "content/councils/example-council/providers.yml: this is a link to a file outside"
        in messages
    )


def test_a_folder_that_is_a_link_out_of_the_council_is_not_read(content_copy):
    outside = content_copy.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.yml").write_text("API_TOKEN: hunter2\n", encoding="utf-8")
    (content_copy / SHIPPED / "routes").symlink_to(outside)
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)
    assert [str(e) for e in raised.value.errors] == [
        "content/councils/example-council/routes/secret.yml: this is a link to a file outside "
        "content/councils/example-council/, and content is only read from inside it: copy the "
        "file here in place of the link"
    ]


def test_a_named_pipe_in_place_of_a_file_is_refused_without_waiting_for_it(content_copy):
    roles = content_copy / SHIPPED / "roles.yml"
    roles.unlink()
    os.mkfifo(roles)
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)
    assert [str(e) for e in raised.value.errors] == [
        "content/councils/example-council/roles.yml: expected a file of text, found a named "
        "pipe, not a regular file: remove it and put the file itself here"
    ]


def test_checking_one_file_that_is_a_device_never_reads_it(content_copy):
    """make check of one file, or the property-based test: /dev/zero would never end."""
    roles = content_copy / SHIPPED / "roles.yml"
    roles.unlink()
    roles.symlink_to("/dev/zero")
    assert [m.problem for m in check_file(roles, "roles.yml")] == [
        "expected a file of text, found a link to '/dev/zero', which is a device, not a regular "
        "file: remove the link and put the file itself here"
    ]


def test_a_link_inside_the_folder_is_read(content_copy):
    council = content_copy / SHIPPED
    (council / "roles.yml").rename(council / "roles-2026.yml.txt")
    (council / "roles.yml").symlink_to("roles-2026.yml.txt")
    load_content(council)


# --- Characters in text ---


def _is_character_check(metadata: object) -> bool:
    return isinstance(metadata, AfterValidator) and "_characters" in metadata.func.__qualname__


def text_leaves(annotation: object, metadata: tuple = ()):
    """(checks characters, has a pattern) for each piece of text a field's type holds."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        yield from text_leaves(base, (*metadata, *extra))
    elif annotation is str:
        patterned = any(getattr(m, "pattern", None) for m in metadata)
        patterned |= any(
            getattr(m, "pattern", None) for f in metadata for m in getattr(f, "metadata", [])
        )
        yield any(_is_character_check(m) for m in metadata), patterned
    elif typing.get_origin(annotation) is not typing.Literal:
        for arg in typing.get_args(annotation):
            yield from text_leaves(arg)


RECORD_TYPES = [
    kind
    for kind in vars(records).values()
    if isinstance(kind, type) and issubclass(kind, records.Record) and kind is not records.Record
]


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda kind: kind.__name__)
def test_every_text_field_checks_its_characters(record_type):
    """Every piece of text of every record, or a pattern of letters, digits and punctuation,
    which refuses any other character too (a version, a month)."""
    for name, info in record_type.model_fields.items():
        annotation = (
            typing.Annotated[(info.annotation, *info.metadata)]
            if info.metadata
            else info.annotation
        )
        for checked, patterned in text_leaves(annotation):
            assert checked or patterned, f"{record_type.__name__}.{name}"


# A valid value of each kind of text: the kind must refuse it with a character added.
VALID = {
    "Text": "A paragraph.",
    "Name": "A name",
    "Markdown": "Some *Markdown*.",
    "RecordId": "kids",
    "UkPhone": "0161 283 4836",
    "EmailAddress": "help@kids.org.uk",
    "WebAddress": "https://www.kids.org.uk/send",
    "Postcode": "WC2A 2LL",
    "Time": "09:00",
    "Colour": "#1d4f91",
    "NationalVersion": "2026.12",
}


def test_every_kind_of_text_has_a_valid_value_here():
    kinds = {
        name
        for name, value in vars(records).items()
        if typing.get_origin(value) is typing.Annotated
        and typing.get_args(value)[0] is str
        and not any(isinstance(m, records.Reference) for m in typing.get_args(value)[1:])
    }
    assert kinds == set(VALID)


@pytest.mark.parametrize("kind", list(VALID))
@pytest.mark.parametrize("added", ["\x00", "\x1b[31m", "\x9b", "\u202e", "\u2066", "\ud800"])
def test_every_kind_of_text_refuses_control_and_bidirectional_characters(kind, added):
    adapter = TypeAdapter(getattr(records, kind))
    adapter.validate_python(VALID[kind])
    with pytest.raises(ValidationError):
        adapter.validate_python(VALID[kind][:3] + added + VALID[kind][3:])


_REMOVE = "remove it (a YAML escape in quotes, such as \\e or \\0, writes one)"
_ORDER = "it makes text read in another order than it is written; remove it"
_BLANK = "write the text, or leave the field out"


@pytest.mark.parametrize(
    ("value", "multiline", "problem"),
    [
        ("Line one\nline two\tand a tab", True, None),
        ("Kids\u200d", False, None),  # a joiner beside letters is how some scripts are written
        ("Caf\u00e9 \u2014 \u00a9 2026", False, None),
        ("   ", False, None),  # empty: each kind of text says so in its own words
        (
            "Example\tCouncil",
            False,
            "expected one line of text, found a tab (U+0009, at character 8): remove it",
        ),
        (
            "KI\x00DS",
            True,
            "expected text without control characters, found a null character (U+0000, at "
            f"character 3): {_REMOVE}",
        ),
        (
            "\x1b[31mred",
            True,
            "expected text without control characters, found an escape, which starts a "
            f"terminal's colour and cursor codes (U+001B, at character 1): {_REMOVE}",
        ),
        (
            "a\rb",
            True,
            "expected text without control characters, found a carriage return (U+000D, at "
            f"character 2): {_REMOVE}",
        ),
        (
            "abc\u2069",
            False,
            "expected text without bidirectional controls, found pop directional isolate "
            f"(U+2069, at character 4): {_ORDER}",
        ),
        (
            "\ufeff",
            False,
            f"expected text, found only characters that show nothing (U+FEFF): {_BLANK}",
        ),
        (
            "\u200b \u2060\u3164",
            True,
            "expected text, found only characters that show nothing (U+200B, U+2060, U+3164): "
            + _BLANK,
        ),
    ],
)
def test_the_characters_of_text(value, multiline, problem):
    assert character_problem(value, multiline) == problem


# --- Numbers too long to be numbers ---


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("order: " + "9" * 5000, 8),
        ("order: -" + "9" * 4999, 8),
        ("order: 0x" + "f" * 5000, 8),
        ("order: " + "1" * 30 + ".5", 8),
        ("order: !!int '" + "9" * 5000 + "'", 8),
        ("order: 1" + ":59" * 20, 8),  # YAML 1.1's base 60
        ("phone: 0" + "1" * 5000, 8),  # digits kept as text (yamlsource.BareNumber)
        ("? " + "9" * 5000 + "\n: key", 3),
    ],
    ids=["decimal", "negative", "hexadecimal", "float", "tagged", "base-60", "bare", "key"],
)
def test_a_number_too_long_is_refused_before_python_reads_it(tmp_path, line, column):
    path = tmp_path / "file.yml"
    path.write_text(f"id: x\n{line}\n", encoding="utf-8")
    [problem] = load_yaml_file(path, "file.yml").problems
    assert (problem.line, problem.column) == (2, column)
    assert problem.problem.startswith("expected a number of at most 20 characters, found ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!int abc", "a whole number after !!int, found 'abc'"),
        ("!!int '  99'", "a whole number after !!int, found '  99'"),
        ("!!float ''", "a number after !!float, found ''"),
        ("!!bool maybe", "true or false after !!bool, found 'maybe'"),
        ("!!timestamp soon", "a date after !!timestamp, found 'soon'"),
    ],
)
def test_a_tagged_value_that_does_not_fit_its_tag_is_one_message(tmp_path, value, expected):
    """PyYAML's own code for these tags fails with Python's errors, not YAML's (a traceback)."""
    path = tmp_path / "file.yml"
    path.write_text(f"id: x\norder: {value}\n", encoding="utf-8")
    [problem] = load_yaml_file(path, "file.yml").problems
    assert (problem.line, problem.column) == (2, 8)
    assert problem.problem == (
        f"expected {expected}: content needs no tags, so write the value without "
        + value.split()[0]
    )


def test_numbers_as_long_as_a_phone_number_are_read(tmp_path):
    path = tmp_path / "file.yml"
    path.write_text("a: +441612834836\nb: 01612834836\nc: 12345678901234567890\n", encoding="utf-8")
    loaded = load_yaml_file(path, "file.yml")
    assert loaded.problems == [] and loaded.data["c"] == 12345678901234567890


# --- Changes to targets inside each other ---


_UNDO = "one change would undo the other; make the change in one of them"


@pytest.mark.parametrize(
    ("first", "second", "problem"),
    [
        (
            "f.yml a.b",
            "f.yml a.b",
            "this target is already changed on line 2: keep one change for it",
        ),
        (
            "f.yml a.b",
            "f.yml a.b.c",
            f"this target, f.yml a.b.c, lies inside f.yml a.b, changed on line 2: {_UNDO}",
        ),
        (
            "f.yml a.b.c",
            "f.yml a",
            f"this target, f.yml a, holds f.yml a.b.c, changed on line 2: {_UNDO}",
        ),
        ("f.yml a.b", "f.yml a.bc", None),
        ("f.yml a.b", "g.yml a.b.c", None),
        ("f.yml a.b", "f.yml a.c", None),
    ],
)
def test_a_change_inside_or_around_another_is_named(first, second, problem):
    targets = ChangedTargets()
    targets.add(first, 2)
    assert targets.overlap(second) == problem


def test_many_changes_are_compared_quickly():
    """Each target is looked up by its parts, not compared with every other change."""
    import time

    targets = ChangedTargets()
    started = time.perf_counter()
    for index in range(20_000):
        assert targets.overlap(f"f.yml questions.q{index}.options.o.next") is None
        targets.add(f"f.yml questions.q{index}.options.o.next", index)
    assert time.perf_counter() - started < 2
