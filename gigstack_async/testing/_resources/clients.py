"""Clients (receivers of the team's CFDI): CRUD, the `search` upsert, SAT validation, the customer
portal and stamping a client's pending receipts."""

from __future__ import annotations

import re
import secrets
import time
from datetime import datetime, timezone

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, bad_request, not_found
from .._sat_rules import receiver_problems, rfc_kind
from .._store import Record
from ._parties import new_client, search_one
from .receipts import stamp_receipt

_ZIP = re.compile(r"^\d{5}$")
PORTAL_TTL_MS = 60 * 60 * 1000


def create(call: Call) -> Reply:
    body = call.fields
    fields = call.pick(body, "ClientInput", "GigstackClient")
    _, match = search_one(call.team.collection("clients"), body.get("search"))
    if match is not None:
        if body["search"].get("update"):
            match.update(fields)
            return Reply(match, "Client updated successfully")
        return Reply(match, "Client already exists")
    return Reply(new_client(call, fields), "Client created successfully", 201)


def validate(call: Call) -> Reply:
    """Checks what stamping needs: the RFC's shape, legal name, tax system and zip code, and that
    the regime and default use fit the RFC. The fake has no EFOS (69-B) list, so that part always
    passes."""
    client = call.team.collection("clients").get(call.path["id"])
    address = client.get("address") or {}
    errors = []
    if rfc_kind(str(client.get("tax_id") or "")) is None:
        errors.append("tax_id is not a valid RFC")
    if not client.get("legal_name"):
        errors.append("legal_name is required")
    if not client.get("tax_system"):
        errors.append("tax_system is required")
    if not _ZIP.match(str(address.get("zip") or "")):
        errors.append("address.zip must be a 5-digit zip code")
    # The regime and default use against the RFC, as stamping checks them.
    fit = receiver_problems(client, client.get("use"))
    errors += [problem.message for problem in fit if problem.field != "client.tax_id"]
    checked_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    client.update(
        is_valid=not errors,
        efos={"is_valid": True},
        efos_status="valid",
        efos_checked_at=checked_at,
    )
    result = {"id": client["id"], "is_valid": not errors, "errors": errors}
    return Reply(result, "Client validated" if not errors else "Client has invalid fiscal data")


def customer_portal(call: Call) -> Reply:
    body = call.fields
    client: Record | None
    if body.get("id"):
        client = call.team.collection("clients").get(body["id"])
    elif body.get("email"):
        matches = [
            c for c in call.team.collection("clients").values() if c.get("email") == body["email"]
        ]
        if not matches:
            raise not_found("Client", body["email"])
        client = matches[0]
    else:
        raise bad_request(
            "missing_required_field", "Send the client's id or email", ["body/id", "body/email"]
        )
    session = f"otpcustomerportal_{secrets.token_hex(8)}"
    data = {
        "url": f"{call.base_url}/portal/{call.team.id}/{client['id']}?session={session}",
        "expires_at": int(time.time() * 1000) + PORTAL_TTL_MS,
        "session_id": session,
    }
    return Reply(data, "Customer portal session created")


def stamp_pending_receipts(call: Call) -> Reply:
    client = call.team.collection("clients").get(call.path["id"])
    results = []
    for receipt in call.team.collection("receipts").values():
        owner = (receipt.get("client") or {}).get("id")
        if owner == client["id"] and receipt["status"] == "pending":
            try:
                stamp_receipt(call, receipt, {})
            except FakeAPIError:  # a SAT rule refused it: it stays pending
                results.append({"id": receipt["id"], "status": "failed"})
            else:
                results.append({"id": receipt["id"], "status": receipt["status"]})
    failed = sum(result["status"] == "failed" for result in results)
    stamped = len(results) - failed
    summary = {"stamped": stamped, "failed": failed, "remaining": 0, "results": results}
    return Reply(summary, f"{stamped} pending receipts stamped, {failed} failed")


HANDLERS: dict[str, Handler] = {
    "clients_create": create,
    "clients_validate": validate,
    "clients_customer_portal": customer_portal,
    "clients_stamp_pending_receipts": stamp_pending_receipts,
}
