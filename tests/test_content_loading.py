"""Loading content/: every problem is reported exactly, all at once, and never as a traceback.

Each folder in tests/fixtures/broken/ is one way of breaking the real content, beside the exact
messages it must produce:

- changes.yml lists edits to a copy of content/ (the national layer in national/, the shipped
  council in councils/example-council/): ``find`` (which must match exactly once, so a
  case that no longer fits the real content fails loudly) and ``replace``, with an optional
  ``encoding`` to save the file in; or ``write`` (a whole file's text, with an optional
  ``encoding`` too), ``repeat`` (a line
  written ``times`` times, ``{n}`` its number) or ``remove: true``; or ``move_outside: true``
  (the file moved out of content/, a link left in its place) or ``link_to`` (the file replaced by
  a link to an absolute path, or to a path in the copy of content/);
- expected.txt holds every expected message, one per line, in the order they are reported.

Messages name files relative to the working directory, so each test runs in a temporary folder
holding the copy as content/, and every message reads ``content/<layer>/<file>:<line>: ...``.

The real content and the helpers that judge it are in tests/test_content_loading_real.py; files
as editors and hostile input leave them, and the two YAML readers, in
tests/test_content_loading_files.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, SHIPPED

from macros.content import load_content
from macros.errors import ContentErrors

CONTENT = PROJECT / "content"
BROKEN = Path(__file__).parent / "fixtures" / "broken"
CASES = sorted(case.name for case in BROKEN.iterdir() if case.is_dir())


def changes(case: str) -> list[dict]:
    return yaml.safe_load((BROKEN / case / "changes.yml").read_text(encoding="utf-8"))


def expected_messages(case: str) -> list[str]:
    text = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def break_content(content_dir: Path, case: str) -> None:
    """Apply one broken-content case to a copy of content/."""
    for change in changes(case):
        path = content_dir / change["file"]
        if change.get("remove"):
            path.unlink()
        elif "copy" in change:
            path.write_bytes((content_dir / change["copy"]).read_bytes())
        elif change.get("mkdir"):
            path.mkdir(parents=True)
        elif change.get("move_outside"):
            # Replaced by a link to the same file outside content/.
            outside = content_dir.parent / "outside" / path.name
            outside.parent.mkdir(parents=True, exist_ok=True)
            path.rename(outside)
            path.symlink_to(outside)
        elif "link_to" in change:
            # Replaced by a link: to an absolute path ('/dev/zero'), or to a path in the copy of
            # content/ ('councils/example-borough/providers.yml').
            target = Path(change["link_to"])
            path.unlink()
            path.symlink_to(target if target.is_absolute() else content_dir / target)
        elif "repeat" in change:
            # A file of many lines, too long to write out: the line, with {n} its number.
            lines = (change["repeat"].format(n=n) for n in range(change["times"]))
            path.write_text("".join(lines), encoding="utf-8")
        elif "write" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(change["write"].encode(change.get("encoding", "utf-8")))
        else:
            text = path.read_text(encoding="utf-8")
            assert text.count(change["find"]) == 1, (
                f"{case}/changes.yml: the text to find is not in {change['file']} exactly once; "
                "update the case to fit the real content"
            )
            replaced = text.replace(change["find"], change["replace"])
            path.write_bytes(replaced.encode(change.get("encoding", "utf-8")))


def reported_messages(content_dir: Path) -> list[str]:
    """The messages loading the shipped council from a copy of content/ gives."""
    with pytest.raises(ContentErrors) as raised:
        load_content(content_dir / SHIPPED)
    return [str(message) for message in raised.value.errors]


# --- The fixtures themselves ---


# Every kind of broken content there must be a case for.
REQUIRED_CASES = {
    "yaml-syntax-error",
    "duplicate-key",
    "unquoted-yes-no",
    "unknown-key",
    "missing-required-field",
    "wrong-type",
    "unknown-provider-reference",
    "invalid-uk-phone",
    "invalid-email",
    "invalid-url",
    "empty-file",
    "not-utf-8",
    "raw-html-in-text",
    "duplicate-record-id",
    "colour-too-light",
    "impossible-date",
    "unquoted-number-phone",
    "unexpected-extra-file",
    "missing-content-file",
    "missing-logo",
    "outcome-unknown-case",
    "outcome-missing-case",
    "outcome-case-on-route-without-cases",
    "outcome-case-does-not-fit-situation",
    "outcome-time-limit-does-not-fit-situation",
    "unknown-time-limit-id",
    "time-limit-unknown-event",
    "appeal-guide-unknown-references",
    "appeal-guide-links-every-outcome",
    "yaml-alias-bomb",
    "nested-too-deep",
    "logo-with-script",
    "markdown-javascript-link",
    "markdown-reference-data-link",
    "markdown-image",
    "unclosed-tag-in-text",
    "control-character",
    # Files and names as editors write them (issue 17).
    "yml-and-yaml-pair",
    "yaml-extension",
    "folder-named-like-a-file",
    "nul-in-a-comment-beside-another-error",
    "id-with-a-trailing-newline",
    "outcome-route-twice",
    "form-recipient-twice",
    "list-used-as-a-key",
    "logo-outside-the-folder",
    "references-beside-a-broken-file",
    "text-too-long",
    # The deadline page's calculations (issue 16).
    "calculation-first-date-optional",
    "calculation-date-asked-twice",
    "calculation-school-days",
    "calculation-time-limit-from-another-event",
    "calculation-unknown-time-limit",
    "counting-rule-misnamed",
    # What the deadline page says first, and when a last day has passed (issue 23).
    "calculation-first-step-not-its-time-limit",
    "calculation-when-passed-misnamed",
    # National bodies' contacts and a council's notes about them (issue 24).
    "national-body-without-contact",
    "national-body-contact-without-source",
    "invalid-postcode",
    "national-note-unknown-body",
    "national-note-with-contact-details",
    "national-notes-in-the-national-file",
    "change-to-national-body-contact-without-source",
    # Hostile content from someone who can write to one council's folder (issue 25).
    "logo-xml-stylesheet",
    "logo-set-href",
    "logo-animate-href",
    "logo-css-image-set",
    "logo-escaped-url",
    "logo-unclosed-url",
    "logo-xhtml-srcset",
    "logo-meta-refresh",
    "logo-form-action",
    "logo-png-that-is-html",
    "logo-png-that-cannot-be-read",
    "content-file-link-outside-the-folder",
    "content-file-link-to-another-council",
    "content-file-link-to-a-device",
    "national-file-link-outside-the-layer",
    "control-character-escape",
    "c1-control-character",
    "bidi-override-in-text",
    "bidi-isolate-in-text",
    "invisible-only-text",
    "name-over-two-lines",
    "number-too-long",
    "tag-that-does-not-fit",
    "page-budget-too-large",
    "route-order-too-large",
    "period-too-long-months",
    "period-too-long-working-days",
    "change-inside-another-change",
    "change-around-another-change",
    "too-many-plain-values",
    # A time limit's words say what its rule counts (issue 26).
    "time-limit-text-without-its-period",
    # The accessibility statement's known problems and dates (issue 27).
    "accessibility-problem-criterion-not-in-wcag-22-aa",
    "accessibility-problem-check-without-its-finding",
    "accessibility-statement-reviewed-before-prepared",
}


def test_there_is_a_case_for_every_kind_of_broken_content():
    assert REQUIRED_CASES - set(CASES) == set()


@pytest.mark.parametrize("case", CASES)
def test_case_changes_the_content_and_expects_a_message(case, tmp_path):
    """A case that changes nothing, or expects nothing, would pass or fail for the wrong reason."""
    assert expected_messages(case), f"{case}/expected.txt is empty"
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    break_content(copy, case)

    def state(folder: Path) -> dict:
        """Each file's bytes, each folder, and where each link leads."""
        return {
            p.relative_to(folder): (
                ("link", str(p.readlink()))
                if p.is_symlink()
                else ("folder",)
                if p.is_dir()
                else p.read_bytes()
            )
            for p in folder.rglob("*")
        }

    assert state(CONTENT) != state(copy), f"{case} leaves content/ as it is"


