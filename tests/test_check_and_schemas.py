"""`make check` (content only, no build), the warnings for stale details, and the editor schemas."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import (
    COUNCIL_FOLDERS,
    PROJECT,
    SHIPPED,
    SHIPPED_COUNCIL,
    loaded_council,
    shipped_content,
)

from macros import check
from macros.content import load_content
from macros.errors import ContentErrors
from macros.schemas import SCHEMA_FOLDER, SCHEMAS, schema_for, schema_text

COUNCILS = sorted(p for p in COUNCIL_FOLDERS.iterdir() if p.is_dir())


@pytest.fixture
def run_check(capsys, monkeypatch):
    """`make check`'s command (python -m macros.check) run in-process, in ``cwd``: its exit
    status and what it printed. (`make check` itself, as a command, is run by
    tests/test_sites.py and tests/test_content_loading_files.py.)"""

    def run(folder: Path | None = None, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
        monkeypatch.delenv("SEND_CONTENT", raising=False)
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = check.main([str(folder)] if folder else [])
        printed = capsys.readouterr()
        return subprocess.CompletedProcess(check.__name__, status, printed.out, printed.err)

    return run


def test_check_passes_the_shipped_content_and_lists_warnings(run_check):
    result = run_check(Path("content/councils/example-council"))
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"The content in content/councils/example-council/ is valid on national version "
        r"\d{4}\.\d\d \(content/national/\): \d+ council file\(s\) checked in [\d.]+ s",
        result.stdout,
    )
    assert "WARNING: content/councils/example-council/site.yml:" in result.stdout


def test_check_without_a_folder_checks_every_council(run_check):
    result = run_check()
    assert result.returncode == 0, result.stderr
    checked = re.findall(r"The content in content/councils/([a-z-]+)/ is valid", result.stdout)
    assert checked == [council.name for council in COUNCILS]


def test_check_without_a_folder_leaves_out_hidden_folders(tmp_path, run_check, monkeypatch):
    """A draft make new-council left behind (a hidden folder, broken) is no council."""
    councils = tmp_path / "councils"
    shutil.copytree(PROJECT / "content/councils/example-council", councils / "example-council")
    (councils / ".test-shire-new-1234").mkdir()
    (councils / ".test-shire-new-1234" / "site.yml").write_text("council: [\n", encoding="utf-8")
    monkeypatch.setattr(check, "COUNCILS", councils)
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "test-shire" not in result.stdout + result.stderr


def test_check_lists_every_error_with_file_and_line(tmp_path, run_check):
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    providers = content / SHIPPED / "providers.yml"
    providers.write_text(providers.read_text().replace("0161 283 4836", "0161 283"))
    site = content / SHIPPED / "site.yml"
    site.write_text(site.read_text().replace('colour: "#1d4f91"', 'colour: "#ffcc00"'))
    result = run_check(Path("content") / SHIPPED, cwd=tmp_path)
    assert result.returncode == 1
    assert "2 problems in the content" in result.stderr
    council = "content/councils/example-council"
    assert f"{council}/providers.yml:" in result.stderr and "found '0161 283'" in result.stderr
    assert f"{council}/site.yml:" in result.stderr and "found '#ffcc00'" in result.stderr
    assert "Traceback" not in result.stderr


def test_details_not_checked_for_12_months_and_a_passed_review_date_are_warned_about(tmp_path):
    # The proposed changes' review date would stop the build by then: move it out of the way.
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    proposals = content / "national" / "proposed-changes.yml"
    proposals.write_text(re.sub(r"review_by: \S+", "review_by: 2030-01-01", proposals.read_text()))
    in_two_years = date(2028, 12, 1)
    warnings = [str(w) for w in load_content(content / SHIPPED, today=in_two_years).warnings]
    stale = [w for w in warnings if "more than 12 months ago" in w]
    assert any("providers.yml:15: provider 'kids': phones.1.last_checked" in w for w in stale)
    assert any("site: review_due: the review date 2027-11-28 has passed" in w for w in warnings)
    today = [str(w) for w in load_content(SHIPPED_COUNCIL, today=date(2026, 12, 1)).warnings]
    assert not [w for w in today if "more than 12 months ago" in w or "has passed" in w]


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_files_are_up_to_date(name):
    assert (SCHEMA_FOLDER / name).read_text(encoding="utf-8") == schema_text(SCHEMAS[name]), (
        f"schemas/{name} is out of date: run make schemas"
    )


@pytest.mark.parametrize("folder", ["national", "councils"])
def test_every_content_file_names_its_schema(folder):
    for path in sorted((PROJECT / "content" / folder).rglob("*.yml")):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        schema = os.path.relpath(SCHEMA_FOLDER / schema_for(path), path.parent)
        assert first_line == f"# yaml-language-server: $schema={schema}", path


def test_the_review_date_of_the_proposed_changes_warns_then_stops_the_build():
    def messages(today: date) -> tuple[list[str], list[str]]:
        try:
            loaded = load_content(SHIPPED_COUNCIL, today=today)
        except ContentErrors as errors:
            return [str(e) for e in errors.errors], []
        return [], [str(w) for w in loaded.warnings]

    review_by = shipped_content().proposed_changes.review_by
    errors, warnings = messages(review_by - timedelta(days=31))
    assert errors == [] and not [w for w in warnings if "review_by" in w]
    errors, warnings = messages(review_by - timedelta(days=10))
    assert errors == []
    assert [w for w in warnings if "review_by" in w] == [
        f"content/national/proposed-changes.yml:14: proposed changes: review_by: the review date "
        f"{review_by} is in 10 day(s): check each proposal against GOV.UK before then, or the "
        "build will stop"
    ]
    errors, _ = messages(review_by + timedelta(days=1))
    assert errors == [
        f"content/national/proposed-changes.yml:14: proposed changes: review_by: the review date "
        f"{review_by} has passed: check each proposal against GOV.UK (has it become law, changed "
        "or been dropped?), update this file, then set a new review_by"
    ]


def test_a_period_written_in_free_text_is_warned_about_with_its_line(
    tmp_path, monkeypatch, run_check
):
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    finder = content / "national" / "route-finder.yml"
    text = finder.read_text()
    old = "      Write to the council before the date in its letter."
    assert text.count(old) == 1
    finder.write_text(text.replace(old, old.replace("Write to", "Within 15 days, write to")))
    monkeypatch.chdir(tmp_path)
    warnings = [
        str(w) for w in load_content(Path("content") / SHIPPED).warnings if "period" in str(w)
    ]
    # The line of the field the text is in (first_step: >- on the line before the text).
    line = text[: text.index(old)].count("\n")
    assert warnings == [
        f"content/national/route-finder.yml:{line}: outcome 'draft-plan': first_step: a period of "
        "time in free text ('15 days'): write each time limit once, in time-limits.yml, and "
        "refer to it by id (deadlines: or time_limits:); here, say 'the deadline' instead"
    ]
    result = run_check(Path("content") / SHIPPED, cwd=tmp_path)
    assert result.returncode == 0
    assert f"content/national/route-finder.yml:{line}: outcome 'draft-plan'" in result.stdout


@pytest.mark.parametrize("folder", COUNCILS, ids=lambda f: f.name)
def test_no_period_of_time_is_written_outside_the_time_limits(folder):
    warnings = [str(w) for w in loaded_council(folder).warnings if "a period of time" in str(w)]
    assert warnings == []
