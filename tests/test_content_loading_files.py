"""Reading content files: the two YAML readers read the same, and files as editors and hostile
input leave them (lock and backup files, dangling links, huge files, YAML bombs, unreadable
folders, spaces in a path) are each one clear message or ignored. (Each broken file's exact
messages are in tests/test_content_loading.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT, SHIPPED
from test_content_loading import reported_messages

from macros.content import load_content
from macros.errors import ContentErrors

CONTENT = PROJECT / "content"


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
    import macros.content.load

    council = content_copy / SHIPPED
    real_access = os.access
    monkeypatch.setattr(
        macros.content.load.os,
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
