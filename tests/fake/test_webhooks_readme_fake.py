"""The README's test of a webhook handler with the fake, run as written against the README's
Starlette receiver (as the module `myapp` it imports)."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDER_SECRET = "whsec_replaced_by_the_test"


def load(
    monkeypatch: pytest.MonkeyPatch, receiver_edit: tuple[str, str] | None = None
) -> tuple[types.ModuleType, Callable[[pytest.MonkeyPatch], Awaitable[None]]]:
    """The README receiver as `myapp` (optionally with one edit) and the README's test of it."""
    section = README.read_text(encoding="utf-8").split("## Receiving webhooks\n", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section.split("\n## ", 1)[0], flags=re.DOTALL)
    receiver = next(block for block in blocks if "Starlette(" in block)
    if receiver_edit is not None:
        assert receiver_edit[0] in receiver
        receiver = receiver.replace(*receiver_edit)
    handler_test = next(block for block in blocks if "FakeGigstack()" in block)
    monkeypatch.setenv("GIGSTACK_WEBHOOK_SECRET", PLACEHOLDER_SECRET)
    myapp = types.ModuleType("myapp")
    exec(compile(receiver, "README receiver", "exec"), myapp.__dict__)
    monkeypatch.setitem(sys.modules, "myapp", myapp)
    namespace: dict[str, Any] = {}
    exec(compile(handler_test, "README handler test", "exec"), namespace)
    return myapp, namespace["test_a_registered_payment_marks_the_order_paid"]


@pytest.mark.asyncio
async def test_the_readme_handler_test_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    myapp, readme_test = load(monkeypatch)
    await readme_test(monkeypatch)
    assert myapp.SECRET.startswith("whsec_") and myapp.SECRET != PLACEHOLDER_SECRET


@pytest.mark.asyncio
async def test_the_readme_handler_test_fails_when_the_handler_does_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, readme_test = load(monkeypatch, ("await mark_order_paid(event.data)", "pass"))
    with pytest.raises(AssertionError):
        await readme_test(monkeypatch)
