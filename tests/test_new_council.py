"""`make new-council NAME=...` (macros/new_council.py): a new council's folder with every file a
council needs, placeholders the build warns about, every national role bound and the current
national version, so that `make check` passes at once with warnings only and `make site` builds
it. A name that is not a safe folder name, or that exists, is one line and a non-zero exit, and
nothing is written. Each test runs make in its own copy of the project, as an editor would."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from builds import copy_project, note_build
from conftest import PROJECT

from macros import new_council
from macros.content import load_content
from macros.placeholders import is_drama_number, is_example_domain

VENV = Path(sys.prefix)
# make with this test run's Python, and without its installing steps.
MAKE = ["make", "--no-print-directory", f"VENV={VENV}", "-o", f"{VENV}/.site-installed"]
MAKE += ["-o", "node_modules/.installed"]
COUNCIL_FILES = {"site.yml", "providers.yml", "roles.yml", "logo.svg"}


def run_make(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MAKE, *arguments], cwd=project, capture_output=True, text=True, check=False
    )


def small_copy(folder: Path) -> Path:
    """What make new-council and make check read: the Makefile, the code and the content."""
    folder.mkdir(parents=True)
    shutil.copy2(PROJECT / "Makefile", folder / "Makefile")
    for name in ("content", "macros"):
        shutil.copytree(PROJECT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def every_file(project: Path) -> dict[str, str]:
    """Each path in the copy (hidden ones too) and a digest of its bytes ('' for a folder)."""
    return {
        str(path.relative_to(project)): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        )
        for path in sorted(project.rglob("*"))
        if "__pycache__" not in path.parts
    }


def own_warnings(output: str, council: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"WARNING: {council}/")]


@pytest.mark.extra_build
def test_a_new_council_passes_make_check_with_warnings_only_and_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT / "Makefile", project / "Makefile")

    made = run_make(project, "new-council", "NAME=test-shire")
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.startswith("Made content/councils/test-shire/"), made.stdout
    folder = project / "content" / "councils" / "test-shire"
    assert {p.name for p in folder.iterdir()} == COUNCIL_FILES

    checked = run_make(project, "check", "COUNCIL=test-shire")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "content/councils/test-shire/ is valid" in checked.stdout
    warnings = own_warnings(checked.stdout, "content/councils/test-shire")
    # Every value a council must give is a placeholder the build names, and nothing else is:
    # each provider's name, phone, email and website, and five in site.yml.
    roles = yaml.safe_load((folder / "roles.yml").read_text(encoding="utf-8"))["roles"]
    assert len(warnings) == 4 * len(roles) + 5, "\n".join(warnings)
    assert all(w.endswith("replace it with the real one") for w in warnings), warnings
    assert f"with {len(warnings)} placeholders to replace" in made.stdout

    note_build("extra", "make site of a council made by make new-council")
    built = run_make(project, "site", "COUNCIL=test-shire")
    assert built.returncode == 0, built.stdout + built.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Test Shire (Example)" in home
    contacts = project / "site" / "disagreement-resolution" / "who-provides-it" / "index.html"
    assert "The disagreement resolution providers (Example)" in contacts.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def made_council(tmp_path_factory) -> Path:
    project = small_copy(tmp_path_factory.mktemp("new-council") / "project")
    made = run_make(project, "new-council", "NAME=test-shire")
    assert made.returncode == 0, made.stdout + made.stderr
    return project / "content" / "councils" / "test-shire"


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_national_role_is_bound_on_the_current_national_version(made_council):
    national = read_yaml(PROJECT / "content" / "national" / "national.yml")
    roles = read_yaml(made_council / "roles.yml")
    assert roles["national_version"] == national["version"]
    assert set(roles["roles"]) == {role["id"] for role in national["roles"]}
    providers = {p["id"]: p for p in read_yaml(made_council / "providers.yml")["providers"]}
    for role, bound in roles["roles"].items():
        assert bound == [f"local-{role}"]
        assert set(bound) <= set(providers)


def test_every_value_a_council_must_give_is_plainly_a_placeholder(made_council):
    providers = read_yaml(made_council / "providers.yml")["providers"]
    for provider in providers:
        assert "(Example)" in provider["name"]
        assert all(is_drama_number(phone["number"]) for phone in provider["phones"]), provider
        assert is_example_domain(provider["email"]["address"])
        assert is_example_domain(provider["website"]["url"])
    site = read_yaml(made_council / "site.yml")
    assert "(Example)" in site["council"]["name"]
    assert is_example_domain(site["council"]["site_address"])
    assert is_example_domain(site["accessibility_contact"]["email"]["address"])
    # The loader agrees: each provider has its placeholder warnings, and nothing is an error.
    warned = {w.record for w in load_content(made_council).warnings if "placeholder" in w.problem}
    assert {f"provider {p['id']!r}" for p in providers} <= warned


def test_each_council_gets_its_own_phone_numbers(made_council):
    providers = read_yaml(made_council / "providers.yml")["providers"]
    numbers = [phone["number"] for p in providers for phone in p["phones"]]
    assert len(set(numbers)) == len(numbers)


MAKE_SAYS = re.compile(r"make(\[\d+\])?: \*\*\*")


@pytest.mark.parametrize(
    "name",
    ["../x", "Test", "-x", "a b", "x/y", ".x", "tést", "x" * 61, "example-council", ""],
)
def test_a_name_that_is_unsafe_or_taken_is_refused_in_one_line(tmp_path, name):
    project = small_copy(tmp_path / "project")
    before = every_file(project)

    result = run_make(project, "new-council", f"NAME={name}")

    assert result.returncode != 0
    assert result.stdout == ""
    # make adds its own "make: *** ... Error 1" line after the command's one.
    said = [
        line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)
    ]
    assert len(said) == 1 and said[0].startswith("make new-council: "), result.stderr
    assert every_file(project) == before


def test_a_name_is_never_run_as_a_command(tmp_path):
    project = small_copy(tmp_path / "project")
    marker = tmp_path / "ran"
    name = f"x`touch {marker}`$(touch {marker});touch {marker};$(shell touch {marker})'\"$$HOME"
    before = every_file(project)

    result = run_make(project, "new-council", f"NAME={name}")

    assert result.returncode != 0
    assert not marker.exists(), result.stdout + result.stderr
    assert "is not a safe folder name" in result.stderr
    assert every_file(project) == before


def test_files_the_loader_refuses_are_never_left_behind(tmp_path, monkeypatch, capsys):
    project = small_copy(tmp_path / "project")
    before = every_file(project)
    made = new_council.council_files

    def with_a_bad_number(*arguments):
        files = made(*arguments)
        files["providers.yml"] = files["providers.yml"].replace("0113 496 0010", "0113 496", 1)
        return files

    monkeypatch.setattr(new_council, "council_files", with_a_bad_number)
    with pytest.raises(new_council.Refused, match="nothing written"):
        new_council.make_council("test-shire", project=project)
    assert "expected a UK phone number" in capsys.readouterr().err
    assert every_file(project) == before


def test_a_broken_national_layer_is_one_line_and_nothing_is_written(tmp_path):
    project = small_copy(tmp_path / "project")
    (project / "content" / "national" / "national.yml").write_text("version: [", encoding="utf-8")
    before = every_file(project)

    result = run_make(project, "new-council", "NAME=test-shire")

    assert result.returncode != 0
    assert "make new-council: content/national/national.yml has problems" in result.stderr
    assert every_file(project) == before
