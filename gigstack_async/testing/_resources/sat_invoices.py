"""CFDI downloaded from the SAT (received and issued), as bulk download requests bring them in:
listed with filters and `starting_after`, read by UUID, their XML asked for again, and a PDF
rendered (base64 at the top level `pdf`)."""

from __future__ import annotations

import base64
import secrets
import uuid
from datetime import datetime, timezone

from .._calls import Call, FlatReply, Handler, Reply
from .._errors import bad_request, not_allowed
from .._store import DEFAULT_PAGE_SIZE, PageReply, Record, TeamState, new_id

SAT_PAC_RFC = "SAT970701NN3"
# Query parameters compared with a record field of another name (dotted for nested fields).
FILTER_FIELDS = {
    "direction": "direction",
    "status": "status",
    "invoice_type": "invoice_type",
    "issuer_rfc": "issuer.rfc",
    "receiver_rfc": "receiver.rfc",
}


def day(epoch_seconds: int) -> str:
    return datetime.fromtimestamp(epoch_seconds, timezone.utc).strftime("%Y-%m-%d")


def _issuer(team: TeamState) -> Record:
    record = team.record
    return {
        "rfc": record.get("tax_id") or "EKU9003173C9",
        "name": record.get("legal_name") or record.get("name"),
    }


def from_invoice(team: TeamState, invoice: Record, with_xml: bool) -> Record:
    """How the SAT lists a CFDI the team issued through gigstack."""
    client = invoice.get("client") or {}
    return {
        "uuid": invoice["uuid"],
        "id": new_id("satinv"),
        "direction": "issued",
        "invoice_type": invoice.get("invoice_type"),
        "status": "cancelado" if invoice.get("status") == "canceled" else "vigente",
        "has_xml": with_xml,
        "issuer": _issuer(team),
        "receiver": {"rfc": client.get("tax_id"), "name": client.get("legal_name")},
        "subtotal": invoice.get("subtotal"),
        "total": invoice.get("total"),
        "currency": invoice.get("currency"),
        "exchange_rate": invoice.get("exchange_rate"),
        "series": invoice.get("series"),
        "folio": str(invoice.get("folio_number")),
        "issue_date": day(invoice["created_at"]),
        "pac_rfc": SAT_PAC_RFC,
        "version": "4.0",
    }


def received(team: TeamState, issue_date: str, with_xml: bool) -> Record:
    """A CFDI a supplier issued to the team (the fake's only supplier)."""
    return {
        "uuid": str(uuid.uuid4()),
        "id": new_id("satinv"),
        "direction": "received",
        "invoice_type": "I",
        "status": "vigente",
        "has_xml": with_xml,
        "issuer": {"rfc": "PROV010101AB1", "name": "PROVEEDOR DEMO SA DE CV"},
        "receiver": _issuer(team),
        "subtotal": 1000.0,
        "total": 1160.0,
        "currency": "MXN",
        "exchange_rate": 1,
        "series": "F",
        "folio": str(secrets.randbelow(90000) + 10000),
        "issue_date": issue_date,
        "pac_rfc": SAT_PAC_RFC,
        "version": "4.0",
    }


def _field(record: Record, dotted: str) -> object:
    value: object = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _kept(record: Record, query: dict[str, object]) -> bool:
    for name, dotted in FILTER_FIELDS.items():
        wanted = query.get(name)
        if wanted is not None and str(_field(record, dotted) or "").lower() != str(wanted).lower():
            return False
    issued = str(record.get("issue_date") or "")[:10]
    since, until = query.get("from"), query.get("to")
    return (since is None or issued >= str(since)) and (until is None or issued <= str(until))


def list_(call: Call) -> PageReply:
    rows = [
        record
        for record in reversed(call.team.collection("sat_invoices").values())
        if _kept(record, call.query)
    ]
    total = len(rows)
    after = call.query.get("starting_after")
    if after is not None:
        ids = [record["id"] for record in rows]
        if after not in ids:
            raise bad_request(
                "invalid_field_value",
                "starting_after must be the id of a SAT invoice of this list",
                [f"query/starting_after: {after!r}"],
            )
        rows = rows[ids.index(after) + 1 :]
    limit = int(call.query.get("limit", DEFAULT_PAGE_SIZE))
    return PageReply(rows[:limit], len(rows) > limit, None, total)


def get(call: Call) -> Reply:
    record = call.team.collection("sat_invoices").get(call.path["uuid"])
    return Reply(record, "SAT invoice retrieved successfully")


def retry_xml(call: Call) -> Reply:
    record = call.team.collection("sat_invoices").get(call.path["uuid"])
    if record.get("has_xml"):
        raise not_allowed(f"The XML of {record['uuid']} was already downloaded")
    record["has_xml"] = True
    return Reply({"credit_charged": True}, "XML downloaded successfully")


def pdf(call: Call) -> FlatReply:
    record = call.team.collection("sat_invoices").get(call.path["uuid"])
    text = f"%PDF-1.4\n% gigstack fake SAT CFDI {record['uuid']}\n%%EOF\n"
    encoded = base64.b64encode(text.encode()).decode()
    return FlatReply({"success": True, "pdf": encoded}, "PDF generated successfully")


HANDLERS: dict[str, Handler] = {
    "invoices_sat_list": list_,
    "invoices_sat_get": get,
    "invoices_sat_retry_xml": retry_xml,
    "invoices_sat_pdf": pdf,
}
