"""The README check itself: blocks are found with their skip marks, fragments are wrapped, a name
nobody declared is refused, and an error is reported at its README line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docs.conftest import MypyRun
from tests.docs.readme_blocks import MissingStub, python_blocks, to_module

MARKDOWN = """# Title

```python
await gs.clients.get(1)
```

<!-- readme-check: skip shows the shape of a response, not code -->
```python
{"data": ...}
```

```bash
echo not python
```

```python
import asyncio

async def main() -> None:
    await asyncio.sleep(0)
```
"""


def test_blocks_are_found_with_their_first_code_line_and_skip_reason() -> None:
    blocks = python_blocks(MARKDOWN)
    assert [(b.line, b.skip) for b in blocks] == [
        (4, None),
        (9, "shows the shape of a response, not code"),
        (17, None),
    ]
    assert blocks[0].source == "await gs.clients.get(1)\n"


def test_an_unclosed_block_is_an_error() -> None:
    with pytest.raises(ValueError, match="line 1"):
        python_blocks("```python\nx = 1\n")


def test_a_fragment_is_wrapped_and_a_program_is_not() -> None:
    fragment, _, program = python_blocks(MARKDOWN)
    wrapped = to_module(fragment, {"gs": "Gigstack"}).text
    assert "async def readme_block(gs: Gigstack) -> None:\n    await gs.clients.get(1)\n" in wrapped
    assert "readme_block" not in to_module(program, {}).text


def test_a_name_without_a_stub_is_refused() -> None:
    [block] = python_blocks("```python\nprint(order.total)\n```\n")
    with pytest.raises(MissingStub, match="README line 2: the block uses order"):
        to_module(block, {})


def test_an_error_is_reported_at_its_readme_line(mypy: MypyRun, tmp_path: Path) -> None:
    fragment = python_blocks(MARKDOWN)[0]  # `get` takes a str id, not 1
    module = to_module(fragment, {"gs": "Gigstack"})
    path = tmp_path / "fragment.py"
    path.write_text(module.text, encoding="utf-8")
    [(line, message)] = mypy.errors([path])[path.resolve()]
    assert module.readme_lines[line] == 4
    assert '"get" of "ClientsResource" has incompatible type "int"' in message
