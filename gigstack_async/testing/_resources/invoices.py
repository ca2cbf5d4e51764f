"""Invoices: CFDI 4.0 income (I) and egress (E), stamped on create, addressed by `uuid`; payment
complements (P), issued when a PPD invoice is paid; e-mail deliveries."""

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

DEFAULT_SERIES = {"I": "A", "E": "E", "P": "P"}
FILE_TYPES = ("pdf", "xml")
_KIND = {"I": "Income invoice", "E": "Egress invoice", "P": "Payment complement"}
PAYMENT_ITEM = {
    "description": "Pago",
    "quantity": 1,
    "unit_price": 0,
    "product_key": "84111506",
    "unit_key": "ACT",
    "taxes": [],
}


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


def issue_complement(call: Call, invoice: Record, amount: float, payment_form: Any) -> Record:
    """Stamp the payment complement (CFDI type P) of a payment towards a PPD invoice: it
    records the amount against the invoice's balance."""
    before = float(invoice.get("last_balance") or 0)
    paid = min(amount, before)
    installment = int(invoice.get("payment_complements") or 0) + 1
    body = {"currency": invoice.get("currency"), "payment_form": payment_form}
    complement = issue_invoice(call, body, "P", dict(invoice["client"]), [dict(PAYMENT_ITEM)])
    complement.update(
        payment_method=None,
        related_invoices=[
            {
                "uuid": invoice["uuid"],
                "installment": installment,
                "previous_balance": before,
                "amount_paid": paid,
                "last_balance": round(before - paid, 2),
            }
        ],
    )
    invoice.update(payment_complements=installment, last_balance=round(before - paid, 2))
    return complement


def _pays(complement: Record, invoice_uuid: str) -> bool:
    related = complement.get("related_invoices") or []
    return any(document.get("uuid") == invoice_uuid for document in related)


def complements_list(call: Call) -> PageReply:
    wanted = call.query.get("invoice_id")
    query = {key: value for key, value in call.query.items() if key != "invoice_id"}
    return call.team.collection("invoices").page(
        query,
        lambda invoice: (
            invoice.get("invoice_type") == "P" and (wanted is None or _pays(invoice, wanted))
        ),
    )


def send_email(call: Call) -> Reply:
    invoice = call.team.collection("invoices").get(call.path["id"])
    recipients = call.fields.get("emails") or [
        email for email in [(invoice.get("client") or {}).get("email")] if email
    ]
    if not recipients:
        raise bad_request(
            "missing_required_field",
            "The invoice's client has no e-mail address: pass emails",
            ["body/emails"],
        )
    delivery = {"recipients": recipients, "attachments": list(FILE_TYPES)}
    return Reply(delivery, "Invoice e-mail sent successfully")


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
    "invoices_payment_list": complements_list,
    "invoices_payment_get": _get("P"),
    "invoices_resend_email": send_email,
}
