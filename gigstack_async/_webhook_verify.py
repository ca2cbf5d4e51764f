"""Checking that a webhook delivery comes from gigstack: a shared-secret header or an HMAC."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping

from ._timestamps import to_datetime
from ._webhook_errors import WebhookVerificationError

__all__ = ["verify_header", "verify_signature"]


def verify_header(headers: Mapping[str, str], name: str, expected: str) -> None:
    """Check a shared-secret header, for a webhook configured in gigstack with a custom security
    header (for example `X-Webhook-Token: <your secret>`).

    `headers` are the request's headers (any mapping; the name is matched case-insensitively),
    `name` the header to read and `expected` its secret value. The comparison takes the same time
    wherever the values differ. Returns None when the header matches; raises
    `WebhookVerificationError` when it is missing or different.
    """
    if not expected:
        raise ValueError("verify_header needs a non-empty expected value.")
    received = _header(headers, name)
    if received is None:
        raise WebhookVerificationError(f"The webhook request has no {name} header.")
    if not hmac.compare_digest(received.encode(), expected.encode()):
        raise WebhookVerificationError(f"The webhook request's {name} header does not match.")


def verify_signature(
    body: bytes | str,
    headers: Mapping[str, str],
    secret: str | bytes,
    *,
    header: str = "X-Gigstack-Signature",
    timestamp_header: str | None = None,
    tolerance: float | None = 300,
    algorithm: str = "sha256",
) -> None:
    """Check a webhook's HMAC signature, for a webhook with signing enabled in gigstack.

    gigstack's official docs do not describe its signature scheme. This checks the scheme
    described for gigstack elsewhere, with both the header and the algorithm as parameters: the
    `header` (default `X-Gigstack-Signature`) carries the hex HMAC (`algorithm`, default SHA-256,
    keyed with `secret`) of the raw request body, optionally prefixed with `sha256=`. When
    `timestamp_header` is given, the signed message is instead `<that header's value>.<body>`, and
    the timestamp (epoch seconds or milliseconds, or ISO 8601) must lie within `tolerance` seconds
    of now (None: any age), which rejects replayed deliveries.

    Pass `body` exactly as received (the bytes, before any JSON parsing). The comparison takes the
    same time wherever the signatures differ. Returns None when the signature is valid; raises
    `WebhookVerificationError` when the header is missing, the signature is wrong, or the
    timestamp is missing, unreadable or out of tolerance. Raises ValueError for an empty secret
    or an algorithm `hashlib` does not know.
    """
    if not secret:
        raise ValueError("verify_signature needs a non-empty secret.")
    if algorithm not in hashlib.algorithms_available or algorithm.startswith("shake"):
        raise ValueError(f"Unknown hash algorithm {algorithm!r}.")
    raw = body.encode() if isinstance(body, str) else bytes(body)
    received = _header(headers, header)
    if received is None:
        raise WebhookVerificationError(f"The webhook request has no {header} header.")
    message = raw
    stamp: str | None = None
    if timestamp_header is not None:
        stamp = _header(headers, timestamp_header)
        if stamp is None:
            raise WebhookVerificationError(f"The webhook request has no {timestamp_header} header.")
        message = stamp.encode() + b"." + raw
    key = secret.encode() if isinstance(secret, str) else secret
    expected = hmac.new(key, message, algorithm).hexdigest()
    if not hmac.compare_digest(_strip_prefix(received, algorithm).encode(), expected.encode()):
        raise WebhookVerificationError(
            f"The webhook signature in {header} does not match the body."
        )
    if stamp is not None and tolerance is not None:
        _check_fresh(stamp, timestamp_header or "", tolerance)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of `name`, matched case-insensitively; None when absent.

    A header sent twice with different values is refused: which one was signed is unclear.
    """
    wanted = name.lower()
    values = {value for key, value in headers.items() if key.lower() == wanted}
    if len(values) > 1:
        raise WebhookVerificationError(
            f"The webhook request carries the {name} header more than once."
        )
    return values.pop().strip() if values else None


def _strip_prefix(signature: str, algorithm: str) -> str:
    prefix, sep, rest = signature.partition("=")
    if sep and prefix.strip().lower() == algorithm.lower():
        return rest.strip().lower()
    return signature.lower()


def _check_fresh(stamp: str, name: str, tolerance: float) -> None:
    try:
        sent = to_datetime(stamp)
    except (ValueError, OverflowError, OSError):
        sent = None
    if sent is None:
        raise WebhookVerificationError(f"The webhook request's {name} header is not a timestamp.")
    age = time.time() - sent.timestamp()
    if abs(age) > tolerance:
        raise WebhookVerificationError(
            f"The webhook timestamp in {name} is {abs(age):.0f} s "
            f"{'old' if age > 0 else 'in the future'}, beyond the {tolerance:g} s tolerance."
        )
