"""Every file in examples/ passes `mypy --strict` (examples/quickstart.py is also run, by
tests/fake/test_quickstart.py). Where FastAPI is not installed, the webhook example is checked
against the stub in stubs/fastapi, which declares FastAPI's types as FastAPI itself does."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from tests.docs.conftest import ROOT, MypyRun

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
FASTAPI_STUB = Path(__file__).resolve().parent / "stubs"


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    if importlib.util.find_spec("fastapi") is None:
        env["MYPYPATH"] = str(FASTAPI_STUB)
    return env


def test_the_examples_pass_mypy_strict(mypy: MypyRun) -> None:
    assert {path.name for path in EXAMPLES} >= {"quickstart.py", "webhooks_fastapi.py"}
    errors = mypy.errors(EXAMPLES, _environment())
    assert errors == {}, errors


def test_a_type_error_in_an_example_is_reported(mypy: MypyRun, tmp_path: Path) -> None:
    """The check sees the SDK's types: passing a possibly-absent invoice UUID is an error."""
    source = (ROOT / "examples" / "quickstart.py").read_text(encoding="utf-8")
    guard = "        if invoice.uuid is None:"
    assert guard in source
    broken = tmp_path / "quickstart_unguarded.py"
    broken.write_text(source.replace(guard, "        if False:"), encoding="utf-8")
    errors = mypy.errors([broken], _environment())
    [found] = errors.values()
    assert [message for _, message in found if "str | None" in message], found
