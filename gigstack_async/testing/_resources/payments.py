"""Payments: requested (a payment link) or registered (already received), then marked as paid,
refunded, canceled or corrected. Automations `pue_invoice` and `ppd_invoice_and_complement` stamp
the matching income invoice when the payment succeeds (PPD: with its payment complement)."""

from __future__ import annotations

from typing import Any

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, bad_request, not_allowed
from .._money import totals
from .._store import Record, new_id, now
from ._parties import client_summary, require_client, resolve_items
from .invoices import issue_complement, issue_invoice

UNPAID = ("requires_payment_method", "pending")
CORRECTABLE = ("succeeded", "canceled")
INVOICING_AUTOMATIONS = {"pue_invoice": "PUE", "ppd_invoice_and_complement": "PPD"}


def _new_payment(call: Call, input_schema: str, status: str) -> Record:
    body = call.fields
    items = resolve_items(call, body["items"])
    client = require_client(call, body.get("client"))
    payment_id = new_id("payment")
    money = totals(items)
    record: Record = {
        **call.pick(body, input_schema, "Payment"),
        **money,
        "id": payment_id,
        "status": status,
        "client": dict(client),
        "items": items,
        "currency": body.get("currency") or "MXN",
        "amount": round(money["total"] * 100),  # legacy integer cents
        "refunds": [],
        "invoices": [],
        "receipts": [],
        "created_at": now(),
        "livemode": call.livemode,
        "team": call.team.id,
    }
    return call.team.collection("payments").add(record)


def _succeed(call: Call, payment: Record, payment_form: Any, date: int | None) -> None:
    payment.update(status="succeeded", payment_form=payment_form, succeeded_at=date or now())
    _automate(call, payment)


def _automate(call: Call, payment: Record) -> None:
    """Stamp what the payment's automation asks for, once it has succeeded."""
    payment_form = payment.get("payment_form")
    method = INVOICING_AUTOMATIONS.get(str(payment.get("automation_type")))
    if method is None:
        return
    body = {
        "payment_method": method,
        "payment_form": payment_form if method == "PUE" else "99",
        "currency": payment.get("currency"),
        "series": (payment.get("invoice_config") or {}).get("serie"),
    }
    client = client_summary(payment["client"])
    invoice = issue_invoice(call, body, "I", client, list(payment["items"]))
    payment["invoices"].append(invoice["uuid"])
    payment["invoice"] = {"id": invoice["id"], "uuid": invoice["uuid"]}
    payment["invoice_id"] = invoice["uuid"]
    if method == "PPD":  # the payment is already received: its complement follows at once
        complement = issue_complement(call, invoice, float(payment["total"]), payment_form)
        payment["invoices"].append(complement["uuid"])


def request(call: Call) -> Reply:
    def make() -> Record:
        payment = _new_payment(call, "RequestPaymentInput", "requires_payment_method")
        payment["short_url"] = f"{call.base_url}/pay/{call.team.id}/{payment['id']}"
        return payment

    return call.create_once(
        call.team.collection("payments"), make, "Payment request created successfully"
    )


def register(call: Call) -> Reply:
    def make() -> Record:
        payment = _new_payment(call, "RegisterPaymentInput", "processing")
        date = call.fields.get("date")  # epoch milliseconds on this endpoint
        _succeed(call, payment, call.fields["payment_form"], date // 1000 if date else None)
        return payment

    return call.create_once(
        call.team.collection("payments"), make, "Payment registered successfully"
    )


def mark_paid(call: Call) -> Reply:
    payment = call.team.collection("payments").get(call.path["id"])
    if payment["status"] not in UNPAID:
        raise not_allowed(f"Payment {payment['id']} is {payment['status']}, not awaiting payment")
    _succeed(call, payment, call.fields["payment_form"], call.fields.get("date"))
    return Reply(payment, "Payment marked as paid")


def refund(call: Call) -> Reply:
    payment = call.team.collection("payments").get(call.path["id"])
    amount = call.fields["amount"]
    if payment["status"] != "succeeded":
        raise not_allowed(f"Payment {payment['id']} is {payment['status']}: only paid ones refund")
    if amount <= 0:
        raise bad_request("invalid_field_value", "amount must be greater than 0")
    refunded = sum(r["amount"] for r in payment["refunds"])
    remaining = round(float(payment["total"]) - refunded, 2)
    if amount > remaining + 0.005:
        raise FakeAPIError(
            422, "business_rule_violation", f"amount exceeds the refundable {remaining:.2f}"
        )
    refund_record = {
        "id": new_id("refund"),
        "amount": amount,
        "reason": call.fields.get("reason"),
        "created_at": now(),
    }
    payment["refunds"].append(refund_record)
    if remaining - amount < 0.005:
        payment["status"] = "refunded"
    return Reply(payment, "Payment refunded successfully")


def cancel(call: Call) -> Reply:
    payment = call.team.collection("payments").get(call.path["id"])
    if payment["status"] in UNPAID:
        payment["status"] = "canceled"
    elif payment["status"] != "canceled":  # a repeated cancel answers the same
        raise not_allowed(f"Payment {payment['id']} is {payment['status']}: refund it instead")
    return Reply(payment, "Payment canceled successfully")


def _correct_items(payment: Record, changes: list[Any]) -> None:
    items = {item.get("id"): item for item in payment["items"]}
    unknown = [change["id"] for change in changes if change["id"] not in items]
    if unknown:
        raise bad_request(
            "invalid_field_value",
            "Items are matched by the id of an item of the payment",
            [f"body/items: no item {item_id!r} in the payment" for item_id in unknown],
        )
    for change in changes:
        if "description" in change:
            items[change["id"]]["description"] = change["description"]


def update(call: Call) -> Reply:
    """Corrections after the fact: item descriptions (totals stay), the automation while there is
    none (run at once on a paid payment), the client (copied to the client record)."""
    payment = call.team.collection("payments").get(call.path["id"])
    if payment["status"] not in CORRECTABLE:
        raise not_allowed(
            f"Payment {payment['id']} is {payment['status']}: only succeeded or canceled ones"
            " can be updated"
        )
    body = call.fields
    automation = body.get("automation_type")
    if automation is not None and payment.get("automation_type") not in (None, "none"):
        raise not_allowed(f"Payment {payment['id']} already has an automation")
    _correct_items(payment, body.get("items") or [])
    if isinstance(body.get("client"), dict):
        changes = call.pick(body["client"], "UpdatePaymentClientInput", "GigstackClient")
        payment["client"].update(changes)
        client_id = payment["client"].get("id")
        stored = call.team.collection("clients").find(client_id) if client_id else None
        if stored is not None:
            stored.update(changes)
    if automation is not None:
        payment["automation_type"] = automation
        if payment["status"] == "succeeded" and not payment.get("invoice_id"):
            _automate(call, payment)  # a CFDI already issued is never issued again
    return Reply(payment, "Payment updated successfully")


HANDLERS: dict[str, Handler] = {
    "payments_update": update,
    "payments_request": request,
    "payments_register": register,
    "payments_mark_paid": mark_paid,
    "payments_refund": refund,
    "payments_cancel": cancel,
}
