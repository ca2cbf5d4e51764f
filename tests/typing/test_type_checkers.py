"""What users' type checkers see: dict bodies are checked against the spec (a misspelt key, a
wrong value type and a missing required key are errors) and results are `X | None`, narrowed by an
`is not None` check. Each case file runs through mypy --strict and pyright; a line marked
`# error` must be reported, and no other line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((Path(__file__).parent / "cases").glob("*.py"))
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"


def expected_lines(case: Path) -> set[int]:
    lines = case.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if line.rstrip().endswith("# error")}


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[int]]:
    cache = tmp_path_factory.mktemp("mypy-cache")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "--no-pretty",
         *map(str, CASES)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    found: dict[str, set[int]] = {}
    for match in re.finditer(r"^(.+?\.py):(\d+): error:", out.stdout, re.M):
        found.setdefault(Path(match[1]).name, set()).add(int(match[2]))
    assert out.returncode in (0, 1), out.stdout + out.stderr
    return found


@pytest.fixture(scope="module")
def pyright_errors() -> dict[str, set[int]]:
    assert PYRIGHT.exists(), "pyright is installed by `npm ci` (make setup)"
    out = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", sys.executable, *map(str, CASES)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    report = json.loads(out.stdout)
    found: dict[str, set[int]] = {}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            line = diagnostic["range"]["start"]["line"] + 1
            found.setdefault(Path(diagnostic["file"]).name, set()).add(line)
    return found


def _where(case: Path, errors: dict[str, set[int]]) -> set[int]:
    return errors.get(case.name, set())


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.stem)
def test_mypy_strict_reports_exactly_the_marked_lines(
    case: Path, mypy_errors: dict[str, set[int]]
) -> None:
    marked = expected_lines(case)
    assert case.stem.startswith("fail_") == bool(marked)
    assert _where(case, mypy_errors) == marked, (case.name, mypy_errors)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.stem)
def test_pyright_reports_exactly_the_marked_lines(
    case: Path, pyright_errors: dict[str, set[int]]
) -> None:
    assert _where(case, pyright_errors) == expected_lines(case), (case.name, pyright_errors)
