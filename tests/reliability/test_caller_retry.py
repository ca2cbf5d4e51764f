"""A caller's own retry of a failed or cancelled create can send the key the first call minted,
so the server still does the work once."""

from __future__ import annotations

import asyncio

import pytest

from gigstack_async import APIConnectionError, Gigstack, capture_response
from gigstack_async.models import Invoice, Payment

from .calls import INVOICE, PAYMENT
from .fault_server import FaultServer, Reset, StallAfterHeaders

pytestmark = pytest.mark.asyncio


class ArrivedThenStall(StallAfterHeaders):
    def __init__(self) -> None:
        super().__init__()
        self.arrived = asyncio.Event()

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        self.arrived.set()
        return await super().__call__(writer, reader)


async def test_a_failed_create_repeated_with_the_error_s_key_is_done_once(
    server: FaultServer, gs: Gigstack
) -> None:
    server.then(Reset())  # done on the server, then the connection dropped: not retried
    with pytest.raises(APIConnectionError) as caught:
        await gs.invoices.income.create(INVOICE)
    key = caught.value.idempotency_key
    assert key is not None and key == server.requests[0].idempotency_key
    invoice = await gs.invoices.income.create({**INVOICE, "idempotency_key": key})
    assert isinstance(invoice, Invoice)
    assert server.idempotency_keys == [key, key]
    assert server.records_created == 1


async def test_a_cancelled_create_leaves_its_key_on_the_captured_response(
    server: FaultServer, gs: Gigstack
) -> None:
    stall = ArrivedThenStall()
    server.then(stall)
    patient = gs.with_options(timeout=30.0)
    with capture_response() as raw:
        task = asyncio.create_task(patient.payments.register(PAYMENT))
        await stall.arrived.wait()  # the server has the request: cancel while it is processed
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert raw.response is None and raw.idempotency_key == server.requests[0].idempotency_key
    payment = await gs.payments.register({**PAYMENT, "idempotency_key": raw.idempotency_key})
    assert isinstance(payment, Payment)
    assert server.records_created == 1 and len(set(server.idempotency_keys)) == 1


async def test_the_captured_response_of_a_success_names_its_key(
    server: FaultServer, gs: Gigstack
) -> None:
    with capture_response() as raw:
        await gs.payments.register(PAYMENT)
    assert raw.response is not None and raw.response.status_code == 200
    assert raw.idempotency_key == server.requests[0].idempotency_key
    with capture_response() as raw:
        await gs.clients.get("client_1")
    assert raw.idempotency_key is None  # a GET sends none


@pytest.mark.parametrize("blank", ["", "  "])
async def test_a_blank_idempotency_key_is_refused_before_the_network(
    server: FaultServer, gs: Gigstack, blank: str
) -> None:
    with pytest.raises(ValueError, match="idempotency_key"):
        await gs.payments.register({**PAYMENT, "idempotency_key": blank})
    assert server.attempts == 0
