"""parse_event: both payload shapes, every event family and name, unknown names, bad bodies."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import pytest

from gigstack_async import GigstackError
from gigstack_async import WebhookVerificationError as TopLevelError
from gigstack_async._parsing import ParseError
from gigstack_async.models import GigstackClient, Invoice, Payment, Receipt, Service, Team
from gigstack_async.webhooks import (
    CustomerEvent,
    InvoiceBatchEvent,
    InvoiceEvent,
    PaymentEvent,
    ReceiptEvent,
    SatInvoiceEvent,
    ServiceEvent,
    TeamEvent,
    UnknownEvent,
    WebhookEventType,
    WebhookPayloadError,
    WebhookVerificationError,
    parse_event,
)

CREATED_MS = 1_767_225_600_123  # 2026-01-01T00:00:00.123Z
CREATED = datetime(2026, 1, 1, 0, 0, 0, 123_000, tzinfo=timezone.utc)

# Per resource family: the event class, the model of `data`, a resource of that family.
FAMILIES: dict[str, tuple[type[Any], type[Any] | None, dict[str, Any]]] = {
    "payment": (PaymentEvent, Payment, {"id": "payment_1", "status": "succeeded", "total": 1160}),
    "invoice": (InvoiceEvent, Invoice, {"id": "invoice_1", "uuid": "ABC-123", "status": "valid"}),
    "receipt": (ReceiptEvent, Receipt, {"id": "receipt_1", "status": "pending", "total": 58.0}),
    "customer": (CustomerEvent, GigstackClient, {"id": "client_1", "legal_name": "Empresa SA"}),
    "service": (ServiceEvent, Service, {"id": "service_1", "description": "Consultoría"}),
    "teams": (TeamEvent, Team, {"id": "team_1", "name": "Mi negocio"}),
    "invoice_batch": (InvoiceBatchEvent, None, {"batch_id": "batch_1", "succeeded": 10}),
    "sat": (SatInvoiceEvent, None, {"uuid": "DEF-456", "rfcType": "received"}),
}

DOCS_NAMES = [
    "payment.created", "payment.updated", "payment.succeeded", "payment.canceled",
    "payment.deleted", "payment.upcoming_due_date", "invoice.created", "invoice.canceled",
    "invoice.failed", "receipt.created", "receipt.updated", "receipt.completed", "receipt.deleted",
    "customer.created", "customer.updated", "customer.deleted", "service.created",
    "service.updated", "service.deleted",
]  # fmt: skip
CLI_NAMES = [
    "invoice_batch.completed", "sat.invoice.synced", "teams.created", "teams.sat.completed",
    "teams.stripe.completed", "teams.openpay.completed", "teams.sat.manifest.signed",
]  # fmt: skip
N8N_NAMES = [
    "customer.created", "customer.updated", "customer.deleted", "invoice.cancelled",
    "invoice.created", "invoice.sent", "invoice.stamped", "payment.cancelled", "payment.created",
    "payment.failed", "payment.refunded", "payment.succeeded", "receipt.cancelled",
    "receipt.created", "receipt.stamped",
]  # fmt: skip
ALL_NAMES = sorted({*DOCS_NAMES, *CLI_NAMES, *N8N_NAMES, "receipt.canceled"})


def primary(name: str, obj: Any, **extra: Any) -> bytes:
    body = {"id": "evt_1", "type": name, "created": CREATED_MS, "livemode": False}
    return json.dumps({**body, "data": {"object": obj}, **extra}).encode()


def migration(name: str, data: Any, **extra: Any) -> bytes:
    return json.dumps({"event": name, "timestamp": "2025-10-02T10:30:00Z", "data": data, **extra})


def family_of(name: str) -> tuple[type[Any], type[Any] | None, dict[str, Any]]:
    return FAMILIES[name.split(".")[0]]


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_known_name_in_the_primary_shape_gives_its_family_event(name: str) -> None:
    event_class, model, resource = family_of(name)

    event = parse_event(primary(name, resource))

    assert type(event) is event_class
    assert event.type == name
    assert isinstance(event.type, WebhookEventType)
    assert event.id == "evt_1"
    assert event.created == CREATED
    assert event.livemode is False
    if model is None:
        assert event.data == resource
    else:
        assert isinstance(event.data, model)
        assert event.data.to_dict() == resource
    assert event.payload == json.loads(primary(name, resource))


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_known_name_in_the_migration_guide_shape_gives_its_family_event(name: str) -> None:
    event_class, model, resource = family_of(name)

    event = parse_event(migration(name, resource))

    assert type(event) is event_class
    assert event.type == name
    assert event.created == datetime(2025, 10, 2, 10, 30, tzinfo=timezone.utc)
    assert event.id is None
    assert event.livemode is None
    if model is not None:
        assert event.data.to_dict() == resource


def test_the_migration_guide_example_reads_as_an_invoice_event() -> None:
    body = {
        "event": "invoice.stamped",
        "timestamp": "2025-10-02T10:30:00Z",
        "data": {
            "invoice_id": "inv_123",
            "uuid": "12345678-1234-1234-1234-123456789012",
            "status": "stamped",
            "pdf_url": "https://example.com/a.pdf",
            "xml_url": "https://example.com/a.xml",
        },
    }

    event = parse_event(json.dumps(body))

    assert isinstance(event, InvoiceEvent)
    assert event.type == WebhookEventType.INVOICE_STAMPED
    assert event.data.uuid == "12345678-1234-1234-1234-123456789012"
    assert event.data.status == "stamped"
    assert event.data.additional_properties["invoice_id"] == "inv_123"


def test_the_payment_succeeded_event_carries_the_payment() -> None:
    event = parse_event(primary("payment.succeeded", {"id": "payment_9", "total": 1160.0}))

    assert isinstance(event, PaymentEvent)
    assert event.type == WebhookEventType.PAYMENT_SUCCEEDED
    assert event.data.id == "payment_9"
    assert event.data.total == 1160.0


@pytest.mark.parametrize("name", ["payment.canceled", "payment.cancelled"])
def test_both_cancellation_spellings_are_payment_events(name: str) -> None:
    event = parse_event(primary(name, {"id": "payment_1"}))

    assert isinstance(event, PaymentEvent)
    assert event.type in WebhookEventType.CANCELED_TYPES


def test_created_in_epoch_seconds_is_read_as_seconds() -> None:
    event = parse_event(primary("payment.created", {}, created=1_767_225_600))

    assert event.created == datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_created_wins_over_timestamp_and_type_over_event() -> None:
    body = primary("payment.created", {}, event="invoice.created", timestamp="2020-01-01T00:00:00Z")

    event = parse_event(body)

    assert isinstance(event, PaymentEvent)
    assert event.created == CREATED


def test_the_name_falls_back_to_event_when_type_is_not_a_name() -> None:
    body = json.dumps({"type": None, "event": "receipt.completed", "data": {"id": "r"}})

    assert isinstance(parse_event(body), ReceiptEvent)


def test_data_itself_is_the_resource_when_data_object_is_not_an_object() -> None:
    # A resource may well have a scalar field called `object`.
    body = json.dumps({"type": "payment.created", "data": {"id": "payment_1", "object": "payment"}})

    event = parse_event(body)

    assert isinstance(event, PaymentEvent)
    assert event.data.id == "payment_1"
    assert event.data.additional_properties["object"] == "payment"


def test_text_and_bytes_bodies_read_the_same() -> None:
    body = primary("customer.updated", {"id": "client_1", "legal_name": "Ñandú SA"})

    from_bytes = parse_event(body)
    from_text = parse_event(body.decode())

    assert from_bytes == from_text
    assert isinstance(from_text, CustomerEvent)
    assert from_text.data.legal_name == "Ñandú SA"


def test_headers_are_kept_with_lower_case_names() -> None:
    event = parse_event(primary("service.created", {"id": "s"}), {"X-Gigstack-Webhook-Id": "wh_1"})

    assert event.headers == {"x-gigstack-webhook-id": "wh_1"}


@pytest.mark.parametrize("name", ["payment.disputed", "invoice.archived", "something_new"])
def test_an_unknown_name_gives_an_unknown_event_with_the_payload(name: str) -> None:
    resource = {"id": "x_1", "anything": [1, 2]}

    event = parse_event(primary(name, resource))

    assert type(event) is UnknownEvent
    assert event.type == name
    assert not event.type.is_known
    assert event.data == resource
    assert event.payload["data"] == {"object": resource}
    assert event.id == "evt_1"
    assert event.created == CREATED


def test_an_unknown_name_accepts_any_data() -> None:
    event = parse_event(json.dumps({"event": "brand.new", "data": [1, "two"]}))

    assert isinstance(event, UnknownEvent)
    assert event.data == [1, "two"]


MALFORMED: list[tuple[bytes | str, str]] = [
    (b"", "not valid JSON"),
    (b"not json", "not valid JSON"),
    (b'{"type": "payment.created"', "not valid JSON"),
    (b'\xff\xfe{"type"', "not valid JSON"),
    ("[" * 100_000, "not valid JSON"),
    (b"[]", "must be a JSON object, got an array"),
    (b'"payment.created"', "must be a JSON object, got a string"),
    (b"null", "must be a JSON object, got null"),
    (b"42", "must be a JSON object, got a number"),
    (b'{"data": {}}', "names no event"),
    (b'{"type": "", "data": {}}', "names no event"),
    (b'{"type": 7, "event": ["x"], "data": {}}', "names no event"),
    (b'{"type": "payment.created"}', "`data` must be a JSON object"),
    (b'{"type": "payment.created", "data": [1]}', "`data` must be a JSON object"),
    (b'{"type": "customer.created", "data": {"object": {"name": "x"}}}', "wrong shape"),
    (b'{"type": "service.deleted", "data": {"description": "x"}}', "wrong shape"),
    (b'{"type": "x.y", "created": "yesterday"}', "`created` is not a timestamp"),
    (b'{"type": "x.y", "created": true}', "`created` is not a timestamp"),
    (b'{"type": "x.y", "created": 1e300}', "`created` is not a timestamp"),
    (b'{"type": "x.y", "timestamp": "2026-13-45"}', "`timestamp` is not a timestamp"),
    (b'{"type": "x.y", "id": 12}', "`id` must be a str, got a number"),
    (b'{"type": "x.y", "livemode": "yes"}', "`livemode` must be a bool, got a string"),
]


@pytest.mark.parametrize(("body", "message"), MALFORMED)
def test_a_malformed_body_is_a_payload_error_with_a_clear_message(
    body: bytes | str, message: str
) -> None:
    with pytest.raises(WebhookPayloadError, match=re.escape(message)):
        parse_event(body)


def test_payload_errors_are_verification_errors_and_gigstack_errors() -> None:
    assert issubclass(WebhookPayloadError, WebhookVerificationError)
    assert issubclass(WebhookVerificationError, GigstackError)
    assert TopLevelError is WebhookVerificationError
    with pytest.raises(WebhookVerificationError):
        parse_event(b"{}")


def test_a_body_of_another_type_is_a_payload_error() -> None:
    with pytest.raises(WebhookPayloadError, match="bytes or str, got dict"):
        parse_event({"type": "payment.created"})  # type: ignore[arg-type]


@pytest.mark.parametrize("error", [KeyError, TypeError, ValueError, AttributeError])
def test_what_a_model_raises_on_a_wrong_shape_becomes_a_payload_error(
    monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    def unreadable(cls: type[Any], src_dict: Any) -> Any:
        raise error("total")

    monkeypatch.setattr(Payment, "from_dict", classmethod(unreadable))

    with pytest.raises(WebhookPayloadError, match=re.escape("payment.created event")) as caught:
        parse_event(primary("payment.created", {"total": "lots"}))

    assert isinstance(caught.value.__cause__, ParseError)
    assert type(caught.value.__cause__.__cause__) is error


def test_the_models_parse_error_becomes_a_payload_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(cls: type[Any], src_dict: Any) -> Any:
        raise ParseError("total", "expected a number")

    monkeypatch.setattr(Invoice, "from_dict", classmethod(unreadable))

    with pytest.raises(WebhookPayloadError, match="expected a number"):
        parse_event(primary("invoice.created", {"total": "lots"}))


def test_a_bug_in_a_model_is_not_disguised_as_a_payload_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(cls: type[Any], src_dict: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(Team, "from_dict", classmethod(broken))

    with pytest.raises(RuntimeError, match="bug"):
        parse_event(primary("teams.created", {"id": "team_1"}))
