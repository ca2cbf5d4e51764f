"""Every documented success example of the spec, served by Prism on request (`Prefer` header), is
read by the SDK without losing a field."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gigstack_async import Gigstack, capture_response
from gigstack_async._generated.registry import OPERATIONS
from tests import operations

from .conftest import API_KEY
from .recording import as_wire

pytestmark = pytest.mark.contract


def documented_success_examples() -> list[tuple[str, int, str, Any]]:
    """(operation id, status, example name, example value) for every 2xx response example."""
    return [
        (op.id, example.status, example.name, example.value)
        for op in operations.SPEC.operations.values()
        for example in op.response_examples
        if 200 <= example.status < 300
    ]


EXAMPLES = documented_success_examples()


def test_every_operation_with_a_success_example_is_in_the_registry() -> None:
    assert EXAMPLES
    assert {op_id for op_id, *_ in EXAMPLES} <= set(OPERATIONS)


@pytest.mark.parametrize(
    ("op_id", "status", "name", "value"),
    EXAMPLES,
    ids=[f"{op_id}-{status}-{name}" for op_id, status, name, _ in EXAMPLES],
)
@pytest.mark.asyncio
async def test_documented_example_is_read_losslessly(
    prism_url: str,
    http: httpx.AsyncClient,
    op_id: str,
    status: int,
    name: str,
    value: Any,
) -> None:
    prefer = {"Prefer": f"code={status}, example={name}"}
    async with Gigstack(
        api_key=API_KEY, base_url=prism_url, max_retries=0, http_client=http, default_headers=prefer
    ) as gs:
        with capture_response() as raw:
            result = await operations.call(gs, op_id)
    assert raw.response is not None and raw.response.status_code == status
    assert raw.response.json() == value  # Prism served the example asked for
    if operations.returns_none(gs, op_id):  # no documented content: nothing to keep
        assert result is None
    else:
        assert as_wire(result) == value.get("data")
