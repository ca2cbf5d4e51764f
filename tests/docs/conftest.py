from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ERROR = re.compile(r"^(?P<file>.+?\.py):(?P<line>\d+): error: (?P<message>.*)$", re.M)


class MypyRun:
    """`mypy --strict` over some files, from the repository root, with one cache for the session
    (the SDK's own modules are analysed once)."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache

    def errors(
        self, files: Sequence[Path], env: Mapping[str, str] | None = None
    ) -> dict[Path, list[tuple[int, str]]]:
        out = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-pretty", "--no-error-summary",
             "--cache-dir", str(self.cache), *map(str, files)],
            capture_output=True, text=True, cwd=ROOT, env=env, check=False,
        )  # fmt: skip
        assert out.returncode in (0, 1), out.stdout + out.stderr
        found: dict[Path, list[tuple[int, str]]] = {}
        for match in ERROR.finditer(out.stdout):
            path = Path(match["file"])
            path = path if path.is_absolute() else ROOT / path
            found.setdefault(path.resolve(), []).append((int(match["line"]), match["message"]))
        assert out.returncode == 0 or found, out.stdout + out.stderr
        return found


@pytest.fixture(scope="session")
def mypy(tmp_path_factory: pytest.TempPathFactory) -> MypyRun:
    return MypyRun(tmp_path_factory.mktemp("mypy-cache"))
