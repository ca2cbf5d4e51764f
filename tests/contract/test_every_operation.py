"""Every operation of the registry, with each documented request example (or, when it documents
none, the smallest body its schema accepts), through the public API against Prism: the request is
one Prism accepts, and the answer is read into the model of its schema without losing a field.
A new operation is covered here with no edit."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response, models
from gigstack_async._generated.registry import OPERATIONS
from tests import operations

from .recording import as_wire, wire_data

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]


def _cases() -> list[tuple[str, str | None]]:
    """(operation id, request example name) for every example; None: the default body."""
    cases: list[tuple[str, str | None]] = []
    for op_id in sorted(OPERATIONS):
        names = list(operations.operation(op_id).request_examples)
        cases += [(op_id, name) for name in names] or [(op_id, None)]
    return cases


CASES = _cases()


@pytest.mark.parametrize(
    ("op_id", "example"), CASES, ids=[f"{op_id}-{name or 'default'}" for op_id, name in CASES]
)
async def test_operation_round_trips_through_the_public_api(
    gs: Gigstack, op_id: str, example: str | None
) -> None:
    body = operations.example_body(op_id, example)
    with capture_response() as raw:
        result = await operations.call(gs, op_id, body=body)
    assert raw.response is not None and raw.response.is_success, raw.response
    request = raw.response.request
    assert request.method == OPERATIONS[op_id].method
    assert operations.path_parameters(op_id) == [] or all(
        value in request.url.path for value in operations.example_ids(op_id)
    )
    if operations.returns_none(gs, op_id):  # no documented content: nothing to keep
        assert result is None
    else:
        assert as_wire(result) == wire_data(raw)
    record = operations.SPEC.record_schema(op_id)
    if record is not None:  # read into the model of its schema, one by one in a page
        items = list(result) if isinstance(result, (Page, list)) else [result]
        assert all(isinstance(item, getattr(models, record)) for item in items), record
