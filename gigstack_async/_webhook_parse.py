"""`parse_event`: a webhook body, as received, to a typed event."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ._parsing import ParseError
from ._timestamps import to_datetime
from ._webhook_errors import WebhookPayloadError
from ._webhook_events import UnknownEvent, WebhookEvent, event_class_for
from ._webhook_types import WebhookEventType

__all__ = ["parse_event"]


def parse_event(body: bytes | str, headers: Mapping[str, str] | None = None) -> WebhookEvent[Any]:
    """Read a webhook delivery's body (the raw bytes of the request, or its text) as a typed event.

    Both shapes gigstack is known to send are read: `{"id", "type", "created" (epoch ms),
    "livemode", "data": {"object": {...}}}` and `{"event", "timestamp" (ISO 8601), "data": {...}}`.
    The event name comes from `type`, else `event`; the time from `created` (epoch milliseconds or
    seconds), else `timestamp`. The result is a `PaymentEvent`, `InvoiceEvent`, `ReceiptEvent`,
    `CustomerEvent`, `ServiceEvent`, `TeamEvent`, `InvoiceBatchEvent` or `SatInvoiceEvent` whose
    `data` is the resource as a model, or an `UnknownEvent` for a name the SDK does not list.

    `headers` (optional) are kept on the event. This does not verify anything: call
    `verify_signature` or `verify_header` first.

    Raises `WebhookPayloadError` (a `WebhookVerificationError`) for a body that is not a JSON
    object, has no event name, or carries a resource or field of the wrong shape.
    """
    payload = _decode(body)
    event_type = WebhookEventType(_event_name(payload))
    resource = _resource(payload)
    known = event_class_for(event_type)
    if known is None:
        event_class: type[WebhookEvent[Any]] = UnknownEvent
        data: Any = resource
    else:
        event_class, read = known
        if not isinstance(resource, dict):
            raise WebhookPayloadError(
                f"{event_type} event: `data` must be a JSON object (or hold one in "
                f"`data.object`), got {_kind(resource)}."
            )
        try:
            data = read(resource)
        except ParseError as exc:
            raise WebhookPayloadError(
                f"{event_type} event: the resource in `data` has the wrong shape: {exc}."
            ) from exc
    return event_class(
        type=event_type,
        id=_optional(payload, "id", str),
        created=_created(payload),
        livemode=_optional(payload, "livemode", bool),
        data=data,
        payload=payload,
        headers={name.lower(): value for name, value in (headers or {}).items()},
    )


def _decode(body: bytes | str) -> dict[str, Any]:
    if not isinstance(body, (bytes, bytearray, memoryview, str)):
        raise WebhookPayloadError(
            f"The webhook body must be bytes or str, got {type(body).__name__}."
        )
    try:
        payload = json.loads(bytes(body) if not isinstance(body, str) else body)
    except (ValueError, RecursionError) as exc:  # also UnicodeDecodeError, JSONDecodeError
        raise WebhookPayloadError(f"The webhook body is not valid JSON: {exc}") from None
    if not isinstance(payload, dict):
        raise WebhookPayloadError(f"The webhook body must be a JSON object, got {_kind(payload)}.")
    return payload


def _event_name(payload: Mapping[str, Any]) -> str:
    for key in ("type", "event"):
        name = payload.get(key)
        if isinstance(name, str) and name.strip():
            return name.strip()
    raise WebhookPayloadError(
        "The webhook body names no event: expected a non-empty string in `type` or `event`."
    )


def _resource(payload: Mapping[str, Any]) -> Any:
    data = payload.get("data")
    if isinstance(data, dict) and isinstance(data.get("object"), dict):
        return data["object"]
    return data


def _created(payload: Mapping[str, Any]) -> datetime | None:
    for key in ("created", "timestamp"):
        value = payload.get(key)
        if value is None:
            continue
        try:
            return to_datetime(value)
        except (ValueError, TypeError, OverflowError, OSError):
            raise WebhookPayloadError(
                f"The webhook body's `{key}` is not a timestamp: {value!r:.80}."
            ) from None
    return None


def _optional(payload: Mapping[str, Any], key: str, kind: type[Any]) -> Any:
    value = payload.get(key)
    if value is None or isinstance(value, kind):
        return value
    raise WebhookPayloadError(
        f"The webhook body's `{key}` must be a {kind.__name__}, got {_kind(value)}."
    )


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number" if isinstance(value, (int, float)) else "a value")
