"""Payments against Prism: what goes beyond the round trip of every operation
(test_every_operation.py): every list filter and the minted idempotency key."""

from __future__ import annotations

import json

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import Payment

from .recording import assert_lossless

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]

# No payment-request example is attached to the spec: built from RequestPaymentInput's fields.
PAYMENT_REQUEST = {
    "client": {"id": "client_1234567890"},
    "items": [{"id": "service_1234567890", "quantity": 1, "unit_price": 1000}],
    "currency": "MXN",
    "automation_type": "pue_invoice",
    "allowed_payment_methods": ["card", "bank"],
    "send_email": True,
    "emails": ["cliente@empresa.com"],
}


async def test_payments_list_with_every_filter(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.payments.list(
            limit=10,
            status="succeeded",
            client_id="client_1234567890",
            email="juan.perez@ejemplo.com",
            tax_id="PEGJ800101ABC",
            currency="MXN",
        )
    assert isinstance(page, Page)
    (payment,) = page.data
    assert isinstance(payment, Payment)
    assert payment.id == "payment_1234567890" and payment.status == "succeeded"
    assert payment.invoices == ["invoice_1234567890"]
    assert_lossless(page, raw)


async def test_payments_request(gs: Gigstack) -> None:
    with capture_response() as raw:
        payment = await gs.payments.request(PAYMENT_REQUEST)
    assert isinstance(payment, Payment)
    assert_lossless(payment, raw)
    assert raw.response is not None
    assert json.loads(raw.response.request.content)["idempotency_key"]
