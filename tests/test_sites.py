"""`make sites` (macros/sites.py) and the GitHub Actions workflow that builds each council as its
own job. The real builds are timed by benchmarks/sites_bench.py (BENCHMARKS.md); here the
runner is replaced by one that records what it was asked to do."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import COUNCIL_FOLDERS, PROJECT

from macros import sites

WORKFLOW = PROJECT / ".github" / "workflows" / "build-councils.yml"
# Installed beside this Python by make test (requirements-test.txt).
CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    """GitHub's workflow schema (SchemaStore's, shipped inside check-jsonschema: no network)."""
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflow_is_a_valid_github_actions_workflow():
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_check_fails_on_a_broken_workflow(tmp_path):
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    del workflow["jobs"]["build"]["runs-on"]
    workflow["jobs"]["build"]["strategy"]["fail-fast"] = "sometimes"
    broken = tmp_path / "broken.yml"
    broken.write_text(yaml.safe_dump(workflow), encoding="utf-8")
    result = check_workflow(broken)
    assert result.returncode != 0
    assert "runs-on" in result.stdout + result.stderr


def test_the_workflow_builds_each_council_folder_as_its_own_job():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    listing = workflow["jobs"]["councils"]["steps"][1]["run"]
    assert "content/councils" in listing
    build = workflow["jobs"]["build"]
    assert build["strategy"]["matrix"]["council"] == (
        "${{ fromJSON(needs.councils.outputs.councils) }}"
    )
    commands = " ".join(step.get("run", "") for step in build["steps"])
    assert "make check COUNCIL=${{ matrix.council }}" in commands
    assert "make site COUNCIL=${{ matrix.council }}" in commands
    upload = next(s for s in build["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "site-${{ matrix.council }}"


def test_every_council_folder_gets_its_own_site_and_log(tmp_path):
    builds = sites.council_builds(COUNCIL_FOLDERS, tmp_path / "sites")
    assert [b.council for b in builds] == sorted(
        p.name for p in COUNCIL_FOLDERS.iterdir() if p.is_dir()
    )
    for build in builds:
        assert build.content == COUNCIL_FOLDERS / build.council
        assert build.site == tmp_path / "sites" / build.council
        assert build.log == tmp_path / "sites" / f"{build.council}.log"


def _fake_builds(tmp_path: Path, count: int) -> list[sites.CouncilBuild]:
    return [
        sites.CouncilBuild(f"c{n}", tmp_path / f"c{n}", tmp_path / "out" / f"c{n}", tmp_path / "l")
        for n in range(count)
    ]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_builds_run_as_many_at_once_as_there_are_jobs(tmp_path, jobs):
    running, most = 0, 0
    lock = threading.Lock()

    def runner(build):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return 0

    results = sites.build_all(_fake_builds(tmp_path, 6), jobs, runner)
    assert most == jobs
    assert [r.build.council for r in results] == [f"c{n}" for n in range(6)]


def test_one_failed_build_does_not_stop_the_others_and_fails_the_run(tmp_path, monkeypatch, capsys):
    councils = tmp_path / "councils"
    for name in ("alpha", "broken", "gamma"):
        (councils / name).mkdir(parents=True)
    built = []

    def runner(build):
        built.append(build.council)
        return 1 if build.council == "broken" else 0

    monkeypatch.setattr(sites, "run_build", runner)
    code = sites.main(["--councils", str(councils), "--out", str(tmp_path / "out"), "--jobs", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert sorted(built) == ["alpha", "broken", "gamma"]
    assert "alpha: built in" in out and "gamma: built in" in out
    assert "broken: not built, its previous site is unchanged; the problems are in " in err
    assert "2 of 3 councils built" in out
