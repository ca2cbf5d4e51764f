"""examples/webhooks_fastapi.py, where FastAPI is installed: a signed payment.succeeded reaches
`mark_order_paid` once, a forged delivery is refused."""

from __future__ import annotations

import hmac
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from gigstack_async.models import Payment

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "webhooks_fastapi.py"
SECRET = "whsec_example_test"


def load_example(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    pytest.importorskip("fastapi")
    monkeypatch.setenv("GIGSTACK_WEBHOOK_SECRET", SECRET)
    spec = importlib.util.spec_from_file_location("webhooks_fastapi_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def delivery(body: dict[str, Any], secret: str = SECRET) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    signature = hmac.new(secret.encode(), raw, "sha256").hexdigest()
    return {"content": raw, "headers": {"X-Gigstack-Signature": signature}}


@pytest.mark.asyncio
async def test_the_fastapi_example_handles_a_signed_payment_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = load_example(monkeypatch)
    paid: list[Payment] = []

    async def mark_order_paid(payment: Payment) -> None:
        paid.append(payment)

    monkeypatch.setattr(example, "mark_order_paid", mark_order_paid)
    event = {
        "id": "evt_7",
        "type": "payment.succeeded",
        "created": 1_767_225_600_000,
        "data": {"object": {"id": "payment_7", "total": 100.0}},
    }
    transport = httpx.ASGITransport(app=example.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        first = await client.post("/webhooks/gigstack", **delivery(event))
        again = await client.post("/webhooks/gigstack", **delivery(event))
        forged = await client.post("/webhooks/gigstack", **delivery(event, secret="guess"))
        garbage = await client.post("/webhooks/gigstack", **delivery({"no": "name"}))

    assert [first.status_code, again.status_code] == [200, 200]
    assert [forged.status_code, garbage.status_code] == [401, 400]
    assert [payment.id for payment in paid] == ["payment_7"]


@pytest.mark.asyncio
async def test_the_fake_delivers_a_registered_payment_to_the_fastapi_app_exactly_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The FastAPI app under test, a webhook registered through the SDK, a payment registered
    through the SDK: the handler sees `payment.succeeded` for that payment once, although the
    first delivery attempt is answered 500."""
    from gigstack_async.testing import FakeGigstack
    from tests.fake import bodies

    fake = FakeGigstack()
    fake.configure_webhook_delivery(first_retry_after=0)
    async with fake.client() as gs:
        webhook = await gs.webhooks.create(
            {"url": "https://shop.example/webhooks/gigstack", "events": ["payment.succeeded"]}
        )
        assert webhook.id is not None
        fake.configure_webhook(webhook.id, signing=True)
        example = load_example(monkeypatch)
        monkeypatch.setattr(example, "SECRET", fake.webhook_secret(webhook.id))
        paid: list[str | None] = []

        async def mark_order_paid(payment: Payment) -> None:
            paid.append(payment.id)

        monkeypatch.setattr(example, "mark_order_paid", mark_order_paid)
        failed_once: list[bool] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and not failed_once:  # a load balancer hiccup
                failed_once.append(True)
                await send({"type": "http.response.start", "status": 500, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
            await example.app(scope, receive, send)

        fake.deliver_webhooks_to(app)
        client = await gs.clients.create(bodies.client())
        payment = await gs.payments.register(bodies.payment(client.id, payment_form="03"))
    await fake.drain_webhooks()
    assert paid == [payment.id]
    assert [d.status for d in fake.deliveries] == [500, 200]
