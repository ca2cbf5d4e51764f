"""Receiving gigstack webhooks, with or without a client: check that a delivery comes from gigstack
(`verify_signature` or `verify_header`), read it as a typed event (`parse_event`), and skip
deliveries already handled (`SeenEvents`).

    body = await request.body()
    verify_signature(body, request.headers, secret)
    event = parse_event(body, request.headers)
    if isinstance(event, PaymentEvent) and event.type == WebhookEventType.PAYMENT_SUCCEEDED:
        ...  # event.data is the Payment

Answer within 5 seconds with a 2xx; do slow work after answering.
"""

from ._webhook_errors import WebhookPayloadError, WebhookVerificationError
from ._webhook_events import (
    CustomerEvent,
    InvoiceBatchEvent,
    InvoiceEvent,
    PaymentEvent,
    ReceiptEvent,
    SatInvoiceEvent,
    ServiceEvent,
    TeamEvent,
    UnknownEvent,
    WebhookEvent,
)
from ._webhook_parse import parse_event
from ._webhook_seen import SeenEvents
from ._webhook_types import WebhookEventType
from ._webhook_verify import verify_header, verify_signature

__all__ = [
    "CustomerEvent",
    "InvoiceBatchEvent",
    "InvoiceEvent",
    "PaymentEvent",
    "ReceiptEvent",
    "SatInvoiceEvent",
    "SeenEvents",
    "ServiceEvent",
    "TeamEvent",
    "UnknownEvent",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookPayloadError",
    "WebhookVerificationError",
    "parse_event",
    "verify_header",
    "verify_signature",
]
