"""Property-based test: whatever an editor (or a broken disk) does to a content file, the
loader answers with messages that name the file, or loads it; it never fails with a traceback.

Mutations of the real files: a line deleted, duplicated (so keys repeat) or swapped with
another, the file cut short, random bytes put in, a value replaced by another type, by text with
YAML escapes that write control characters, bidirectional controls or only invisible
characters, or by a number of up to 6,000 digits, and a time limit's period made up to a
billion days, weeks, months, working or school days long. Each case checks the changed file on
its own (macros.content.files.check_file, a few milliseconds); every twentieth case loads the whole
folder, references and all, and when it loads, works out every time limit from the first and
last dates the deadline page covers, as the build does (a period too long once passed `make
check` and hung the build). A case that runs for more than 20 seconds fails as a hang. `make
test` runs 2,000 cases (two tests of 1,000, one per half of the files); `make fuzz` runs more
(FUZZ_EXAMPLES, 10,000 by default).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
from datetime import date
from pathlib import Path

import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.content import load_content
from macros.content.files import check_file
from macros.deadlines import lookup_range, work_out
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
    "national/accessibility.yml",
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
    "0x" + "f" * 5000,
    "1" + ":59" * 30,
    "!!int abc",
    "!!float ''",
    "!!bool maybe",
    "!!timestamp soon",
]
# YAML escapes in quoted text, for characters no editor types (issue 25).
ESCAPES = [
    "\\0",
    "\\e[31m",
    "\\x85",
    "\\x9b",
    "\\u202E",
    "\\u2066",
    "\\uFEFF",
    "\\u200B",
    "\\t",
    "\\n",
    "\\r",
    "\\uD800",
    "\\x7f",
]
ESCAPED_TEXT = st.builds(
    lambda before, escape, after: f'"{before}{escape}{after}"',
    st.sampled_from(["", "Kids", " "]),
    st.sampled_from(ESCAPES),
    st.sampled_from(["", "DS", " "]),
)
HUGE_NUMBER = st.builds(
    lambda sign, digits: sign + "9" * digits, st.sampled_from(["", "-"]), st.integers(1, 6000)
)
# A time limit's period, as time-limits.yml writes one, and lengths around each unit's bound.
PERIOD = re.compile(rb"length: \d+, unit: [a-z-]+")
UNITS = ["days", "weeks", "months", "working-days", "school-days", "years"]
PERIOD_LENGTH = st.one_of(
    st.integers(0, 10**9),
    st.sampled_from([36, 37, 156, 157, 585, 586, 780, 781, 1098, 1099, 2_000_000, 99_999_999]),
)


# Two halves of the files, each a test of its own with half the cases, so pytest-xdist can
# run them side by side.
HALVES = {"first-half": FILES[0::2], "second-half": FILES[1::2]}


@st.composite
def mutated(draw, files: list[str]) -> tuple[str, bytes]:
    name = draw(st.sampled_from(files))
    lines = ORIGINALS[name].split(b"\n")
    kind = draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "truncate", "bytes", "value", "indent", "period"]
        )
    )
    index = draw(st.integers(0, len(lines) - 1))
    periods = [i for i, line in enumerate(lines) if PERIOD.search(line)]
    if kind == "period" and not periods:
        kind = "value"
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
        value = draw(st.one_of(st.sampled_from(ODD_VALUES), ESCAPED_TEXT, HUGE_NUMBER))
        lines[index] = key + b": " + value.encode() if colon else lines[index]
    elif kind == "period":
        index = draw(st.sampled_from(periods))
        period = f"length: {draw(PERIOD_LENGTH)}, unit: {draw(st.sampled_from(UNITS))}"
        lines[index] = PERIOD.sub(period.encode(), lines[index], count=1)
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


# A case that takes longer than this has hung: the longest takes well under a second.
HANG_SECONDS = 20


class Hung(Exception):
    pass


def _hung(signum, frame):
    raise Hung(f"a case ran for more than {HANG_SECONDS} seconds")


def work_out_every_time_limit(limits) -> None:
    """Every time limit's last day, from the first and the last day the deadline page works
    out from (as the build's lookup table does), with every event on that day."""
    for start in lookup_range(date.today()):
        for limit in limits:
            # Every event on the same day: no DateProblem (a later event dated before another).
            work_out(limit, {period.counts_from: start for period in limit.rule.periods})


@pytest.mark.parametrize("half", list(HALVES))
def test_any_change_to_a_file_gives_messages_that_name_it_or_loads(content_copy, half):
    calls = {"count": 0}
    previous = signal.signal(signal.SIGALRM, _hung)

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
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
        try:
            for message in check_file(path, f"content/{name}"):
                assert message.file == f"content/{name}", message
                assert str(message).startswith(f"content/{name}"), message
            calls["count"] += 1
            if calls["count"] % 20 == 0:
                council = "example-borough" if "borough" in name else "example-council"
                try:
                    loaded = load_content(content_copy / "councils" / council)
                except ContentErrors as errors:
                    assert errors.errors
                    assert all(e.file.startswith(str(content_copy)) for e in errors.errors)
                else:
                    work_out_every_time_limit(loaded.content.time_limits.values())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            path.write_bytes(ORIGINALS[name])

    try:
        check()
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert calls["count"] == EXAMPLES // len(HALVES)
