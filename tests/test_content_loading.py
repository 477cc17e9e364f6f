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
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, SHIPPED

from macros.content import load_content
from macros.errors import ContentErrors
from macros.placeholders import is_drama_number, is_example_domain
from macros.records import contrast_with_white

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


def test_there_is_a_case_for_every_kind_of_broken_content():
    required = {
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
    }
    assert required - set(CASES) == set()


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


# --- The real content ---


@pytest.fixture
def real_content(monkeypatch):
    monkeypatch.chdir(PROJECT)
    return load_content(CONTENT / SHIPPED)


def test_the_real_content_loads(real_content):
    content = real_content.content
    assert {"kids", "example-sendiass", "together-trust", content.send_team} <= set(
        content.providers
    )
    # National content names the role; the council's roles.yml binds it to its providers.
    assert content.disagreement_resolution.providers.formal == ["kids", "together-trust"]
    assert content.routes["disagreement-resolution"].providers == ["kids", "together-trust"]
    assert len(content.routes) >= 16
    assert content.site.branding.logo == "logo.svg"


@pytest.mark.parametrize(
    "warning",
    [
        "content/councils/example-council/site.yml:7: site: council.name: "
        "placeholder name 'Example Council': replace it with the real one",
        "content/councils/example-council/providers.yml:26: provider 'example-sendiass': name: "
        "placeholder name 'Example Council SENDIASS': replace it with the real one",
        "content/councils/example-council/providers.yml:63: provider 'example-send-team': "
        "phones.1.number: placeholder phone number '0113 496 0000': replace it with the real one",
        "content/councils/example-council/providers.yml:38: provider 'example-sendiass': "
        "phones.1.number: placeholder phone number '0113 496 0111': replace it with the real one",
        "content/councils/example-council/site.yml:8: site: council.local_offer_url: "
        "placeholder address 'https://www.example.org/local-offer': replace it with the real one",
        "content/councils/example-council/providers.yml:66: provider 'example-send-team': "
        "email.address: placeholder address 'send@example.org': replace it with the real one",
        "content/councils/example-council/providers.yml:45: provider 'example-sendiass': "
        "website.url: placeholder address 'https://sendiass.example.org': replace it with the "
        "real one",
        "content/councils/example-council/site.yml:28: contact 'web-team': email.address: "
        "placeholder address 'accessibility@example.org': replace it with the real one",
    ],
)
def test_the_real_content_warns_about_each_placeholder(real_content, warning):
    assert warning in [str(message) for message in real_content.warnings]


def test_real_phone_numbers_are_not_called_placeholders(real_content):
    warned = "\n".join(str(message) for message in real_content.warnings)
    assert "03330 062 835" not in warned
    assert "0161 283 4836" not in warned


# The real build command's handling of content errors is in tests/test_atomic_build.py: one
# build with five of these cases at once.


