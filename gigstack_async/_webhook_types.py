"""`WebhookEventType`: the event names gigstack sends, as an open set of string constants."""

from __future__ import annotations

from typing import ClassVar

__all__ = ["WebhookEventType"]


class WebhookEventType(str):
    """An event name such as `payment.succeeded`. It is a `str`, compares equal to the plain name,
    and accepts names not listed here (`WebhookEventType("payment.disputed")`), since gigstack may
    add events at any time.

    The constants cover every name gigstack is known to send or accept: those of its webhook docs,
    those of its newer CLI (`teams.*`, `invoice_batch.completed`, `sat.invoice.synced`) and those
    of its n8n node (`invoice.stamped`, `payment.refunded`, ...). Cancellation comes in both
    spellings, `canceled` (the docs') and `cancelled` (the n8n node's); subscribe to and handle
    both (`CANCELED_TYPES` lists them).
    """

    __slots__ = ()

    # Payments
    PAYMENT_CREATED: ClassVar[WebhookEventType]
    PAYMENT_UPDATED: ClassVar[WebhookEventType]
    PAYMENT_SUCCEEDED: ClassVar[WebhookEventType]
    PAYMENT_CANCELED: ClassVar[WebhookEventType]
    PAYMENT_CANCELLED: ClassVar[WebhookEventType]
    PAYMENT_DELETED: ClassVar[WebhookEventType]
    PAYMENT_UPCOMING_DUE_DATE: ClassVar[WebhookEventType]
    PAYMENT_FAILED: ClassVar[WebhookEventType]
    PAYMENT_REFUNDED: ClassVar[WebhookEventType]
    # Invoices
    INVOICE_CREATED: ClassVar[WebhookEventType]
    INVOICE_CANCELED: ClassVar[WebhookEventType]
    INVOICE_CANCELLED: ClassVar[WebhookEventType]
    INVOICE_FAILED: ClassVar[WebhookEventType]
    INVOICE_SENT: ClassVar[WebhookEventType]
    INVOICE_STAMPED: ClassVar[WebhookEventType]
    # Receipts
    RECEIPT_CREATED: ClassVar[WebhookEventType]
    RECEIPT_UPDATED: ClassVar[WebhookEventType]
    RECEIPT_COMPLETED: ClassVar[WebhookEventType]
    RECEIPT_DELETED: ClassVar[WebhookEventType]
    RECEIPT_CANCELED: ClassVar[WebhookEventType]
    RECEIPT_CANCELLED: ClassVar[WebhookEventType]
    RECEIPT_STAMPED: ClassVar[WebhookEventType]
    # Clients (gigstack calls them customers in event names)
    CUSTOMER_CREATED: ClassVar[WebhookEventType]
    CUSTOMER_UPDATED: ClassVar[WebhookEventType]
    CUSTOMER_DELETED: ClassVar[WebhookEventType]
    # Services
    SERVICE_CREATED: ClassVar[WebhookEventType]
    SERVICE_UPDATED: ClassVar[WebhookEventType]
    SERVICE_DELETED: ClassVar[WebhookEventType]
    # Teams
    TEAMS_CREATED: ClassVar[WebhookEventType]
    TEAMS_SAT_COMPLETED: ClassVar[WebhookEventType]
    TEAMS_STRIPE_COMPLETED: ClassVar[WebhookEventType]
    TEAMS_OPENPAY_COMPLETED: ClassVar[WebhookEventType]
    TEAMS_SAT_MANIFEST_SIGNED: ClassVar[WebhookEventType]
    # Batches and SAT downloads
    INVOICE_BATCH_COMPLETED: ClassVar[WebhookEventType]
    SAT_INVOICE_SYNCED: ClassVar[WebhookEventType]

    CANCELED_TYPES: ClassVar[frozenset[WebhookEventType]]

    def __repr__(self) -> str:
        return f"WebhookEventType({str.__repr__(self)})"

    @property
    def resource(self) -> str:
        """The part before the first dot: `payment`, `invoice`, `customer`, `teams`..."""
        return self.partition(".")[0]

    @property
    def is_known(self) -> bool:
        """Whether this is one of the names listed as constants."""
        return self in _KNOWN

    @classmethod
    def known(cls) -> frozenset[WebhookEventType]:
        """Every name listed as a constant."""
        return _KNOWN


