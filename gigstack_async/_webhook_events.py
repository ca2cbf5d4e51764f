"""The event classes `parse_event` returns, one per resource family, and which name gives which."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from ._parsing import read_model
from ._webhook_types import WebhookEventType
from .models import GigstackClient, Invoice, Payment, Receipt, Service, Team

__all__ = [
    "CustomerEvent",
    "InvoiceBatchEvent",
    "InvoiceEvent",
    "PaymentEvent",
    "ReceiptEvent",
    "SatInvoiceEvent",
    "ServiceEvent",
    "TeamEvent",
    "UnknownEvent",
    "WebhookEvent",
    "event_class_for",
]

ResourceT = TypeVar("ResourceT")


@dataclass(frozen=True)
class WebhookEvent(Generic[ResourceT]):
    """One webhook delivery, read by `parse_event`.

    Attributes:
        type: the event name, e.g. `WebhookEventType.PAYMENT_SUCCEEDED`.
        id: the event id, the key to de-duplicate deliveries by (gigstack may deliver an event more
            than once); None when the body carries none.
        created: when the event happened, an aware UTC datetime; None when the body says nothing.
        livemode: True for live data, False for test data, None when the body says nothing.
        data: the resource the event is about (`Payment` for a `PaymentEvent`, ...), read from
            `data.object`, or from `data` when there is no `data.object`.
        payload: the whole decoded body, as received.
        headers: the delivery's headers as passed to `parse_event`, names lower-cased.
    """

    type: WebhookEventType
    id: str | None
    created: datetime | None
    livemode: bool | None
    data: ResourceT
    payload: dict[str, Any] = field(repr=False)
    headers: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class PaymentEvent(WebhookEvent[Payment]):
    """`payment.*`: `data` is the `Payment`."""


@dataclass(frozen=True)
class InvoiceEvent(WebhookEvent[Invoice]):
    """`invoice.*`: `data` is the `Invoice`."""


@dataclass(frozen=True)
class ReceiptEvent(WebhookEvent[Receipt]):
    """`receipt.*`: `data` is the `Receipt`."""


@dataclass(frozen=True)
class CustomerEvent(WebhookEvent[GigstackClient]):
    """`customer.*`: `data` is the client (`GigstackClient`)."""


@dataclass(frozen=True)
class ServiceEvent(WebhookEvent[Service]):
    """`service.*`: `data` is the `Service`."""


@dataclass(frozen=True)
class TeamEvent(WebhookEvent[Team]):
    """`teams.*`: `data` is the `Team`."""


@dataclass(frozen=True)
class InvoiceBatchEvent(WebhookEvent[dict[str, Any]]):
    """`invoice_batch.completed`: `data` is the batch summary as a dict (no model describes it)."""


@dataclass(frozen=True)
class SatInvoiceEvent(WebhookEvent[dict[str, Any]]):
    """`sat.invoice.synced`: `data` is the synchronised SAT invoice record as a dict (no model
    describes it)."""


@dataclass(frozen=True)
class UnknownEvent(WebhookEvent[Any]):
    """An event name this SDK does not list: `data` is `data.object` (or `data`) as decoded JSON,
    unvalidated, and `payload` the whole body."""


Reader = Callable[[Mapping[str, Any]], Any]


def _as_dict(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


# A reader raises ParseError when the resource has a shape its model cannot read.
_FAMILIES: dict[str, tuple[type[WebhookEvent[Any]], Reader]] = {
    "payment": (PaymentEvent, lambda obj: read_model(Payment, obj)),
    "invoice": (InvoiceEvent, lambda obj: read_model(Invoice, obj)),
    "receipt": (ReceiptEvent, lambda obj: read_model(Receipt, obj)),
    "customer": (CustomerEvent, lambda obj: read_model(GigstackClient, obj)),
    "service": (ServiceEvent, lambda obj: read_model(Service, obj)),
    "teams": (TeamEvent, lambda obj: read_model(Team, obj)),
    "invoice_batch": (InvoiceBatchEvent, _as_dict),
    "sat": (SatInvoiceEvent, _as_dict),
}


def event_class_for(
    event_type: WebhookEventType,
) -> tuple[type[WebhookEvent[Any]], Reader] | None:
    """The event class of a listed name and the reader of its resource; None for other names."""
    if not event_type.is_known:
        return None
    return _FAMILIES[event_type.resource]
