"""Invoices against Prism: what goes beyond the round trip of every operation
(test_every_operation.py): every list filter, idempotency keys, cursor loops, a DELETE with a
body."""

from __future__ import annotations

import json
import uuid

import pytest

from gigstack_async import Gigstack, GigstackError, Page, capture_response
from gigstack_async.models import CancelInvoiceInput, Invoice, InvoiceFiles
from tests.operations import example_body

from .recording import assert_lossless

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]

SAT_UUID = "12345678-1234-1234-1234-123456789012"


async def test_invoices_income_list_with_every_filter(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.invoices.income.list(
            limit=50,
            order_by="timestamp",
            sort="desc",
            created_gte=1677600000,
            created_lte=1677700000,
            status="valid",
            client_id="client_1234567890",
            series="A",
            payment_method="PUE",
        )
    assert isinstance(page, Page)
    (invoice,) = page.data
    assert isinstance(invoice, Invoice)
    assert invoice.invoice_type == "I" and invoice.total == 1160 and invoice.payment_method == "PUE"
    assert_lossless(page, raw)


@pytest.mark.parametrize("example", ["docs", "full_schema_example", "guide"])
async def test_invoices_income_create_sends_an_idempotency_key(gs: Gigstack, example: str) -> None:
    body = example_body("invoices_income_create", example)
    with capture_response() as raw:
        invoice = await gs.invoices.income.create(body)
    assert isinstance(invoice, Invoice)
    assert invoice.status == "stamped" and invoice.uuid == "invoice_1234567890"
    assert_lossless(invoice, raw)
    assert raw.response is not None
    sent = json.loads(raw.response.request.content)["idempotency_key"]
    if "idempotency_key" in body:
        assert sent == body["idempotency_key"]  # the caller's key is kept
    else:
        assert uuid.UUID(sent).version == 4  # one is minted


async def test_invoices_egress_list_follows_the_cursor_and_stops_on_a_repeat(gs: Gigstack) -> None:
    # The schema-generated page says has_more with cursor "string" on every page.
    page = await gs.invoices.egress.list(limit=5)
    assert page.has_more and page.next == "string"
    assert all(isinstance(item, Invoice) for item in page.data)
    following = await page.next_page()
    assert following is not None and following.cursor == "string"
    assert following.response.request.url.params["next"] == "string"
    with pytest.raises(GigstackError, match="pagination loop"):
        await following.next_page()


async def test_invoices_files_and_cancel(gs: Gigstack) -> None:
    with capture_response() as raw:
        files = await gs.invoices.files(SAT_UUID, file_type="pdf")
    assert isinstance(files, InvoiceFiles)
    assert isinstance(files.pdf, str) and files.pdf.endswith(".pdf")
    assert_lossless(files, raw)
    body = CancelInvoiceInput.from_dict(example_body("invoices_cancel"))
    with capture_response() as raw:
        canceled = await gs.invoices.cancel(SAT_UUID, body)
    assert isinstance(canceled, Invoice)
    assert raw.response is not None and raw.response.request.method == "DELETE"
    assert_lossless(canceled, raw)
