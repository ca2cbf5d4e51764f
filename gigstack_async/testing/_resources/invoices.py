"""Invoices: CFDI 4.0 income (I) and egress (E), stamped on create, addressed by `uuid`."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from .._calls import Call, Handler, Reply
from .._errors import bad_request, not_found
from .._money import totals
from .._sat_rules import check_cancellation, check_invoice
from .._store import PageReply, Record, now
from ._parties import client_summary, require_client, resolve_items

DEFAULT_SERIES = {"I": "A", "E": "E"}
FILE_TYPES = ("pdf", "xml")
_KIND = {"I": "Income invoice", "E": "Egress invoice"}


def next_folio(call: Call, series: str) -> int:
    """The series' counter for the key's mode (live or test), then advanced; a series used for
    the first time starts at 1 and appears in the team's series list."""
    counter = "live" if call.livemode else "test"
    record = call.team.series.setdefault(
        series, {"id": series, "series": series, "live": 1, "test": 1}
    )
    folio = record.get(counter)
    folio = folio if isinstance(folio, int) else 1
    record[counter] = folio + 1
    return folio


def issue_invoice(
    call: Call, body: dict[str, Any], invoice_type: str, client: Record, items: list[Record]
) -> Record:
    """Stamp a CFDI: a new invoice with a UUID (the folio fiscal) and the next folio."""
    check_invoice(call, body, client)  # the SAT rules, before a folio is taken
    series = body.get("series") or DEFAULT_SERIES[invoice_type]
    folio = body.get("folio_number")
    stamped_at = now()
    record: Record = {
        **call.pick(body, "InvoiceIncomeInput", "Invoice"),
        **totals(items),
        "id": f"invoice_{secrets.token_hex(8)}",
        "uuid": str(uuid.uuid4()),
        "invoice_type": invoice_type,
        "status": "stamped",
        "client": client,
        "items": items,
        "currency": body.get("currency") or "MXN",
        "exchange_rate": body.get("exchange_rate") or 1,
        "payment_method": body.get("payment_method") or "PUE",
        "series": series,
        "folio_number": folio if isinstance(folio, int) else next_folio(call, series),
        "payment_complements": 0,
        "created_at": stamped_at,
        "livemode": call.livemode,
        "stamp": {"stamp_at": stamped_at, "sello": secrets.token_urlsafe(24)},
        "cancellation_status": None,
    }
    record["last_balance"] = record["total"] if record["payment_method"] == "PPD" else 0
    return call.team.collection("invoices").add(record)


def _create(invoice_type: str) -> Handler:
    def create(call: Call) -> Reply:
        body = call.fields

        def stamp() -> Record:
            items = resolve_items(call, body["items"])
            client = require_client(call, body.get("client"), body.get("client_id"))
            return issue_invoice(call, body, invoice_type, client_summary(client), items)

        message = f"{_KIND[invoice_type]} stamped successfully"
        return call.create_once(call.team.collection("invoices"), stamp, message)

    return create


def _typed(call: Call, invoice_type: str) -> Record:
    invoice = call.team.collection("invoices").find(call.path["id"])
    if invoice is None or invoice.get("invoice_type") != invoice_type:
        raise not_found(_KIND[invoice_type], call.path["id"])
    return invoice


def _list(invoice_type: str) -> Handler:
    def list_(call: Call) -> PageReply:
        return call.team.collection("invoices").page(
            call.query, lambda invoice: invoice.get("invoice_type") == invoice_type
        )

    return list_


def _get(invoice_type: str) -> Handler:
    def get(call: Call) -> Reply:
        return Reply(_typed(call, invoice_type), "Invoice retrieved successfully")

    return get


def cancel(call: Call) -> Reply:
    invoice = call.team.collection("invoices").get(call.path["id"])
    check_cancellation(call.fields)
    # Cancelling twice answers like the first time, so a retried DELETE is harmless.
    if invoice["status"] != "canceled":
        invoice["status"] = "canceled"
        invoice["cancellation_status"] = "canceled"
    return Reply(invoice, "Invoice canceled successfully")


def files(call: Call) -> Reply:
    invoice = call.team.collection("invoices").get(call.path["id"])
    wanted = call.query.get("file_type")
    if wanted is not None and wanted not in FILE_TYPES:
        raise bad_request(
            "invalid_field_value", f"file_type must be one of {', '.join(FILE_TYPES)}"
        )
    base = f"{call.base_url}/files/{call.team.id}/{invoice['uuid']}"
    urls = {kind: f"{base}.{kind}" for kind in FILE_TYPES if wanted in (None, kind)}
    return Reply(urls, "Invoice files retrieved successfully")


HANDLERS: dict[str, Handler] = {
    "invoices_income_list": _list("I"),
    "invoices_income_get": _get("I"),
    "invoices_income_create": _create("I"),
    "invoices_egress_list": _list("E"),
    "invoices_egress_get": _get("E"),
    "invoices_egress_create": _create("E"),
    "invoices_cancel": cancel,
    "invoices_files": files,
}
