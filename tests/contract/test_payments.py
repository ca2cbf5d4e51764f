"""Payments operations through the public API against Prism."""

from __future__ import annotations

import json

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import MarkPaymentAsPaidInput, Payment, RegisterPaymentInput

from .recording import assert_lossless
from .spec_examples import request_example

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


async def test_payments_get_and_cancel(gs: Gigstack) -> None:
    for call in (gs.payments.get, gs.payments.cancel):
        with capture_response() as raw:
            payment = await call("payment_1234567890")
        assert isinstance(payment, Payment)
        assert_lossless(payment, raw)


async def test_payments_request(gs: Gigstack) -> None:
    with capture_response() as raw:
        payment = await gs.payments.request(PAYMENT_REQUEST)
    assert isinstance(payment, Payment)
    assert_lossless(payment, raw)
    assert raw.response is not None
    assert json.loads(raw.response.request.content)["idempotency_key"]


@pytest.mark.parametrize(
    "example", ["register_page", "payments_guide", "register_payment_input_schema"]
)
async def test_payments_register(spec, gs: Gigstack, example: str) -> None:
    body = RegisterPaymentInput.from_dict(request_example(spec, "payments_register", example))
    with capture_response() as raw:
        payment = await gs.payments.register(body)
    assert isinstance(payment, Payment)
    assert payment.id == "payment_1234567890" and payment.total == 1160
    assert_lossless(payment, raw)


async def test_payments_mark_paid_and_refund(spec, gs: Gigstack) -> None:
    with capture_response() as raw:
        paid = await gs.payments.mark_paid(
            "payment_1234567890", MarkPaymentAsPaidInput(payment_form="03")
        )
    assert isinstance(paid, Payment)
    assert_lossless(paid, raw)
    with capture_response() as raw:
        refunded = await gs.payments.refund(
            "payment_1234567890", request_example(spec, "payments_refund")
        )
    assert isinstance(refunded, Payment)
    assert_lossless(refunded, raw)
