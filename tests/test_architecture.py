"""The architecture contract in pyproject.toml ([tool.importlinter]): a module imports only from
layers below its own. `make test` runs lint-imports on the project; these tests prove that the
contract holds and that it fails on an upward import, and on a module placed in no layer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        PROJECT / "macros",
        tmp_path / "macros",
        ignore=shutil.ignore_patterns("__pycache__", "templates"),
    )
    return tmp_path


def test_the_project_keeps_its_layers():
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(project_copy):
    # The records (low) importing the views (high): the kind of import that tangles layers.
    fields = project_copy / "macros" / "records" / "fields.py"
    fields.write_text(fields.read_text() + "\nfrom macros.views import page  # noqa\n")
    result = lint_imports(project_copy)
    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout
    assert "macros.records.fields -> macros.views.page" in result.stdout


def test_a_module_in_no_layer_breaks_the_contract(project_copy):
    (project_copy / "macros" / "newcomer.py").write_text('"""A module nobody placed."""\n')
    result = lint_imports(project_copy)
    assert result.returncode == 1, result.stdout
    assert "macros.newcomer" in result.stdout + result.stderr
