"""End to end, without a network: a shop's Starlette app verifies, parses and de-duplicates
gigstack's deliveries and marks the order paid; the fake, where the payment is registered through
the SDK, delivers `payment.succeeded` to it. The order is paid exactly once even when the first
delivery attempt is answered 500, whether the app failed before or after doing the work."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gigstack_async.testing import FakeGigstack
from gigstack_async.webhooks import (
    PaymentEvent,
    SeenEvents,
    WebhookEventType,
    WebhookPayloadError,
    WebhookVerificationError,
    parse_event,
    verify_signature,
)

from . import bodies

WEBHOOK_URL = "https://shop.example/webhooks/gigstack"


@dataclass
class Shop:
    """The app under test: orders keyed by the payment's `metadata.order_id`."""

    secret: str = ""
    orders: dict[str, str] = field(default_factory=lambda: {"order-42": "pending"})
    paid_by: dict[str, str] = field(default_factory=dict)  # order id -> payment id
    handled: list[str] = field(default_factory=list)  # event ids the handler acted on
    seen: SeenEvents = field(default_factory=SeenEvents)
    fail_first: str | None = None  # "before" or "after" doing the work: answer 500 once

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/webhooks/gigstack", self.webhook, methods=["POST"])])

    async def webhook(self, request: Request) -> Response:
        body = await request.body()
        try:
            verify_signature(body, request.headers, self.secret)
            event = parse_event(body, request.headers)
        except WebhookPayloadError:
            return Response(status_code=400)
        except WebhookVerificationError:
            return Response(status_code=401)
        if self.fail_first == "before":
            self.fail_first = None
            return Response(status_code=500)  # e.g. the database was unreachable
        if event.id is not None and await self.seen.check_and_add(event.id):
            return Response(status_code=200)
        if isinstance(event, PaymentEvent) and event.type == WebhookEventType.PAYMENT_SUCCEEDED:
            self.mark_paid(event.data.metadata or {}, event.data.id or "")
            self.handled.append(event.id or "")
        if self.fail_first == "after":
            self.fail_first = None
            return Response(status_code=500)  # e.g. a proxy timed out after the work was done
        return Response(status_code=200)

    def mark_paid(self, metadata: dict[str, object], payment_id: str) -> None:
        order = str(metadata.get("order_id"))
        if order in self.orders:
            self.orders[order] = "paid"
            self.paid_by[order] = payment_id


@pytest.mark.asyncio
@pytest.mark.parametrize("fail_first", [None, "before", "after"])
async def test_a_registered_payment_marks_the_order_paid_exactly_once(
    fail_first: str | None,
) -> None:
    shop = Shop(fail_first=fail_first)
    fake = FakeGigstack()
    fake.configure_webhook_delivery(first_retry_after=0)
    webhook_id = fake.add_webhook(WEBHOOK_URL, ["payment.succeeded"], signing=True)
    shop.secret = fake.webhook_secret(webhook_id)
    fake.deliver_webhooks_to(shop.app())

    async with fake.client() as gs:
        client = await gs.clients.create(bodies.client())
        payment = await gs.payments.register(
            bodies.payment(client.id, payment_form="03", metadata={"order_id": "order-42"})
        )
    await fake.drain_webhooks()

    assert shop.orders == {"order-42": "paid"}
    assert shop.paid_by == {"order-42": payment.id}
    assert len(shop.handled) == 1
    statuses = [d.status for d in fake.deliveries]
    assert statuses == ([200] if fail_first is None else [500, 200])
    assert {d.event for d in fake.deliveries} == {"payment.succeeded"}
    assert {d.event_id for d in fake.deliveries} == set(shop.handled)


@pytest.mark.asyncio
async def test_the_shop_refuses_a_delivery_signed_with_another_secret() -> None:
    shop = Shop(secret="whsec_not_the_webhooks")
    fake = FakeGigstack()
    fake.configure_webhook_delivery(max_attempts=2, first_retry_after=0)
    fake.add_webhook(WEBHOOK_URL, ["payment.succeeded"], signing=True)
    fake.deliver_webhooks_to(shop.app())
    async with fake.client() as gs:
        client = await gs.clients.create(bodies.client())
        await gs.payments.register(
            bodies.payment(client.id, payment_form="03", metadata={"order_id": "order-42"})
        )
    await fake.drain_webhooks()
    assert shop.orders == {"order-42": "pending"}
    assert [d.status for d in fake.deliveries] == [401, 401]


@pytest.mark.asyncio
async def test_a_webhook_registered_through_the_sdk_delivers_to_the_shop() -> None:
    shop = Shop(fail_first="before")
    fake = FakeGigstack()
    fake.configure_webhook_delivery(first_retry_after=0)
    fake.deliver_webhooks_to(shop.app())
    async with fake.client() as gs:
        webhook = await gs.webhooks.create({"url": WEBHOOK_URL, "events": ["payment.succeeded"]})
        assert webhook.id is not None
        fake.configure_webhook(webhook.id, signing=True)
        shop.secret = fake.webhook_secret(webhook.id)
        assert (await gs.webhooks.get(webhook.id)).url == WEBHOOK_URL
        client = await gs.clients.create(bodies.client())
        payment = await gs.payments.register(
            bodies.payment(client.id, payment_form="03", metadata={"order_id": "order-42"})
        )
    await fake.drain_webhooks()
    assert shop.paid_by == {"order-42": payment.id} and len(shop.handled) == 1
    assert [d.status for d in fake.deliveries] == [500, 200]
