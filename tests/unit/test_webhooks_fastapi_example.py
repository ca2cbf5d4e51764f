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
