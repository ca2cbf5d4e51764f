"""Draft invoices (pre-facturas): saved unstamped, completed with updates, previewed as a PDF
marked "Sin Validez Fiscal", and stamped into a real CFDI (the draft then becomes that invoice).

List, get and delete are the generic CRUD handlers of the `drafts` collection."""

from __future__ import annotations

import base64
from typing import Any

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, bad_request
from .._money import totals
from .._store import Record, new_id, now_ms
from ._parties import client_summary, resolve_client, resolve_items
from .invoices import issue_invoice

STAMPABLE_TYPES = ("I", "E")  # income and egress; the fake has no P or T drafts


def _fields(call: Call, body: dict[str, Any], input_schema: str) -> Record:
    """What a create or update stores: the draft's own fields, the client it names and its
    items completed from the services they name, with the totals."""
    fields = call.pick(body, input_schema, "DraftInvoice")
    invoice_type = fields.get("invoice_type")
    if invoice_type is not None and invoice_type not in STAMPABLE_TYPES:
        raise bad_request(
            "invalid_field_value",
            "invoice_type of a draft must be I (income) or E (egress)",
            [f"body/invoice_type: {invoice_type!r}"],
        )
    if "client" in body:
        client = resolve_client(call, body["client"])
        fields["client"] = None if client is None else client_summary(client)
    if "items" in body:
        items = resolve_items(call, body["items"])
        fields.update(items=items, **totals(items))
    return fields


def create(call: Call) -> Reply:
    stamp = now_ms()
    draft: Record = {
        "currency": "MXN",
        **_fields(call, call.fields, "DraftInvoiceInput"),
        "id": new_id("draft"),
        "draft": True,
        "status": "draft",
        "created_at": stamp,
        "updated_at": stamp,
        "livemode": call.livemode,
    }
    return Reply(call.team.collection("drafts").add(draft), "Draft invoice created successfully")


def update(call: Call) -> Reply:
    draft = call.team.collection("drafts").get(call.path["id"])
    draft.update(_fields(call, call.fields, "DraftInvoiceUpdateInput"), updated_at=now_ms())
    return Reply(draft, "Draft invoice updated successfully")


def stamp(call: Call) -> Reply:
    drafts = call.team.collection("drafts")
    draft = drafts.get(call.path["id"])
    missing = [name for name in ("client", "items") if not draft.get(name)]
    if missing:
        raise FakeAPIError(
            422,
            "business_rule_violation",
            "The draft needs a client and at least one item before it can be stamped",
            details=[f"draft/{name}: is missing" for name in missing],
        )
    invoice = issue_invoice(
        call, draft, draft["invoice_type"], dict(draft["client"]), list(draft["items"])
    )
    drafts.remove(draft["id"])  # the draft is now that invoice
    return Reply(invoice, "Draft invoice stamped successfully")


def preview(call: Call) -> Reply:
    draft = call.team.collection("drafts").get(call.path["id"])
    text = f"%PDF-1.4\n% gigstack fake draft {draft['id']} - Sin Validez Fiscal\n%%EOF\n"
    draft["pdf"] = base64.b64encode(text.encode()).decode()
    return Reply({"id": draft["id"], "pdf": draft["pdf"]}, "Draft preview generated successfully")


HANDLERS: dict[str, Handler] = {
    "invoices_draft_create": create,
    "invoices_draft_update": update,
    "invoices_draft_stamp": stamp,
    "invoices_draft_preview": preview,
}