WebhookEventType.PAYMENT_CREATED = WebhookEventType("payment.created")
WebhookEventType.PAYMENT_UPDATED = WebhookEventType("payment.updated")
WebhookEventType.PAYMENT_SUCCEEDED = WebhookEventType("payment.succeeded")
WebhookEventType.PAYMENT_CANCELED = WebhookEventType("payment.canceled")
WebhookEventType.PAYMENT_CANCELLED = WebhookEventType("payment.cancelled")
WebhookEventType.PAYMENT_DELETED = WebhookEventType("payment.deleted")
WebhookEventType.PAYMENT_UPCOMING_DUE_DATE = WebhookEventType("payment.upcoming_due_date")
WebhookEventType.PAYMENT_FAILED = WebhookEventType("payment.failed")
WebhookEventType.PAYMENT_REFUNDED = WebhookEventType("payment.refunded")
WebhookEventType.INVOICE_CREATED = WebhookEventType("invoice.created")
WebhookEventType.INVOICE_CANCELED = WebhookEventType("invoice.canceled")
WebhookEventType.INVOICE_CANCELLED = WebhookEventType("invoice.cancelled")
WebhookEventType.INVOICE_FAILED = WebhookEventType("invoice.failed")
WebhookEventType.INVOICE_SENT = WebhookEventType("invoice.sent")
WebhookEventType.INVOICE_STAMPED = WebhookEventType("invoice.stamped")
WebhookEventType.RECEIPT_CREATED = WebhookEventType("receipt.created")
WebhookEventType.RECEIPT_UPDATED = WebhookEventType("receipt.updated")
WebhookEventType.RECEIPT_COMPLETED = WebhookEventType("receipt.completed")
WebhookEventType.RECEIPT_DELETED = WebhookEventType("receipt.deleted")
WebhookEventType.RECEIPT_CANCELED = WebhookEventType("receipt.canceled")
WebhookEventType.RECEIPT_CANCELLED = WebhookEventType("receipt.cancelled")
WebhookEventType.RECEIPT_STAMPED = WebhookEventType("receipt.stamped")
WebhookEventType.CUSTOMER_CREATED = WebhookEventType("customer.created")
WebhookEventType.CUSTOMER_UPDATED = WebhookEventType("customer.updated")
WebhookEventType.CUSTOMER_DELETED = WebhookEventType("customer.deleted")
WebhookEventType.SERVICE_CREATED = WebhookEventType("service.created")
WebhookEventType.SERVICE_UPDATED = WebhookEventType("service.updated")
WebhookEventType.SERVICE_DELETED = WebhookEventType("service.deleted")
WebhookEventType.TEAMS_CREATED = WebhookEventType("teams.created")
WebhookEventType.TEAMS_SAT_COMPLETED = WebhookEventType("teams.sat.completed")
WebhookEventType.TEAMS_STRIPE_COMPLETED = WebhookEventType("teams.stripe.completed")
WebhookEventType.TEAMS_OPENPAY_COMPLETED = WebhookEventType("teams.openpay.completed")
WebhookEventType.TEAMS_SAT_MANIFEST_SIGNED = WebhookEventType("teams.sat.manifest.signed")
WebhookEventType.INVOICE_BATCH_COMPLETED = WebhookEventType("invoice_batch.completed")
WebhookEventType.SAT_INVOICE_SYNCED = WebhookEventType("sat.invoice.synced")

_KNOWN: frozenset[WebhookEventType] = frozenset(
    value
    for name, value in vars(WebhookEventType).items()
    if name.isupper() and isinstance(value, WebhookEventType)
)
WebhookEventType.CANCELED_TYPES = frozenset(
    t for t in _KNOWN if t.endswith((".canceled", ".cancelled"))
)
