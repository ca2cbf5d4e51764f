"""`idempotency_key`: the same key returns the first result and never creates a second record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from gigstack_async import Gigstack, capture_response
from gigstack_async.testing import FakeGigstack

from . import bodies

Create = Callable[[Gigstack, str, dict[str, Any]], Awaitable[Any]]


async def _income(gs: Gigstack, client_id: str, extra: dict[str, Any]) -> Any:
    return await gs.invoices.income.create(bodies.invoice(client_id, **extra))


async def _egress(gs: Gigstack, client_id: str, extra: dict[str, Any]) -> Any:
    return await gs.invoices.egress.create(bodies.invoice(client_id, **extra))


async def _request(gs: Gigstack, client_id: str, extra: dict[str, Any]) -> Any:
    return await gs.payments.request(bodies.payment(client_id, **extra))


async def _register(gs: Gigstack, client_id: str, extra: dict[str, Any]) -> Any:
    return await gs.payments.register(bodies.payment(client_id, payment_form="03", **extra))


async def _receipt(gs: Gigstack, client_id: str, extra: dict[str, Any]) -> Any:
    return await gs.receipts.create(bodies.receipt(client={"id": client_id}, **extra))


CREATES: dict[str, Create] = {
    "invoices_income_create": _income,
    "invoices_egress_create": _egress,
    "payments_request": _request,
    "payments_register": _register,
    "receipts_create": _receipt,
}


def _key_of(record: Any) -> str:
    return getattr(record, "uuid", None) or record.id


@pytest.mark.asyncio
@pytest.mark.parametrize("op_id", sorted(CREATES))
async def test_a_repeated_key_returns_the_first_record(
    op_id: str, fake: FakeGigstack, gs: Gigstack
) -> None:
    create = CREATES[op_id]
    client = await gs.clients.create(bodies.client())
    first = await create(gs, client.id, {"idempotency_key": "order-42"})
    with capture_response() as raw:
        again = await create(gs, client.id, {"idempotency_key": "order-42"})
    assert raw.response is not None and raw.response.status_code == 200  # not 201: nothing new
    assert _key_of(again) == _key_of(first) and again.total == first.total
    other = await create(gs, client.id, {"idempotency_key": "order-43"})
    assert _key_of(other) != _key_of(first)
    sent = [r.idempotency_key for r in fake.requests if r.operation_id == op_id]
    assert sent == ["order-42", "order-42", "order-43"]


@pytest.mark.asyncio
async def test_a_retried_create_sends_the_same_minted_key_and_creates_once(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    client = await gs.clients.create(bodies.client())
    fake.fail_next(status=500)  # a POST with a key is retried even after a 500
    payment = await gs.payments.register(bodies.payment(client.id, payment_form="03"))
    attempts = [r for r in fake.requests if r.operation_id == "payments_register"]
    assert [(r.status, r.injected) for r in attempts] == [(500, True), (201, False)]
    minted = attempts[0].idempotency_key
    assert minted and minted == attempts[1].idempotency_key
    assert [p.id for p in (await gs.payments.list()).data] == [payment.id]
