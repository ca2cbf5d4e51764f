"""The events the fake sends for what it does: which operation gives which events, to which
webhooks, in the shape `parse_event` reads."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import pytest_asyncio

from gigstack_async import Gigstack, NotFoundError
from gigstack_async.models import GigstackClient, Invoice, Payment, Receipt, Service, Team
from gigstack_async.testing import FakeGigstack
from gigstack_async.webhooks import (
    CustomerEvent,
    InvoiceEvent,
    PaymentEvent,
    ReceiptEvent,
    ServiceEvent,
    TeamEvent,
)

from . import bodies
from .webhook_receiver import Receiver

URL = "https://shop.example/webhooks/gigstack"


@pytest.fixture
def receiver(fake: FakeGigstack) -> Receiver:
    receiver = Receiver()
    fake.deliver_webhooks_to(receiver.app)
    return receiver


@pytest_asyncio.fixture
async def hooked(fake: FakeGigstack, gs: Gigstack, receiver: Receiver) -> AsyncIterator[Gigstack]:
    """`gs`, with a webhook of the default team that receives every event."""
    fake.add_webhook(URL)
    yield gs
    await fake.drain_webhooks()


async def events_of(
    fake: FakeGigstack, receiver: Receiver, action: Awaitable[Any]
) -> tuple[Any, list[str]]:
    """What `action` returned and the names of the events it sent, in order."""
    await fake.drain_webhooks()  # what came before
    receiver.received.clear()
    result = await action
    await fake.drain_webhooks()
    return result, receiver.types


async def new_client(gs: Gigstack) -> GigstackClient:
    return await gs.clients.create(bodies.client())


@pytest.mark.asyncio
async def test_clients_give_customer_events(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client, sent = await events_of(fake, receiver, new_client(gs))
    assert sent == ["customer.created"]
    _, sent = await events_of(fake, receiver, gs.clients.update(client.id, {"name": "Otra"}))
    assert sent == ["customer.updated"]
    _, sent = await events_of(fake, receiver, gs.clients.validate(client.id))
    assert sent == ["customer.updated"]  # the SAT check is stored on the client
    _, sent = await events_of(fake, receiver, gs.clients.delete(client.id))
    assert sent == ["customer.deleted"]
    assert receiver.received[0].event.data.id == client.id  # the record as it was


@pytest.mark.asyncio
async def test_an_upsert_tells_whether_it_created_updated_or_found(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    search = {"on_key": "tax_id", "on_value": "EDE010101AB1"}
    _, sent = await events_of(fake, receiver, gs.clients.create(bodies.client(search=search)))
    assert sent == ["customer.created"]
    found = bodies.client(search=search, legal_name="Empresa Demo SA de CV")
    _, sent = await events_of(fake, receiver, gs.clients.create(found))
    assert sent == []  # found, nothing changed
    update = {**search, "update": True}
    _, sent = await events_of(
        fake, receiver, gs.clients.create(bodies.client(search=update, name="Nueva"))
    )
    assert sent == ["customer.updated"]


@pytest.mark.asyncio
async def test_services_give_service_events(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    service, sent = await events_of(fake, receiver, gs.services.create(bodies.item()))
    assert sent == ["service.created"]
    _, sent = await events_of(fake, receiver, gs.services.update(service.id, {"unit_price": 9}))
    assert sent == ["service.updated"]
    _, sent = await events_of(fake, receiver, gs.services.delete(service.id))
    assert sent == ["service.deleted"]


@pytest.mark.asyncio
async def test_invoices_give_created_then_canceled_once(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    invoice, sent = await events_of(
        fake, receiver, gs.invoices.income.create(bodies.invoice(client.id))
    )
    assert sent == ["invoice.created"]
    _, sent = await events_of(fake, receiver, gs.invoices.cancel(invoice.uuid, {"motive": "02"}))
    assert sent == ["invoice.canceled"]
    _, sent = await events_of(fake, receiver, gs.invoices.cancel(invoice.uuid, {"motive": "02"}))
    assert sent == []  # a repeated cancel changes nothing


@pytest.mark.asyncio
async def test_a_requested_payment_gives_created_then_succeeded_updated_refunded(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    payment, sent = await events_of(fake, receiver, gs.payments.request(bodies.payment(client.id)))
    assert sent == ["payment.created"]
    _, sent = await events_of(
        fake, receiver, gs.payments.mark_paid(payment.id, {"payment_form": "03"})
    )
    assert sent == ["payment.succeeded"]
    _, sent = await events_of(fake, receiver, gs.payments.refund(payment.id, {"amount": 100}))
    assert sent == ["payment.updated"]  # partly refunded: still succeeded
    rest = payment.total - 100
    _, sent = await events_of(fake, receiver, gs.payments.refund(payment.id, {"amount": rest}))
    assert sent == ["payment.refunded"]


@pytest.mark.asyncio
async def test_a_canceled_payment_request_gives_payment_canceled(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    payment = await gs.payments.request(bodies.payment(client.id))
    _, sent = await events_of(fake, receiver, gs.payments.cancel(payment.id))
    assert sent == ["payment.canceled"]


@pytest.mark.asyncio
async def test_a_registered_payment_is_created_paid_and_invoiced_by_its_automation(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    body = bodies.payment(client.id, payment_form="03", automation_type="pue_invoice")
    payment, sent = await events_of(fake, receiver, gs.payments.register(body))
    assert sent == ["payment.created", "payment.succeeded", "invoice.created"]
    invoice = receiver.received[2].event.data
    assert isinstance(invoice, Invoice) and invoice.uuid == payment.invoice_id


@pytest.mark.asyncio
async def test_receipts_give_created_completed_and_canceled(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    receipt, sent = await events_of(fake, receiver, gs.receipts.create(bodies.receipt()))
    assert sent == ["receipt.created"]
    _, sent = await events_of(fake, receiver, gs.receipts.stamp(receipt.id))
    assert sent == ["receipt.completed", "invoice.created"]
    other = await gs.receipts.create(bodies.receipt())
    _, sent = await events_of(fake, receiver, gs.receipts.cancel(other.id))
    assert sent == ["receipt.canceled"]


@pytest.mark.asyncio
async def test_stamping_a_clients_pending_receipts_completes_each(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    for _ in range(2):
        await gs.receipts.create(bodies.receipt(client={"id": client.id}))
    _, sent = await events_of(fake, receiver, gs.clients.stamp_pending_receipts(client.id))
    assert sorted(sent) == ["invoice.created"] * 2 + ["receipt.completed"] * 2


@pytest.mark.asyncio
async def test_a_new_connect_team_gives_teams_created(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    team, sent = await events_of(fake, receiver, hooked.teams.create({"brand": {"alias": "Norte"}}))
    assert sent == ["teams.created"]
    event = receiver.received[0].event
    assert isinstance(event, TeamEvent) and isinstance(event.data, Team)
    assert event.data.id == team.id


@pytest.mark.asyncio
async def test_reads_failures_and_replays_send_nothing(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    body = bodies.payment(client.id, payment_form="03", idempotency_key="order-7")
    await gs.payments.register(body)
    calls: list[Callable[[], Awaitable[Any]]] = [
        lambda: gs.clients.get(client.id),
        lambda: gs.clients.list(),
        lambda: gs.payments.register(body),  # the same key: the first payment again
    ]
    for call in calls:
        _, sent = await events_of(fake, receiver, call())
        assert sent == []
    with pytest.raises(NotFoundError):
        await events_of(fake, receiver, gs.clients.update("client_missing", {"name": "x"}))
    await fake.drain_webhooks()
    assert receiver.types == []


FAMILIES: list[tuple[str, type[Any], type[Any]]] = [
    ("customer.created", CustomerEvent, GigstackClient),
    ("service.created", ServiceEvent, Service),
    ("payment.succeeded", PaymentEvent, Payment),
    ("receipt.created", ReceiptEvent, Receipt),
    ("invoice.created", InvoiceEvent, Invoice),
]


@pytest.mark.asyncio
async def test_each_event_is_the_documented_shape_with_the_record_as_its_model(
    fake: FakeGigstack, hooked: Gigstack, receiver: Receiver
) -> None:
    gs = hooked
    client = await new_client(gs)
    await gs.services.create(bodies.item())
    payment = await gs.payments.register(
        bodies.payment(client.id, payment_form="03", automation_type="pue_invoice")
    )
    await gs.receipts.create(bodies.receipt())
    await fake.drain_webhooks()
    by_type = {item.event.type: item for item in receiver.received}
    for name, event_class, model in FAMILIES:
        event = by_type[name].event
        assert type(event) is event_class and isinstance(event.data, model)
        assert set(event.payload) == {"id", "type", "created", "livemode", "data"}
        assert event.payload["type"] == name and set(event.payload["data"]) == {"object"}
        assert event.id is not None and event.id.startswith("evt_")
        assert isinstance(event.payload["created"], int) and event.created is not None
        assert event.livemode is False  # a test key
    paid = by_type["payment.succeeded"].event.data
    assert paid.to_dict() == (await gs.payments.get(payment.id)).to_dict()
    assert len({item.event.id for item in receiver.received}) == len(receiver.received)


@pytest.mark.asyncio
async def test_a_live_key_sends_livemode_events(receiver: Receiver) -> None:
    fake = FakeGigstack("sk_live_fake")
    fake.deliver_webhooks_to(receiver.app)
    fake.add_webhook(URL)
    async with fake.client() as gs:
        await new_client(gs)
    await fake.drain_webhooks()
    assert [item.event.livemode for item in receiver.received] == [True]


@pytest.mark.asyncio
async def test_a_webhook_receives_the_events_it_lists_in_either_spelling(
    fake: FakeGigstack, gs: Gigstack, receiver: Receiver
) -> None:
    fake.add_webhook("https://paid.example/hook", ["payment.succeeded"])
    fake.add_webhook("https://canceled.example/hook", ["invoice.cancelled", "payment.canceled"])
    fake.add_webhook("https://paused.example/hook", status="inactive")
    client = await new_client(gs)
    invoice = await gs.invoices.income.create(bodies.invoice(client.id))
    await gs.invoices.cancel(invoice.uuid, {"motive": "02"})
    await gs.payments.register(bodies.payment(client.id, payment_form="03"))
    await fake.drain_webhooks()
    by_host = sorted((item.url.split("/")[2], str(item.event.type)) for item in receiver.received)
    assert by_host == [
        ("canceled.example", "invoice.canceled"),
        ("paid.example", "payment.succeeded"),
    ]


@pytest.mark.asyncio
async def test_every_webhook_of_the_team_gets_the_same_event(
    fake: FakeGigstack, gs: Gigstack, receiver: Receiver
) -> None:
    fake.add_webhook("https://one.example/hook")
    fake.add_webhook("https://two.example/hook", ["customer.created"])
    await new_client(gs)
    await fake.drain_webhooks()
    assert receiver.types == ["customer.created"] * 2
    assert len({item.event.id for item in receiver.received}) == 1
    assert {item.url.split("/")[2] for item in receiver.received} == {"one.example", "two.example"}


@pytest.mark.asyncio
async def test_events_stay_within_their_team(receiver: Receiver) -> None:
    fake = FakeGigstack(teams=["team_norte"])
    fake.deliver_webhooks_to(receiver.app)
    fake.add_webhook("https://default.example/hook")
    fake.add_webhook("https://norte.example/hook", team="team_norte")
    async with fake.client() as gs:
        await gs.for_team("team_norte").clients.create(bodies.client())
    await fake.drain_webhooks()
    assert [item.url.split("/")[2] for item in receiver.received] == ["norte.example"]
    assert [d.team for d in fake.deliveries] == ["team_norte"]


@pytest.mark.asyncio
async def test_without_webhooks_nothing_is_delivered(
    fake: FakeGigstack, gs: Gigstack, receiver: Receiver
) -> None:
    await new_client(gs)
    await fake.drain_webhooks()
    assert receiver.received == [] and fake.deliveries == []
