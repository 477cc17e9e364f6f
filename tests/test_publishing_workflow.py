"""The GitHub workflow (.github/workflows/build-councils.yml) tests the code, checks and builds
each council, failing on any error, uploads each council's site, and publishes one council's
site to GitHub Pages on pushes to main, after everything else has passed (README.md,
"Publishing"). Read from the workflow itself: its jobs, what each needs and the commands it runs;
each rule is shown to catch a workflow broken on purpose. tests/test_sites.py checks the
workflow against GitHub's workflow schema."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "build-councils.yml"
CI_RUN = PROJECT / ".ci" / "run"
CHECK = 'make check COUNCIL="$COUNCIL"'
SITE = 'make site COUNCIL="$COUNCIL"'
PAGES_ACTIONS = [
    "actions/configure-pages",
    "actions/download-artifact",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
]


def needs(job: dict) -> set[str]:
    wanted = job.get("needs", [])
    return {wanted} if isinstance(wanted, str) else set(wanted)


def commands(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def actions(job: dict) -> list[str]:
    """Each action a job uses, without its version: 'actions/checkout'."""
    return [step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step]


def ci_problems(jobs: dict, ci_run: str) -> list[str]:
    runs_ci = any(".ci/run" in command for command in commands(jobs.get("test", {})))
    if runs_ci and ci_run.splitlines()[-1:] == ["make test"]:
        return []
    return ["the test job does not run make test (through .ci/run)"]


def build_problems(jobs: dict) -> list[str]:
    build = jobs.get("build", {})
    found = []
    if build.get("strategy", {}).get("fail-fast") is not False:
        found.append("one council's failure cancels the others' builds")
    if commands(build)[-2:] != [CHECK, SITE]:
        found.append("the build job does not run make check, then make site")
    upload = build.get("steps", [{}])[-1]
    if not upload.get("uses", "").startswith("actions/upload-artifact@") or upload.get("with") != {
        "name": "site-${{ matrix.council }}",
        "path": "site/",
        "if-no-files-found": "error",
    }:
        found.append("the build job does not upload the site as site-<council>, last")
    return found


def pages_problems(jobs: dict) -> list[str]:
    pages = jobs.get("pages", {})
    condition = pages.get("if", "")
    found = []
    if needs(pages) != {"test", "build"}:
        found.append("publishing does not wait for the tests and every build")
    for part in ("github.event_name == 'push'", "github.ref == 'refs/heads/main'"):
        if part not in condition:
            found.append(f"publishing does not happen only on pushes to main ({part})")
    if "vars.PAGES_COUNCIL != ''" not in condition:
        found.append("publishing happens without PAGES_COUNCIL")
    if pages.get("permissions") != {"contents": "read", "pages": "write", "id-token": "write"}:
        found.append("publishing has other permissions than Pages needs")
    if pages.get("environment", {}).get("name") != "github-pages":
        found.append("publishing is not to the github-pages environment")
    if actions(pages) != PAGES_ACTIONS:
        return [*found, f"publishing does not use {', '.join(PAGES_ACTIONS)}, in that order"]
    download, upload, deploy = pages["steps"][1:4]
    # The site the build job checked and made, of the council the repository chose.
    if download["with"].get("name") != "site-${{ vars.PAGES_COUNCIL }}":
        found.append("publishing does not take PAGES_COUNCIL's site from the builds")
    if upload["with"].get("path") != download["with"].get("path"):
        found.append("publishing uploads another folder than the one downloaded")
    if pages["environment"].get("url") != "${{ steps.deployment.outputs.page_url }}" or (
        deploy.get("id") != "deployment"
    ):
        found.append("the published address is not shown on the run")
    return found


def error_problems(workflow: dict) -> list[str]:
    """Every command's failure fails its job: nothing continues on error or hides an exit
    code, and only the publishing job may write."""
    found = []
    if workflow.get("permissions") != {"contents": "read"}:
        found.append("the workflow may write by default")
    for name, job in workflow["jobs"].items():
        if "permissions" in job and name != "pages":
            found.append(f"{name} asks for permissions of its own")
        for step in [job, *job.get("steps", [])]:
            run = step.get("run", "")
            if step.get("continue-on-error") or "|| true" in run or "|| :" in run:
                found.append(f"{name} lets an error through")
    return found


def workflow_problems(workflow: dict, ci_run: str) -> list[str]:
    jobs = workflow["jobs"]
    return [
        *ci_problems(jobs, ci_run),
        *build_problems(jobs),
        *pages_problems(jobs),
        *error_problems(workflow),
    ]


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_tests_checks_builds_uploads_and_publishes(workflow):
    assert workflow_problems(workflow, CI_RUN.read_text(encoding="utf-8")) == []


def _set(path: str, value):
    """A change to the workflow: set the value at a dotted path ('jobs.pages.needs')."""

    def change(workflow: dict) -> None:
        *parents, last = path.split(".")
        here = workflow
        for key in parents:
            here = here[int(key)] if isinstance(here, list) else here[key]
        here[int(last) if isinstance(here, list) else last] = value

    return change


BROKEN = {
    "no make test": (_set("jobs.test.steps", []), "does not run make test"),
    "fail-fast": (_set("jobs.build.strategy.fail-fast", True), "cancels the others"),
    "no make check": (_set("jobs.build.steps.3.run", "true"), "make check, then make site"),
    "no upload": (_set("jobs.build.steps.5.with.if-no-files-found", "warn"), "site-<council>"),
    "before the tests": (_set("jobs.pages.needs", ["build"]), "wait for the tests"),
    "on every push": (_set("jobs.pages.if", "vars.PAGES_COUNCIL != ''"), "pushes to main"),
    "always": (_set("jobs.pages.if", "github.event_name == 'push'"), "without PAGES_COUNCIL"),
    "no deploy": (_set("jobs.pages.steps", []), "actions/deploy-pages"),
    "another site": (_set("jobs.pages.steps.1.with.name", "site-x"), "PAGES_COUNCIL's site"),
    "ignores errors": (_set("jobs.build.steps.4.continue-on-error", True), "lets an error"),
    "writes": (_set("permissions", {"contents": "write"}), "may write by default"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_rule_catches_a_workflow_broken_on_purpose(workflow, case):
    change, expected = BROKEN[case]
    broken = copy.deepcopy(workflow)
    change(broken)
    found = workflow_problems(broken, CI_RUN.read_text(encoding="utf-8"))
    assert any(expected in problem for problem in found), found


def test_the_test_job_rule_catches_ci_that_does_not_run_make_test(workflow):
    assert ci_problems(workflow["jobs"], "make test-fast\n") != []
