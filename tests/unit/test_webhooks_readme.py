"""The README's Starlette webhook receiver, run as written: a signed delivery reaches the handler
once, a redelivery is skipped, a forged or malformed one is refused."""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from gigstack_async.models import Payment

README = Path(__file__).resolve().parents[2] / "README.md"
SECRET = "whsec_readme_test"


def readme_receiver() -> str:
    section = README.read_text(encoding="utf-8").split("## Receiving webhooks\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    return next(block for block in blocks if "Starlette(" in block)


def delivery(body: dict[str, Any], secret: str = SECRET) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    signature = hmac.new(secret.encode(), raw, "sha256").hexdigest()
    return {"content": raw, "headers": {"X-Gigstack-Signature": signature}}


PAID = {
    "id": "evt_42",
    "type": "payment.succeeded",
    "created": 1_767_225_600_000,
    "livemode": False,
    "data": {"object": {"id": "payment_42", "status": "succeeded", "total": 1160.0}},
}


class Receiver:
    def __init__(self, client: httpx.AsyncClient, paid: list[Payment]) -> None:
        self.client = client
        self.paid = paid

    async def post(self, **request: Any) -> int:
        response = await self.client.post("/webhooks/gigstack", **request)
        return response.status_code


@pytest_asyncio.fixture
async def receiver(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Receiver]:
    monkeypatch.setenv("GIGSTACK_WEBHOOK_SECRET", SECRET)
    namespace: dict[str, Any] = {"__name__": "readme_webhooks"}
    exec(compile(readme_receiver(), str(README), "exec"), namespace)
    paid: list[Payment] = []

    async def mark_order_paid(payment: Payment) -> None:
        paid.append(payment)

    namespace["mark_order_paid"] = mark_order_paid  # the README's placeholder for user code
    transport = httpx.ASGITransport(app=namespace["app"])
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield Receiver(client, paid)


@pytest.mark.asyncio
async def test_a_signed_payment_succeeded_reaches_the_handler_once(receiver: Receiver) -> None:
    assert await receiver.post(**delivery(PAID)) == 200
    assert await receiver.post(**delivery(PAID)) == 200  # redelivered

    assert [payment.id for payment in receiver.paid] == ["payment_42"]
    assert isinstance(receiver.paid[0], Payment)


@pytest.mark.asyncio
async def test_a_forged_delivery_is_refused_and_not_handled(receiver: Receiver) -> None:
    assert await receiver.post(**delivery(PAID, secret="guessed")) == 401
    assert await receiver.post(content=json.dumps(PAID).encode()) == 401

    assert receiver.paid == []


@pytest.mark.asyncio
async def test_a_signed_but_malformed_body_is_a_400(receiver: Receiver) -> None:
    assert await receiver.post(**delivery({"data": {}})) == 400

    assert receiver.paid == []


@pytest.mark.asyncio
async def test_other_and_unknown_events_are_acknowledged_without_action(
    receiver: Receiver,
) -> None:
    other = {**PAID, "id": "evt_43", "type": "payment.created"}
    unknown = {**PAID, "id": "evt_44", "type": "payment.disputed"}

    assert await receiver.post(**delivery(other)) == 200
    assert await receiver.post(**delivery(unknown)) == 200

    assert receiver.paid == []
