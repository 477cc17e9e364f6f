"""`make sites` (macros/sites.py), the GitHub Actions workflow that builds each council as its
own job, and the Makefile's and the workflow's way of passing a folder's name on. The real
builds are timed by benchmarks/sites_bench.py (BENCHMARKS.md); here the builds are replaced by
stand-ins: processes that record what they were asked to do, or `make site`'s own build with a
stand-in generator."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import COUNCIL_FOLDERS, PROJECT
from test_build_faults import WRITES_A_SITE, process_gone, stand_in, wait_for

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
    commands = {step.get("run", ""): step.get("env", {}) for step in build["steps"]}
    for command in ('make check COUNCIL="$COUNCIL"', 'make site COUNCIL="$COUNCIL"'):
        assert commands[command] == {"COUNCIL": "${{ matrix.council }}"}
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


def test_no_command_is_written_from_a_value_in_the_workflow():
    """${{ }} in a run: is pasted into the shell script before it runs: a council folder named
    `x$(curl ...)` would run its command in CI. Values reach run: through env: instead."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (name, step["run"])


def test_a_folder_name_reaches_the_build_as_a_name_never_as_a_command(tmp_path):
    """make check, make site: a CONTENT or COUNCIL holding backticks, $(...), make's own
    $(shell ...), quotes or ; is a folder that is not found, and nothing in it runs."""
    marker = tmp_path / "ran"
    payload = f"x`touch {marker}`$(touch {marker});touch {marker};$(shell touch {marker})'\"$$HOME"
    venv = Path(sys.prefix)
    # Neither installing step runs (their commands hold "touch" too): only the build's command.
    make = ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.site-installed"]
    make += ["-o", "node_modules/.installed"]
    for target, variable, shown in [
        ("check", "CONTENT", payload),
        ("check", "COUNCIL", f"content/councils/{payload}"),
    ]:
        result = subprocess.run(
            [*make, target, f"{variable}={payload}"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert not marker.exists(), (target, variable, result.stdout + result.stderr)
        assert result.returncode != 0
        assert f"{shown}: expected a folder of content, found nothing" in result.stderr
    # make site's build reads the folder from the environment: make itself must not run it.
    for variable in ("CONTENT", "COUNCIL"):
        dry_run = [*make, "--dry-run", "site", f"{variable}={payload}"]
        result = subprocess.run(dry_run, cwd=PROJECT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert not marker.exists(), (variable, result.stdout + result.stderr)
        assert "touch" not in result.stdout, result.stdout  # not written into the command


class _StandInProcess:
    """A build that ends, with ``code``, the third time it is looked at."""

    def __init__(self, code: int, ended: list):
        self.code, self.looks, self.ended = code, 0, ended

    def poll(self):
        self.looks += 1
        if self.looks < 3:
            return None
        self.ended.append(self)
        return self.code

    def send_signal(self, signum):
        raise AssertionError("no signal was sent")


def _fake_builds(tmp_path: Path, count: int) -> list[sites.CouncilBuild]:
    return [
        sites.CouncilBuild(f"c{n}", tmp_path / f"c{n}", tmp_path / "out" / f"c{n}", tmp_path / "l")
        for n in range(count)
    ]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_builds_run_as_many_at_once_as_there_are_jobs(tmp_path, jobs):
    started, ended, most = [], [], 0

    def start(build):
        nonlocal most
        started.append(build.council)
        most = max(most, len(started) - len(ended))
        return _StandInProcess(0, ended)

    run = sites.build_all(_fake_builds(tmp_path, 6), jobs, start, poll_seconds=0)
    assert most == jobs
    assert run.stopped_by is None
    assert [r.build.council for r in run.results] == [f"c{n}" for n in range(6)]


def test_one_failed_build_does_not_stop_the_others_and_fails_the_run(tmp_path, monkeypatch, capsys):
    councils = tmp_path / "councils"
    for name in ("alpha", "broken", "gamma"):
        (councils / name).mkdir(parents=True)
    built, ended = [], []

    def start(build):
        built.append(build.council)
        return _StandInProcess(1 if build.council == "broken" else 0, ended)

    monkeypatch.setattr(sites, "start_build", start)
    monkeypatch.setattr(sites, "POLL_SECONDS", 0)
    code = sites.main(["--councils", str(councils), "--out", str(tmp_path / "out"), "--jobs", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert sorted(built) == ["alpha", "broken", "gamma"]
    assert "alpha: built in" in out and "gamma: built in" in out
    assert "broken: not built, its previous site is unchanged; the problems are in " in err
    assert "2 of 3 councils built" in out


# One council's build as `make sites` runs it, with a stand-in generator: argv is the council's
# site folder, then the stand-in's command.
_BUILD_WITH_STAND_IN = (
    "import sys; from pathlib import Path; from macros.build import build_site; "
    "site = Path(sys.argv[1]); "
    "sys.exit(build_site(Path('mkdocs.yml'), site, [*sys.argv[2:], str(site)]))"
)
_STARTS_AND_WAITS = '(out / "started").write_text(str(os.getpid()))\ntime.sleep(60)\n'


def _sites_in_a_process(councils: Path, out: Path, generator: list[str]) -> subprocess.Popen:
    """`make sites` (two builds at a time) whose builds run a stand-in generator, in its own
    process group as a terminal runs it."""
    script = textwrap.dedent(
        f"""
        import sys
        from macros import sites
        sites.build_command = lambda build: [
            sys.executable, "-c", {_BUILD_WITH_STAND_IN!r}, str(build.site), *{generator!r}
        ]
        sys.exit(sites.main(["--councils", {str(councils)!r}, "--out", {str(out)!r},
                             "--jobs", "2"]))
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


@pytest.fixture
def three_councils(tmp_path) -> tuple[Path, Path]:
    """Three council folders, each with a published site in out/."""
    councils, out = tmp_path / "councils", tmp_path / "out"
    for name in ("c0", "c1", "c2"):
        (councils / name).mkdir(parents=True)
        (out / name).mkdir(parents=True)
        (out / name / "index.html").write_text("old")
    return councils, out


@pytest.mark.parametrize(
    ("how", "signum"), [("ctrl-c", signal.SIGINT), ("sigterm", signal.SIGTERM)]
)
def test_a_stopped_run_stops_its_builds_publishes_nothing_and_says_so_in_one_line(
    three_councils, how, signum
):
    councils, out = three_councils
    process = _sites_in_a_process(councils, out, stand_in(_STARTS_AND_WAITS))
    started = wait_for(
        lambda: (found := list(out.glob(".c*-build-*/started"))) and len(found) == 2 and found,
        "the first two builds never started",
    )
    generators = [int(path.read_text()) for path in started]
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # the terminal's whole foreground group
    else:
        process.send_signal(signal.SIGTERM)  # make passes SIGTERM on to `make sites` alone
    output, _ = process.communicate(timeout=30)

    assert process.returncode == 128 + signum, output
    assert output.strip() == (
        f"Stopped by {signal.Signals(signum).name}: 0 of 3 councils built before it; every "
        "other council's site is unchanged."
    )
    for pid in generators:
        wait_for(lambda pid=pid: process_gone(pid), f"generator {pid} still running", 10)
    for name in ("c0", "c1", "c2"):
        assert (out / name / "index.html").read_text() == "old"
    assert sorted(p.name for p in out.iterdir()) == ["c0", "c0.log", "c1", "c1.log", "c2"]
    for log in ("c0.log", "c1.log"):
        assert "The build was stopped." in (out / log).read_text()


def test_a_run_that_is_not_stopped_publishes_every_council(three_councils):
    """The same stand-ins, left to finish: each council's new site is in place."""
    councils, out = three_councils
    process = _sites_in_a_process(councils, out, stand_in(WRITES_A_SITE))
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert output.splitlines()[-1].startswith("3 of 3 councils built in")
    for name in ("c0", "c1", "c2"):
        assert (out / name / "index.html").read_text() == "new"
