"""Every ```python block of the README passes `mypy --strict`, so a snippet cannot rot: complete
programs as they are, fragments inside an `async def` with the stubs below (see readme_blocks)."""

from __future__ import annotations

import pytest

from tests.docs.conftest import ROOT, MypyRun
from tests.docs.readme_blocks import Block, MissingStub, python_blocks, to_module

README = ROOT / "README.md"
BLOCKS = python_blocks(README.read_text(encoding="utf-8"))
CHECKED = [block for block in BLOCKS if block.skip is None]

# What the fragments take as given: the client, and the values the prose around them speaks of.
STUBS = {
    "gs": "Gigstack",
    "Gigstack": "from gigstack_async import Gigstack",
    "asyncio": "import asyncio",
    "body": "_params.ClientInputParams",
    "order_payment": "_params.RegisterPaymentInputParams",
    "uuid": "str",
    "invoice": "_models.Invoice",
    "fake": "FakeGigstack",
    "order": "object",
    "checkout": "Callable[[Gigstack, object], Awaitable[None]]",
}


@pytest.fixture(scope="module")
def errors_by_block(
    mypy: MypyRun, tmp_path_factory: pytest.TempPathFactory
) -> dict[int, list[str]]:
    """README line of each block -> its errors, each as `README.md:<line>: <message>`."""
    directory = tmp_path_factory.mktemp("readme")
    found: dict[int, list[str]] = {block.line: [] for block in CHECKED}
    modules = {}
    for block in CHECKED:
        try:
            module = to_module(block, STUBS)
        except MissingStub as problem:
            found[block.line].append(str(problem))
            continue
        path = directory / f"readme_line_{block.line}.py"
        path.write_text(module.text, encoding="utf-8")
        modules[path.resolve()] = module
    for path, errors in mypy.errors(list(modules)).items():
        module = modules[path]
        for line, message in errors:
            where = module.readme_lines.get(line, module.block.line)
            found[module.block.line].append(f"README.md:{where}: {message}")
    return found


def test_every_python_block_is_found() -> None:
    fences = README.read_text(encoding="utf-8").splitlines().count("```python")
    assert len(BLOCKS) == fences > 0


@pytest.mark.parametrize("block", CHECKED, ids=lambda block: f"line{block.line}")
def test_readme_block_passes_mypy_strict(
    block: Block, errors_by_block: dict[int, list[str]]
) -> None:
    assert errors_by_block[block.line] == [], "\n".join(errors_by_block[block.line])


def test_every_skipped_block_says_why() -> None:
    unexplained = [b.line for b in BLOCKS if b.skip == "no reason given"]
    assert unexplained == [], f"README lines {unexplained}: say why each block is skipped"
