"""Receipts against Prism: what goes beyond the round trip of every operation
(test_every_operation.py): the `validUntil` spelling, the caller's idempotency key, the optional
stamp body."""

from __future__ import annotations

import json

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import Receipt, StampReceiptInput

from .recording import assert_lossless, wire_data

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]

# No receipt example is attached to the spec: a body built from ReceiptInput's documented fields.
RECEIPT = {
    "client": {"id": "client_1234567890"},
    "currency": "MXN",
    "periodicity": "month",
    "payment_form": "03",
    "items": [
        {
            "description": "Suscripción mensual",
            "quantity": 1,
            "unit_price": 499.0,
            "product_key": "81112100",
            "unit_key": "E48",
            "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa"}],
        }
    ],
    "metadata": {"order_id": "ORD-1"},
}


async def test_receipts_list(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.receipts.list(limit=10, status="pending", client_id="client_1234567890")
    assert isinstance(page, Page)
    (receipt,) = page.data
    assert isinstance(receipt, Receipt)
    assert receipt.id == "receipt_1234567890" and receipt.status == "pending"
    assert receipt.valid_until == 1680243234  # sent as `validUntil`
    assert_lossless(page, raw)


async def test_receipts_create_keeps_the_callers_idempotency_key(gs: Gigstack) -> None:
    body = {**RECEIPT, "idempotency_key": "order-ORD-1"}
    with capture_response() as raw:
        receipt = await gs.receipts.create(body)
    assert isinstance(receipt, Receipt)
    assert_lossless(receipt, raw)
    assert raw.response is not None
    assert json.loads(raw.response.request.content)["idempotency_key"] == "order-ORD-1"


async def test_receipts_stamp_takes_an_optional_body(gs: Gigstack) -> None:
    # The body is optional: once without, once with a typed one.
    with capture_response() as raw:
        stamped = await gs.receipts.stamp("receipt_1234567890")
    assert stamped is not None and stamped.to_dict() == wire_data(raw)
    with capture_response() as raw:
        await gs.receipts.stamp("receipt_1234567890", StampReceiptInput(date=1677651234))
    assert raw.response is not None and json.loads(raw.response.request.content) == {
        "date": 1677651234
    }