# --- Pure helpers ---


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#000000", 21.0), ("#ffffff", 1.0), ("#767676", 4.54), ("#1d4f91", 8.14)],
)
def test_contrast_with_white(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(
    ("number", "is_drama"),
    [
        ("0113 496 0000", True),
        ("0113 496 0999", True),
        ("+44 113 496 0123", True),
        ("07700 900123", True),
        ("0161 283 4836", False),
        ("03330 062 835", False),
        ("0113 497 0000", False),
        ("not a number", False),
    ],
)
def test_is_drama_number(number, is_drama):
    assert is_drama_number(number) is is_drama


@pytest.mark.parametrize(
    ("address", "is_example"),
    [
        ("send@example.org", True),
        ("https://www.example.org/send", True),
        ("https://sendiass.example.org", True),
        ("https://EXAMPLE.COM:8080/page", True),
        ("help@council.test", True),
        ("https://www.kids.org.uk", False),
        ("me@example.org.uk", False),
        ("https://notexample.org", False),
    ],
)
def test_is_example_domain(address, is_example):
    assert is_example_domain(address) is is_example


# --- The two YAML readers: libyaml for speed, PyYAML's own parser for error wording ---

TRICKY_YAML = """\
id: example
phone: 01612834836
quoted_phone: "01612834836"
answer: yes
quoted_answer: "yes"
checked: 2026-02-30
reviewed: 2026-02-03
order: 5
items:
  - 0113
  - "0113"
  - plain text
  - no
text: >-
  Folded text
  over two lines.
"""


def _read_with(loader_class, text: str):
    loader = loader_class(text, "test.yml")
    try:
        return loader.get_single_data(), [str(p) for p in loader.problems]
    finally:
        loader.dispose()


def _shape(value):
    """The data with the line numbers and as-written text the loaders attach, for comparing."""
    if isinstance(value, dict):
        items = {key: _shape(item) for key, item in value.items()}
        return ("map", value.line, value.key_lines, value.raw, items)
    if isinstance(value, list):
        return ("list", value.line, value.item_lines, value.raw, [_shape(v) for v in value])
    return (type(value).__name__, value)


YAML_FILES = sorted(
    CONTENT.rglob("*.yml"),
    key=lambda path: str(path),
)


@pytest.mark.parametrize(
    "text",
    [pytest.param(TRICKY_YAML, id="tricky-values")]
    + [
        pytest.param(path.read_text(encoding="utf-8"), id=str(path.relative_to(PROJECT)))
        for path in YAML_FILES
    ],
)
def test_the_libyaml_reader_reads_exactly_what_the_python_reader_reads(text):
    from macros.yamlsource import _FastLineLoader, _LineLoader

    assert _FastLineLoader is not None, "PyYAML was installed without libyaml"
    fast, fast_problems = _read_with(_FastLineLoader, text)
    pure, pure_problems = _read_with(_LineLoader, text)
    assert _shape(fast) == _shape(pure)
    assert fast_problems == pure_problems


def test_the_tricky_values_are_kept_as_written():
    from macros.yamlsource import AmbiguousWord, BareNumber, _FastLineLoader

    data, _ = _read_with(_FastLineLoader, TRICKY_YAML)
    assert type(data["phone"]) is BareNumber and type(data["quoted_phone"]) is str
    assert type(data["answer"]) is AmbiguousWord and type(data["quoted_answer"]) is str
    assert data["checked"] == "2026-02-30" and str(data["reviewed"]) == "2026-02-03"
    assert data.raw["phone"] == "01612834836" and "quoted_phone" not in data.raw
    assert data["items"].raw == ["0113", None, "plain text", "no"]


# --- Files as editors and hostile input leave them ---


def test_editor_lock_and_backup_files_are_ignored(content_copy):
    routes = content_copy / "national" / "routes"
    # Emacs leaves a dangling link as its lock file; others leave backups and swap files.
    (routes / ".#mediation.yml").symlink_to("user@host.1234:1700000000")
    (routes / "mediation.yml~").write_text("not: [valid", encoding="utf-8")
    (routes / "#mediation.yml#").write_text("not: [valid", encoding="utf-8")
    (routes / ".mediation.yml.swp").write_bytes(b"\x00\x01binary")
    assert len(load_content(content_copy / SHIPPED).content.routes) == len(
        list(routes.glob("[a-z]*.yml"))
    )


def test_a_dangling_link_is_one_line(content_copy):
    (content_copy / "national" / "routes" / "gone.yml").symlink_to("nowhere.yml")
    assert reported_messages(content_copy) == [
        "content/national/routes/gone.yml: this is a link to 'nowhere.yml', which does not exist: "
        "remove the link or put the file back"
    ]


def test_a_file_over_1_mb_is_refused_with_its_size(content_copy):
    (content_copy / SHIPPED / "providers.yml").write_text("# " + "x" * (3 * 1024 * 1024) + "\n")
    messages = reported_messages(content_copy)
    assert messages[0] == (
        "content/councils/example-council/providers.yml: the file is 3.0 MB, more than the 1 MB "
        "a content file may be: is it the right file? Split it or shorten it"
    )


def test_a_yaml_bomb_is_refused_quickly(content_copy):
    import time

    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(12)
    ]
    (content_copy / "national" / "route-finder.yml").write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    messages = reported_messages(content_copy)
    assert time.perf_counter() - started < 5
    assert (
        "content/national/route-finder.yml:6: aliases (*name) and merge keys (<<) make this file"
        in (messages[0])
    )


def test_a_route_cannot_take_the_address_of_a_page_the_site_already_has(content_copy):
    from macros.urls import docs_addresses

    text = (content_copy / "national" / "routes" / "sendiass.yml").read_text(encoding="utf-8")
    (content_copy / "national" / "routes" / "compare.yml").write_text(
        text.replace("id: sendiass\n", "id: compare\n"), encoding="utf-8"
    )
    with pytest.raises(ContentErrors) as raised:
        load_content(content_copy / SHIPPED, taken_addresses=docs_addresses(PROJECT / "docs"))
    assert [str(e) for e in raised.value.errors] == [
        "content/national/routes/compare.yml:6: route 'compare': id: its page would be at "
        "routes/compare/, which is already the address of docs/routes/compare.md: choose another "
        "id (and file name)"
    ]


def test_a_content_folder_that_cannot_be_read_is_one_message(content_copy, monkeypatch):
    """As root (CI) every folder can be read, so the refusal is played by os.access."""
    import macros.content

    council = content_copy / SHIPPED
    real_access = os.access
    monkeypatch.setattr(
        macros.content.os,
        "access",
        lambda path, mode: Path(path) != council and real_access(path, mode),
    )
    with pytest.raises(ContentErrors) as raised:
        load_content(council)
    assert [m.problem for m in raised.value.errors] == [
        "this folder cannot be read (permission denied): ask whoever manages this computer to "
        "let you read it"
    ]


def test_content_with_spaces_in_its_path_is_checked_by_make(tmp_path):
    """`make check CONTENT="…"` with spaces in the path (a council's folder on a shared drive)."""
    folder = tmp_path / "shared drive" / "content"
    shutil.copytree(CONTENT, folder)
    result = subprocess.run(
        ["make", "-s", "check", f"CONTENT={folder / SHIPPED}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"The content in {folder / SHIPPED}/ is valid" in result.stdout
