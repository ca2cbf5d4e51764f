"""verify_signature and verify_header: right, wrong, missing, stale, tampered; constant-time; the
secret never shows in an error."""

from __future__ import annotations

import hmac
import time
from typing import Any

import pytest
from starlette.datastructures import Headers

from gigstack_async.webhooks import WebhookVerificationError, verify_header, verify_signature

SECRET = "whsec_do-not-leak-4f9a"
BODY = b'{"id":"evt_1","type":"payment.succeeded","data":{"object":{"id":"payment_1"}}}'


def sign(message: bytes, secret: str = SECRET, algorithm: str = "sha256") -> str:
    return hmac.new(secret.encode(), message, algorithm).hexdigest()


def stamped(seconds_ago: float) -> dict[str, str]:
    stamp = str(int(time.time() - seconds_ago))
    return {
        "X-Gigstack-Timestamp": stamp,
        "X-Gigstack-Signature": sign(stamp.encode() + b"." + BODY),
    }


def test_a_body_signed_with_the_secret_passes() -> None:
    verify_signature(BODY, {"X-Gigstack-Signature": sign(BODY)}, SECRET)


def test_text_body_bytes_secret_lower_case_header_and_prefix_are_accepted() -> None:
    headers = {"x-gigstack-signature": "sha256=" + sign(BODY).upper()}

    verify_signature(BODY.decode(), headers, SECRET.encode())


def test_framework_headers_objects_are_accepted() -> None:
    headers = Headers(raw=[(b"x-gigstack-signature", sign(BODY).encode())])

    verify_signature(BODY, headers, SECRET)


def test_header_and_algorithm_are_parameters() -> None:
    headers = {"X-Signature": sign(BODY, algorithm="sha512")}

    verify_signature(BODY, headers, SECRET, header="x-signature", algorithm="sha512")
    with pytest.raises(WebhookVerificationError, match="does not match"):
        verify_signature(BODY, headers, SECRET, header="X-Signature")


FAILURES: list[tuple[str, bytes, dict[str, str], dict[str, Any], str]] = [
    ("wrong secret", BODY, {"X-Gigstack-Signature": sign(BODY, "other")}, {}, "does not match"),
    ("tampered body", BODY.replace(b"payment_1", b"payment_2"),
     {"X-Gigstack-Signature": sign(BODY)}, {}, "does not match"),
    ("missing header", BODY, {"Content-Type": "application/json"}, {},
     "no X-Gigstack-Signature header"),
    ("empty signature", BODY, {"X-Gigstack-Signature": ""}, {}, "does not match"),
    ("other algorithm's prefix", BODY, {"X-Gigstack-Signature": "sha1=" + sign(BODY)}, {},
     "does not match"),
    ("body-only signature with a timestamp header", BODY,
     {"X-Gigstack-Signature": sign(BODY), "X-Gigstack-Timestamp": str(int(time.time()))},
     {"timestamp_header": "X-Gigstack-Timestamp"}, "does not match"),
    ("stale timestamp", BODY, stamped(3600), {"timestamp_header": "X-Gigstack-Timestamp"},
     "old, beyond the 300 s tolerance"),
    ("future timestamp", BODY, stamped(-3600), {"timestamp_header": "X-Gigstack-Timestamp"},
     "in the future"),
    ("missing timestamp", BODY, {"X-Gigstack-Signature": sign(BODY)},
     {"timestamp_header": "X-Gigstack-Timestamp"}, "no X-Gigstack-Timestamp header"),
    ("unreadable timestamp", BODY,
     {"X-Gigstack-Timestamp": "soon", "X-Gigstack-Signature": sign(b"soon." + BODY)},
     {"timestamp_header": "X-Gigstack-Timestamp"}, "not a timestamp"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "headers", "options", "message"),
    [case[1:] for case in FAILURES],
    ids=[case[0] for case in FAILURES],
)
def test_a_bad_delivery_is_refused_without_revealing_the_secret(
    body: bytes, headers: dict[str, str], options: dict[str, Any], message: str
) -> None:
    with pytest.raises(WebhookVerificationError, match=message) as caught:
        verify_signature(body, headers, SECRET, **options)

    shown = str(caught.value) + repr(caught.value) + repr(caught.value.args)
    assert SECRET not in shown
    assert sign(body) not in shown  # nor the signature an attacker would need


