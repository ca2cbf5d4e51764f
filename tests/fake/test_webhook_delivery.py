"""How the fake delivers: signed and with custom headers, retried with backoff on a non-2xx or
no answer, each attempt journaled, in process to ASGI apps or over HTTP to loopback."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gigstack_async import Gigstack
from gigstack_async.testing import FakeGigstack
from gigstack_async.testing.__main__ import main
from gigstack_async.webhooks import WebhookVerificationError, verify_header, verify_signature

from . import bodies
from .served import STARTUP_SECONDS
from .webhook_receiver import Receiver, served

URL = "https://shop.example/webhooks/gigstack"


async def one_client(fake: FakeGigstack, gs: Gigstack) -> str:
    client = await gs.clients.create(bodies.client())
    await fake.drain_webhooks()
    return client.id


@pytest.mark.asyncio
async def test_a_signing_webhook_signs_the_raw_body_with_its_secret(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    receiver = Receiver()
    fake.deliver_webhooks_to(receiver.app)
    webhook_id = fake.add_webhook(URL, signing=True)
    await one_client(fake, gs)

    [delivery] = receiver.received
    secret = fake.webhook_secret(webhook_id)
    assert secret.startswith("whsec_")
    verify_signature(delivery.body, delivery.headers, secret)
    with pytest.raises(WebhookVerificationError):
        verify_signature(delivery.body, delivery.headers, "whsec_another")
    with pytest.raises(WebhookVerificationError):
        verify_signature(delivery.body + b" ", delivery.headers, secret)
    assert delivery.headers["x-gigstack-webhook-id"] == webhook_id
    assert delivery.headers["content-type"] == "application/json"


@pytest.mark.asyncio
async def test_a_webhook_without_signing_sends_no_signature_and_has_no_secret(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    receiver = Receiver()
    fake.deliver_webhooks_to(receiver.app)
    webhook_id = fake.add_webhook(URL)
    await one_client(fake, gs)
    assert "x-gigstack-signature" not in receiver.received[0].headers
    with pytest.raises(ValueError, match="does not sign"):
        fake.webhook_secret(webhook_id)
    with pytest.raises(ValueError, match="no webhook"):
        fake.webhook_secret("wh_missing")


@pytest.mark.asyncio
async def test_custom_security_headers_are_sent(fake: FakeGigstack, gs: Gigstack) -> None:
    receiver = Receiver()
    fake.deliver_webhooks_to(receiver.app)
    fake.add_webhook(URL, headers={"X-Webhook-Token": "s3cret", "X-Shop": "norte"})
    await one_client(fake, gs)
    headers = receiver.received[0].headers
    verify_header(headers, "X-Webhook-Token", "s3cret")
    assert headers["x-shop"] == "norte"


@pytest.mark.asyncio
async def test_configure_webhook_changes_signing_and_headers_for_later_deliveries(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    receiver = Receiver()
    fake.deliver_webhooks_to(receiver.app)
    webhook_id = fake.add_webhook(URL, headers={"X-Old": "1"})
    fake.configure_webhook(webhook_id, signing=True, headers={"X-New": "2"})
    secret = fake.webhook_secret(webhook_id)
    fake.configure_webhook(webhook_id, signing=True)  # on again: the same secret
    assert fake.webhook_secret(webhook_id) == secret
    await one_client(fake, gs)
    signed = receiver.received[-1]
    verify_signature(signed.body, signed.headers, secret)
    assert signed.headers["x-new"] == "2" and "x-old" not in signed.headers

    fake.configure_webhook(webhook_id, signing=False)
    await one_client(fake, gs)
    assert "x-gigstack-signature" not in receiver.received[-1].headers
    assert receiver.received[-1].headers["x-new"] == "2"  # None left the headers alone
    fake.configure_webhook(webhook_id, signing=True)
    assert fake.webhook_secret(webhook_id) != secret  # off then on: a new secret


@pytest.mark.asyncio
async def test_a_failed_delivery_is_retried_until_a_2xx_and_each_attempt_journaled(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    receiver = Receiver(500, 503)
    fake.deliver_webhooks_to(receiver.app)
    fake.configure_webhook_delivery(first_retry_after=0)
    webhook_id = fake.add_webhook(URL)
    await one_client(fake, gs)

    attempts = [(d.attempt, d.status, d.ok) for d in fake.deliveries]
    assert attempts == [(1, 500, False), (2, 503, False), (3, 200, True)]
    assert {(d.event, d.webhook_id, d.url) for d in fake.deliveries} == {
        ("customer.created", webhook_id, URL)
    }
    assert len({d.event_id for d in fake.deliveries}) == 1
    assert all(d.duration >= 0 and d.error is None for d in fake.deliveries)
    assert len({item.body for item in receiver.received}) == 1  # the same bytes each time


@pytest.mark.asyncio
async def test_retries_stop_at_the_bound(fake: FakeGigstack, gs: Gigstack) -> None:
    receiver = Receiver(*[500] * 10)
    fake.deliver_webhooks_to(receiver.app)
    fake.configure_webhook_delivery(max_attempts=3, first_retry_after=0)
    fake.add_webhook(URL)
    await one_client(fake, gs)
    assert [(d.attempt, d.status) for d in fake.deliveries] == [(1, 500), (2, 500), (3, 500)]
    assert len(receiver.received) == 3
    fake.clear_deliveries()
    assert fake.deliveries == []


@pytest.mark.asyncio
async def test_no_answer_within_the_timeout_is_a_failed_attempt(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    receiver = Receiver(None)  # the first request never gets an answer
    fake.deliver_webhooks_to(receiver.app)
    fake.configure_webhook_delivery(first_retry_after=0, timeout=0.05)
    fake.add_webhook(URL)
    await one_client(fake, gs)
    first, second = fake.deliveries
    assert (first.status, first.error) == (None, "no answer within 0.05 s")
    assert (second.attempt, second.status) == (2, 200)


@pytest.mark.asyncio
async def test_an_app_that_raises_counts_as_a_500(fake: FakeGigstack, gs: Gigstack) -> None:
    receiver = Receiver(RuntimeError("database is down"))
    fake.deliver_webhooks_to(receiver.app)
    fake.configure_webhook_delivery(first_retry_after=0)
    fake.add_webhook(URL)
    await one_client(fake, gs)
    first, second = fake.deliveries
    assert first.status == 500 and first.error is not None and "database is down" in first.error
    assert second.ok


@pytest.mark.asyncio
async def test_events_reach_each_webhook_in_the_order_they_happened(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    receiver = Receiver(500, 500)  # the first event needs three attempts
    fake.deliver_webhooks_to(receiver.app)
    fake.configure_webhook_delivery(first_retry_after=0)
    fake.add_webhook(URL)
    client = await gs.clients.create(bodies.client())
    await gs.clients.update(client.id, {"name": "Otra"})
    await gs.clients.delete(client.id)
    await fake.drain_webhooks()
    delivered = [str(item.event.type) for item in receiver.received]
    assert delivered == ["customer.created"] * 3 + ["customer.updated", "customer.deleted"]


@pytest.mark.asyncio
async def test_apps_are_chosen_by_the_webhooks_host(fake: FakeGigstack, gs: Gigstack) -> None:
    shop, crm = Receiver(), Receiver()
    fake.deliver_webhooks_to({"shop.example": shop.app, "crm.example:8443": crm.app})
    fake.add_webhook("https://shop.example/hook")
    fake.add_webhook("https://crm.example:8443/hook")
    fake.add_webhook("https://elsewhere.example/hook")
    await one_client(fake, gs)
    assert [item.url for item in shop.received] == ["https://shop.example/hook"]
    assert [item.url for item in crm.received] == ["https://crm.example:8443/hook"]
    [lost] = [d for d in fake.deliveries if "elsewhere" in d.url]
    assert lost.status is None and lost.attempt == 1  # not retried: nowhere to deliver
    assert lost.error is not None and "not delivered" in lost.error
    assert len(fake.deliveries) == 3


@pytest.mark.asyncio
async def test_loopback_urls_are_called_over_http(fake: FakeGigstack, gs: Gigstack) -> None:
    receiver = Receiver()
    with served(receiver.app) as base_url:
        fake.add_webhook(f"{base_url}/webhooks/gigstack", ["customer.created"])
        await one_client(fake, gs)
    assert [d.status for d in fake.deliveries] == [200]
    assert receiver.types == ["customer.created"]
    assert receiver.received[0].url == f"{base_url}/webhooks/gigstack"


@pytest.mark.asyncio
async def test_a_served_fake_delivers_and_drains_from_another_event_loop() -> None:
    gate = threading.Event()  # holds the first answer until the test is draining
    statuses = iter([500, 200])

    async def endpoint(request: Request) -> Response:
        await asyncio.to_thread(gate.wait, STARTUP_SECONDS)
        return Response(status_code=next(statuses))

    app = Starlette(routes=[Route("/webhooks/gigstack", endpoint, methods=["POST"])])
    fake = FakeGigstack()
    fake.deliver_webhooks_to(app)
    fake.configure_webhook_delivery(first_retry_after=0)
    fake.add_webhook(URL, ["customer.created"])
    with served(fake.app) as base_url:
        async with Gigstack(api_key=fake.api_key, base_url=f"{base_url}/v2") as gs:
            await gs.clients.create(bodies.client())
        draining = asyncio.create_task(fake.drain_webhooks())
        await asyncio.sleep(0)
        assert not draining.done()  # the delivery, on the server's loop, is pending
        gate.set()
        await draining
        assert [d.status for d in fake.deliveries] == [500, 200]


@pytest.mark.asyncio
async def test_a_loopback_url_nobody_listens_on_fails_each_attempt(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake.configure_webhook_delivery(max_attempts=2, first_retry_after=0)
    fake.add_webhook(f"http://localhost:{port}/hook", description="nobody home")
    await one_client(fake, gs)
    assert [(d.attempt, d.status) for d in fake.deliveries] == [(1, None), (2, None)]
    assert all(d.error and d.error.startswith("ConnectError") for d in fake.deliveries)


def test_webhook_settings_are_checked(fake: FakeGigstack) -> None:
    for url in ("ftp://shop.example/hook", "https:///hook", "shop.example"):
        with pytest.raises(ValueError, match="url"):
            fake.add_webhook(url)
    with pytest.raises(ValueError, match="status"):
        fake.add_webhook(URL, status="paused")
    with pytest.raises(ValueError, match="events"):
        fake.add_webhook(URL, [""])
    with pytest.raises(ValueError, match="no team"):
        fake.add_webhook(URL, team="team_missing")
    with pytest.raises(ValueError, match="string values"):
        fake.add_webhook(URL, headers={"X-Token": 7})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="line breaks"):
        fake.add_webhook(URL, headers={"X-Token": "a\r\nX-Evil: 1"})
    with pytest.raises(ValueError, match="no webhook"):
        fake.configure_webhook("wh_missing", signing=True)
    for bad in ({"max_attempts": 0}, {"first_retry_after": -1}, {"timeout": 0}):
        with pytest.raises(ValueError):
            fake.configure_webhook_delivery(**bad)


def test_the_served_fake_calls_its_webhooks_on_loopback() -> None:
    receiver = Receiver()
    with served(receiver.app) as receiver_url:
        command = [sys.executable, "-m", "gigstack_async.testing", "--port", "0"]
        command += ["--webhook", f"{receiver_url}/hook"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        watchdog = threading.Timer(STARTUP_SECONDS, process.kill)  # never wait forever
        watchdog.start()
        try:
            assert process.stdout is not None
            serving, registered = process.stdout.readline(), process.stdout.readline()
            watchdog.cancel()
            base_url = re.search(r"(http://127\.0\.0\.1:\d+/v2)", serving)
            assert base_url is not None, serving
            assert re.fullmatch(rf"webhook wh_\w+ -> {receiver_url}/hook\n", registered)
            headers = {"Authorization": "Bearer sk_test_fake"}
            with httpx.Client(base_url=base_url.group(1), headers=headers, timeout=10) as http:
                created = http.post("/clients", json=bodies.client()).json()["data"]
            give_up = time.monotonic() + STARTUP_SECONDS  # the delivery is on its way
            while not receiver.received and time.monotonic() < give_up:
                time.sleep(0.01)
        finally:
            watchdog.cancel()
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()
    assert receiver.types == ["customer.created"]
    assert receiver.received[0].event.data.id == created["id"]


def test_the_served_fake_refuses_a_webhook_url_it_cannot_call(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--port", "0", "--webhook", "ftp://shop.example/hook"])
    assert exited.value.code == 2
    assert "--webhook" in capsys.readouterr().err
