"""The code stays small enough for a newcomer to read: no module over 400 lines and no function
over 60 (CONTRIBUTING.md, "How the code is laid out"). Each test is proven to fail on a module
broken on purpose."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
MOST_LINES_IN_A_MODULE = 400
MOST_LINES_IN_A_FUNCTION = 60
CODE = sorted(
    path
    for folder in ("macros", "tests", "benchmarks")
    for path in (PROJECT / folder).rglob("*.py")
    if "fixtures" not in path.parts
)


def too_long_module(source: str) -> int | None:
    lines = source.count("\n")
    return lines if lines > MOST_LINES_IN_A_MODULE else None


def too_long_functions(source: str) -> list[tuple[str, int, int]]:
    """(name, first line, length) of each function longer than the most allowed."""
    return [
        (node.name, node.lineno, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MOST_LINES_IN_A_FUNCTION
    ]


def test_there_is_code_to_measure():
    assert len(CODE) > 50
    assert PROJECT / "macros" / "build.py" in CODE


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(PROJECT)))
def test_no_module_or_function_is_too_long(path):
    source = path.read_text(encoding="utf-8")
    assert too_long_module(source) is None, f"{too_long_module(source)} lines"
    assert too_long_functions(source) == []


def test_the_measures_fail_on_code_too_long():
    body = "\n".join(f"    x = {n}" for n in range(MOST_LINES_IN_A_FUNCTION))
    source = f"def short():\n    pass\n\n\ndef long():\n{body}\n"
    assert too_long_functions(source) == [("long", 5, MOST_LINES_IN_A_FUNCTION + 1)]
    assert too_long_module(source) is None
    assert too_long_module("x = 1\n" * (MOST_LINES_IN_A_MODULE + 1)) == 401
