"""Receive gigstack webhooks in a FastAPI app: verify the delivery, read it as a typed event, skip
redeliveries, answer 200 at once (gigstack expects an answer within 5 seconds) and act on the event
after answering.

    pip install gigstack-async fastapi uvicorn
    GIGSTACK_WEBHOOK_SECRET=... uvicorn examples.webhooks_fastapi:app

Then register `https://<your host>/webhooks/gigstack` as a webhook in gigstack.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import BackgroundTasks, FastAPI, Request, Response

from gigstack_async.models import GigstackClient, Invoice, Payment
from gigstack_async.webhooks import (
    CustomerEvent,
    InvoiceEvent,
    PaymentEvent,
    SeenEvents,
    UnknownEvent,
    WebhookEvent,
    WebhookEventType,
    WebhookPayloadError,
    WebhookVerificationError,
    parse_event,
    verify_signature,
)

log = logging.getLogger("webhooks")

# The webhook's signing secret. For a webhook secured with a custom header instead, call
# `verify_header(request.headers, "<header name>", <its value>)` in place of verify_signature.
SECRET = os.environ["GIGSTACK_WEBHOOK_SECRET"]

# Remembers the ids handled by this process. With several workers or restarts, record processed
# event ids in your database instead (a unique key on the id).
seen = SeenEvents(max_size=10_000)

app = FastAPI()


# Your application's code goes in these three.
async def mark_order_paid(payment: Payment) -> None:
    log.info("order paid by payment %s: %s %s", payment.id, payment.total, payment.currency)


async def void_invoice(invoice: Invoice) -> None:
    log.info("invoice %s canceled", invoice.uuid)


async def sync_customer(client: GigstackClient) -> None:
    log.info("customer %s changed: %s", client.id, client.legal_name)


async def handle(event: WebhookEvent[Any]) -> None:
    """Act on one event; runs after the answer has been sent."""
    try:
        match event:
            case PaymentEvent(type=WebhookEventType.PAYMENT_SUCCEEDED):
                await mark_order_paid(event.data)
            case InvoiceEvent(type=event_type) if event_type in WebhookEventType.CANCELED_TYPES:
                await void_invoice(event.data)
            case CustomerEvent(type=WebhookEventType.CUSTOMER_CREATED):
                await sync_customer(event.data)
            case CustomerEvent(type=WebhookEventType.CUSTOMER_UPDATED):
                await sync_customer(event.data)
            case UnknownEvent():
                log.warning("event %s is new to this SDK: %s", event.type, event.payload)
            case _:
                pass  # an event this app does not use
    except Exception:
        if event.id is not None:
            await seen.discard(event.id)  # so that a redelivery is handled again
        raise


@app.post("/webhooks/gigstack")
async def gigstack_webhook(request: Request, background: BackgroundTasks) -> Response:
    body = await request.body()  # the raw bytes, exactly as signed
    try:
        verify_signature(body, request.headers, SECRET)
        event = parse_event(body, request.headers)
    except WebhookPayloadError as error:
        log.warning("unreadable webhook: %s", error)
        return Response(status_code=400)
    except WebhookVerificationError as error:
        log.warning("refused webhook: %s", error)
        return Response(status_code=401)
    if event.id is not None and await seen.check_and_add(event.id):
        return Response(status_code=200)  # a redelivery, already handled
    background.add_task(handle, event)
    return Response(status_code=200)
