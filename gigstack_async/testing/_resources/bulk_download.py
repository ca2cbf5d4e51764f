"""SAT bulk download (Descarga Masiva), a state machine per team: `needs_activation` until
activated; the FIEL is uploaded once active; a download request needs both, and brings the CFDI
of its date range into the team's SAT invoices.

The fake answers a request at once: it is `completed` when created (the API processes it in the
background), and its CFDI are then listed by `invoices.sat.list`."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, bad_request
from .._store import Record, new_id, now_ms
from .sat_invoices import day, from_invoice, received

MAX_RANGE_DAYS = 31
FIEL_YEARS = 4
RECEIVED_PER_REQUEST = 2  # CFDI the fake's one supplier issued in any requested range


def _needs(message: str) -> FakeAPIError:
    return FakeAPIError(422, "business_rule_violation", message)


def _date(call: Call, name: str) -> date:
    value = call.fields.get(name)
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise bad_request(
            "invalid_field_value", f"{name} must be a date YYYY-MM-DD", [f"body/{name}: {value!r}"]
        ) from None


def _state(call: Call) -> str:
    return "active" if call.team.bulk_download.activated else "needs_activation"


def status(call: Call) -> Reply:
    state = call.team.bulk_download
    data = {
        "status": _state(call),
        "planIncludesFeature": True,
        "isActivated": state.activated,
        "pricing": None,
    }
    return Reply(data, "Activation status retrieved successfully")


def activate(call: Call) -> Reply:
    call.team.bulk_download.activated = True  # activating again changes nothing
    return Reply({"type": "included"}, "Bulk download activated")


def deactivate(call: Call) -> Reply:
    call.team.bulk_download.activated = False
    return Reply({"status": _state(call)}, "Bulk download deactivated")


def upload_fiel(call: Call) -> Reply:
    state = call.team.bulk_download
    if not state.activated:
        raise _needs("Activate bulk download before uploading the FIEL")
    if not call.fields.get("password"):
        raise bad_request(
            "missing_required_field", "The FIEL key's password is required", ["body/password"]
        )
    sync_start = call.fields.get("sync_start_date")
    if sync_start is not None:
        _date(call, "sync_start_date")
    digest = hashlib.sha256(call.files["cert"].data).hexdigest()
    expires = datetime.now(timezone.utc) + timedelta(days=365 * FIEL_YEARS)
    state.fiel = {
        "rfc": call.team.record.get("tax_id") or "EKU9003173C9",
        "serial_number": str(int(digest[:16], 16))[:20].zfill(20),
        "expires_at": int(expires.timestamp() * 1000),
        "expires_at_readable": expires.strftime("%Y-%m-%d"),
        "sync_start_date": sync_start,
        "phone": call.fields.get("phone"),
        "registered": True,
        "registered_at": now_ms(),
    }
    return Reply(state.fiel, "FIEL registered successfully")


def requests(call: Call) -> Reply:
    history = list(reversed(call.team.bulk_download.requests))
    return Reply({"history": history}, "Request history retrieved successfully")


def _bring_in(call: Call, rfc_type: str, start: date, end: date, with_xml: bool) -> list[Record]:
    """The CFDI of the range, added to (or refreshed in) the team's SAT invoices."""
    sat = call.team.collection("sat_invoices")
    first, last = start.isoformat(), end.isoformat()
    if rfc_type == "issued":
        found = [
            from_invoice(call.team, invoice, with_xml)
            for invoice in call.team.collection("invoices").values()
            if first <= day(invoice["created_at"]) <= last
        ]
    else:
        found = [received(call.team, first, with_xml) for _ in range(RECEIVED_PER_REQUEST)]
    for record in found:
        earlier = sat.find(record["uuid"])
        if earlier is not None:
            record["id"] = earlier["id"]
            earlier.update(record)
        else:
            sat.add(record)
    return found


def create_request(call: Call) -> Reply:
    state = call.team.bulk_download
    if not state.activated or state.fiel is None:
        raise _needs("Bulk download needs to be active and the FIEL uploaded first")
    start, end = _date(call, "start_date"), _date(call, "end_date")
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise bad_request(
            "invalid_field_value",
            "The range must run forwards and span at most one month",
            [f"body/end_date: {end.isoformat()} for start_date {start.isoformat()}"],
        )
    rfc_type = call.fields.get("rfc_type") or "received"
    with_xml = call.fields.get("request_type") != "metadata"
    found = _bring_in(call, rfc_type, start, end, with_xml)
    dates = sorted(record["issue_date"] for record in found)
    stamp = now_ms()
    request: Record = {
        "id": new_id("dlreq"),
        "rfcType": rfc_type,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "status": "completed",
        "invoiceCount": len(found),
        "processedCount": len(found),
        "statusMessage": f"{len(found)} CFDI downloaded",
        "source": "api",
        "earliestIssueDate": dates[0] if dates else None,
        "latestIssueDate": dates[-1] if dates else None,
        "createdAt": stamp,
        "completedAt": stamp,
    }
    state.requests.append(request)
    return Reply(request, "Bulk download request created")


HANDLERS: dict[str, Handler] = {
    "invoices_bulk_download_status": status,
    "invoices_bulk_download_activate": activate,
    "invoices_bulk_download_deactivate": deactivate,
    "invoices_bulk_download_upload_fiel": upload_fiel,
    "invoices_bulk_download_requests": requests,
    "invoices_bulk_download_create_request": create_request,
}
