"""Payments: requested (a payment link) or registered (already received), then marked as paid,
refunded or canceled. Automations `pue_invoice` and `ppd_invoice_and_complement` stamp the
matching income invoice when the payment succeeds."""

from __future__ import annotations

from typing import Any

from .._calls import Call, Handler, Reply
from .._errors import FakeAPIError, bad_request, not_allowed
from .._money import totals
from .._store import Record, new_id, now
from ._parties import client_summary, require_client, resolve_items
from .invoices import issue_invoice

UNPAID = ("requires_payment_method", "pending")
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


HANDLERS: dict[str, Handler] = {
    "payments_request": request,
    "payments_register": register,
    "payments_mark_paid": mark_paid,
    "payments_refund": refund,
    "payments_cancel": cancel,
}
