"""Sales receipts: non-fiscal notes with a self-invoicing URL, later stamped into a CFDI."""

from __future__ import annotations

from typing import Any

from .._calls import Call, Handler, Reply
from .._errors import not_allowed
from .._money import totals
from .._store import Record, new_id, now
from ._parties import client_summary, resolve_client, resolve_items
from .invoices import issue_invoice

DAY = 24 * 60 * 60
# How long a receipt can be self-invoiced, by `periodicity` (unknown values: a month).
VALIDITY_DAYS = {"day": 1, "week": 7, "fortnight": 15, "month": 30, "bimonth": 60}
PUBLIC_TAX_IDS = {
    "general_public_national": "XAXX010101000",
    "general_public_foreign": "XEXX010101000",
}


def create(call: Call) -> Reply:
    body = call.fields

    def make() -> Record:
        items = resolve_items(call, body["items"])
        client = resolve_client(call, body.get("client"))
        created = now()
        periodicity = body.get("periodicity") or "month"
        receipt_id = new_id("receipt")
        record: Record = {
            **call.pick(body, "ReceiptInput", "Receipt"),
            **totals(items),
            "id": receipt_id,
            "status": "pending",
            "client": None if client is None else client_summary(client),
            "items": items,
            "currency": body.get("currency") or "MXN",
            "periodicity": periodicity,
            "invoice_config": body.get("invoice_config"),
            "created": created,
            "created_at": created,
            "validUntil": created + VALIDITY_DAYS.get(periodicity, 30) * DAY,
            "url": f"{call.base_url}/self-invoice/{call.team.id}/{receipt_id}",
            "livemode": call.livemode,
            "team": call.team.id,
        }
        return call.team.collection("receipts").add(record)

    return call.create_once(call.team.collection("receipts"), make, "Receipt created successfully")


def stamp_receipt(call: Call, receipt: Record, body: dict[str, Any]) -> Record:
    """Turn a pending receipt into an income invoice: to the fiscal data in the body, else to the
    receipt's client, else (or when `stamp_to` asks for it) to público en general."""
    if receipt["status"] != "pending":
        raise not_allowed(f"Receipt {receipt['id']} is {receipt['status']}, not pending")
    fiscal = body.get("fiscal_information")
    stamp_to = body.get("stamp_to")
    client: Record = {"id": None, "name": None, "email": None}
    if isinstance(fiscal, dict) and fiscal:
        client.update(
            legal_name=fiscal.get("legal_name"),
            tax_id=fiscal.get("tax_id"),
            tax_system=fiscal.get("tax_system"),  # checked against the RFC when stamping
        )
    elif receipt.get("client") and stamp_to not in PUBLIC_TAX_IDS:
        client = dict(receipt["client"])
    else:
        tax_id = PUBLIC_TAX_IDS.get(str(stamp_to), PUBLIC_TAX_IDS["general_public_national"])
        client.update(legal_name="PUBLICO EN GENERAL", tax_id=tax_id)
    config = receipt.get("invoice_config") or {}
    invoice_body = {
        "currency": receipt.get("currency"),
        "payment_form": receipt.get("payment_form"),
        "metadata": receipt.get("metadata"),
        "series": config.get("serie"),
    }
    invoice = issue_invoice(call, invoice_body, "I", client, list(receipt["items"]))
    receipt.update(
        status="invoiced",
        invoice={"id": invoice["id"], "uuid": invoice["uuid"]},
        invoice_id=invoice["uuid"],
        invoiced_at=now(),
    )
    return invoice


def stamp(call: Call) -> Reply:
    receipt = call.team.collection("receipts").get(call.path["id"])
    invoice = stamp_receipt(call, receipt, call.fields)
    return Reply(invoice, "Receipt stamped successfully")


def cancel(call: Call) -> Reply:
    receipt = call.team.collection("receipts").get(call.path["id"])
    if receipt["status"] == "invoiced":
        raise not_allowed("An invoiced receipt cannot be canceled: cancel its invoice instead")
    receipt["status"] = "canceled"  # a repeated cancel answers the same
    return Reply(receipt, "Receipt canceled successfully")


HANDLERS: dict[str, Handler] = {
    "receipts_create": create,
    "receipts_stamp": stamp,
    "receipts_cancel": cancel,
}