def test_the_tolerance_bounds_the_age_and_none_disables_it() -> None:
    headers = stamped(3600)

    verify_signature(BODY, headers, SECRET, timestamp_header="X-Gigstack-Timestamp", tolerance=7200)
    verify_signature(BODY, headers, SECRET, timestamp_header="X-Gigstack-Timestamp", tolerance=None)


def test_a_fresh_timestamp_in_milliseconds_passes() -> None:
    stamp = str(int(time.time() * 1000))
    headers = {
        "X-Gigstack-Timestamp": stamp,
        "X-Gigstack-Signature": sign(f"{stamp}.".encode() + BODY),
    }

    verify_signature(BODY, headers, SECRET, timestamp_header="X-Gigstack-Timestamp")


def test_a_header_sent_twice_with_different_values_is_refused() -> None:
    headers = Headers(
        raw=[(b"x-gigstack-signature", sign(BODY).encode()), (b"x-gigstack-signature", b"00")]
    )

    with pytest.raises(WebhookVerificationError, match="more than once"):
        verify_signature(BODY, headers, SECRET)


@pytest.mark.parametrize(
    ("secret", "algorithm", "message"),
    [("", "sha256", "non-empty secret"), (SECRET, "rot13", "Unknown hash algorithm")],
)
def test_a_misconfiguration_is_a_value_error(secret: str, algorithm: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        verify_signature(BODY, {"X-Gigstack-Signature": sign(BODY)}, secret, algorithm=algorithm)

    assert SECRET not in str(caught.value)


def spy_on_compare_digest(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[tuple[Any, Any]]:
    calls: list[tuple[Any, Any]] = []

    def compare(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return answer

    monkeypatch.setattr(hmac, "compare_digest", compare)
    return calls


def test_the_signature_decision_is_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_on_compare_digest(monkeypatch, answer=False)
    with pytest.raises(WebhookVerificationError):
        verify_signature(BODY, {"X-Gigstack-Signature": sign(BODY)}, SECRET)
    assert calls == [(sign(BODY).encode(), sign(BODY).encode())]

    calls = spy_on_compare_digest(monkeypatch, answer=True)
    verify_signature(BODY, {"X-Gigstack-Signature": "00"}, SECRET)
    assert calls == [(b"00", sign(BODY).encode())]


def test_verify_header_accepts_the_shared_secret_under_any_case() -> None:
    verify_header({"x-webhook-token": SECRET}, "X-Webhook-Token", SECRET)
    verify_header(Headers(raw=[(b"x-webhook-token", SECRET.encode())]), "X-WEBHOOK-TOKEN", SECRET)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"X-Webhook-Token": SECRET + "x"}, "X-Webhook-Token header does not match"),
        ({"X-Webhook-Token": ""}, "does not match"),
        ({"X-Webhook-Token": SECRET[:-1]}, "does not match"),
        ({"X-Other": SECRET}, "no X-Webhook-Token header"),
        ({}, "no X-Webhook-Token header"),
    ],
)
def test_verify_header_refuses_a_wrong_or_missing_header(
    headers: dict[str, str], message: str
) -> None:
    with pytest.raises(WebhookVerificationError, match=message) as caught:
        verify_header(headers, "X-Webhook-Token", SECRET)

    assert SECRET not in str(caught.value) + repr(caught.value)


def test_verify_header_needs_an_expected_value() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        verify_header({"X-Webhook-Token": ""}, "X-Webhook-Token", "")


def test_the_header_decision_is_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_on_compare_digest(monkeypatch, answer=True)

    verify_header({"X-Webhook-Token": "guess"}, "X-Webhook-Token", SECRET)

    assert calls == [(b"guess", SECRET.encode())]
