"""Property-based test: whatever an editor (or a broken disk) does to a content file, the
loader answers with messages that name the file, or loads it; it never fails with a traceback.

Mutations of the real files: a line deleted, duplicated (so keys repeat) or swapped with
another, the file cut short, random bytes put in, and a value replaced by another type. Each
case checks the changed file on its own (macros.content.check_file, a few milliseconds); every
twentieth case loads the whole folder, references and all. `make test` runs 2,000 cases (two
tests of 1,000, one per half of the files); `make fuzz` runs more (FUZZ_EXAMPLES, 10,000 by
default).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.content import check_file, load_content
from macros.errors import ContentErrors

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
FILES = [
    "councils/example-council/site.yml",
    "councils/example-council/providers.yml",
    "councils/example-council/roles.yml",
    "councils/example-borough/changes.yml",
    "councils/example-borough/route-finder.yml",
    "national/national.yml",
    "national/route-finder.yml",
    "national/time-limits.yml",
    "national/proposed-changes.yml",
    "national/appeal-guide.yml",
    "national/disagreement-resolution.yml",
    "national/routes/tribunal-appeal.yml",
    "national/routes/mediation.yml",
    "national/forms/request-for-mediation-advice.yml",
]
ORIGINALS = {name: (PROJECT / "content" / name).read_bytes() for name in FILES}
# Values of other types, and YAML's surprises, to put where a value was.
ODD_VALUES = [
    "1",
    "012",
    "3.5",
    "yes",
    "~",
    "[]",
    "[1, 2]",
    "{a: 1}",
    "''",
    "2026-02-30",
    "&x a",
    "*nowhere",
    "<<: *x",
    '"\\u0000"',
    "x" * 300,
    "- item",
    "!!python/object:os.system ls",
]


# Two halves of the files, each a test of its own with half the cases, so pytest-xdist can
# run them side by side.
HALVES = {"first-half": FILES[0::2], "second-half": FILES[1::2]}


@st.composite
def mutated(draw, files: list[str]) -> tuple[str, bytes]:
    name = draw(st.sampled_from(files))
    lines = ORIGINALS[name].split(b"\n")
    kind = draw(
        st.sampled_from(["delete", "duplicate", "swap", "truncate", "bytes", "value", "indent"])
    )
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "indent":
        lines[index] = b"  " * draw(st.integers(1, 3)) + lines[index]
    elif kind == "value":
        key, colon, _ = lines[index].partition(b":")
        lines[index] = (
            key + b": " + draw(st.sampled_from(ODD_VALUES)).encode() if colon else (lines[index])
        )
    text = b"\n".join(lines)
    if kind == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == "bytes":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.binary(min_size=1, max_size=8)) + text[at:]
    return name, text


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(PROJECT / "content", folder)
    return folder


@pytest.mark.parametrize("half", list(HALVES))
def test_any_change_to_a_file_gives_messages_that_name_it_or_loads(content_copy, half):
    calls = {"count": 0}

    @settings(
        max_examples=EXAMPLES // len(HALVES),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated(HALVES[half]))
    def check(case):
        name, text = case
        path = content_copy / name
        path.write_bytes(text)
        try:
            for message in check_file(path, f"content/{name}"):
                assert message.file == f"content/{name}", message
                assert str(message).startswith(f"content/{name}"), message
            calls["count"] += 1
            if calls["count"] % 20 == 0:
                council = "example-borough" if "borough" in name else "example-council"
                try:
                    load_content(content_copy / "councils" / council)
                except ContentErrors as errors:
                    assert errors.errors
                    assert all(e.file.startswith(str(content_copy)) for e in errors.errors)
        finally:
            path.write_bytes(ORIGINALS[name])

    check()
    assert calls["count"] == EXAMPLES // len(HALVES)
