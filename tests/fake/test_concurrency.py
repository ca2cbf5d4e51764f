"""Concurrent calls through one client: nothing lost, nothing duplicated."""

from __future__ import annotations

import asyncio

import pytest

from gigstack_async import Gigstack

from . import bodies


@pytest.mark.asyncio
async def test_fifty_concurrent_creates_all_land_once(gs: Gigstack) -> None:
    created = await asyncio.gather(
        *(gs.clients.create(bodies.client(legal_name=f"Cliente {n}")) for n in range(50))
    )
    ids = {client.id for client in created}
    assert len(ids) == 50
    listed = [client.id async for client in gs.clients.list(limit=100)]
    assert sorted(listed) == sorted(ids)
    assert {client.legal_name for client in created} == {f"Cliente {n}" for n in range(50)}


@pytest.mark.asyncio
async def test_fifty_concurrent_invoices_get_fifty_distinct_folios(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    invoices = await asyncio.gather(
        *(gs.invoices.income.create(bodies.invoice(client.id)) for _ in range(50))
    )
    assert sorted(invoice.folio_number for invoice in invoices) == list(range(1, 51))
    assert len({invoice.uuid for invoice in invoices}) == 50


@pytest.mark.asyncio
async def test_fifty_concurrent_repeats_of_one_key_make_one_payment(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    body = bodies.payment(client.id, payment_form="03", idempotency_key="checkout-7")
    payments = await asyncio.gather(*(gs.payments.register(body) for _ in range(50)))
    assert len({payment.id for payment in payments}) == 1
    assert (await gs.payments.list()).total_results == 1