# --- One test per rejection ---


@pytest.mark.parametrize("case", CASES)
def test_broken_content_is_rejected_with_exact_messages(case, content_copy):
    break_content(content_copy, case)
    assert reported_messages(content_copy) == expected_messages(case)


def test_problems_in_several_files_are_all_reported_in_one_run(content_copy):
    # Each case breaks a different file; together they break all three and add a stray file.
    # Listed in the order problems are reported: by file name, then line.
    cases = ["unexpected-extra-file", "invalid-uk-phone", "colour-too-light", "duplicate-record-id"]
    touched = [change["file"] for case in cases for change in changes(case)]
    assert len(touched) == len(set(touched)), "the cases must break different files"
    for case in cases:
        break_content(content_copy, case)

    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED)

    expected = [message for case in cases for message in expected_messages(case)]
    assert [str(message) for message in raised.value.errors] == expected
    assert str(raised.value).splitlines() == [
        "4 problems in the content. Nothing was built.",
        *(f"  {message}" for message in expected),
    ]


def test_a_missing_content_folder_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert reported_messages(tmp_path / "content") == [
        "content/councils/example-council: expected a folder of content, found nothing"
    ]


def test_a_missing_national_layer_is_reported(content_copy):
    shutil.rmtree(content_copy / "national")
    (content_copy / "councils" / "elsewhere").mkdir()
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED, national=content_copy / "national")
    assert [str(e) for e in raised.value.errors] == [
        "content/national: expected the national layer (the law, the same for every council), "
        "found nothing"
    ]


# The real build command's handling of content errors is in tests/test_atomic_build.py: one
# build with five of these cases at once.
