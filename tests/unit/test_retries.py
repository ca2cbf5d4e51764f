"""Retries: what is repeated, how often, how long it waits, and with which idempotency key."""

from __future__ import annotations

import email.utils
import json
import time

import httpx
import pytest
import respx

import gigstack_async as g
from gigstack_async import Gigstack
from tests.unit.conftest import envelope

INVOICE = {"client": {"id": "c1"}, "items": [{"description": "x", "quantity": 1, "unit_price": 10}]}
PAYMENT = {"client": {"id": "c1"}, "items": [{"id": "s1", "quantity": 1}], "payment_form": "03"}


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_get_retries_transient_statuses_then_succeeds(
    router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.get("/clients/c1").mock(
        side_effect=[
            httpx.Response(status),
            httpx.Response(status),
            httpx.Response(200, json=envelope({"id": "c1"})),
        ]
    )
    async with Gigstack(api_key="k", max_retries=2) as gs:
        assert (await gs.clients.get("c1")).id == "c1"
    assert route.call_count == 3 and len(sleeps) == 2
    assert all(0 <= s <= 8 for s in sleeps)


@pytest.mark.asyncio
async def test_gives_up_after_max_retries(router: respx.MockRouter, sleeps: list[float]) -> None:
    route = router.get("/clients/c1").respond(503)
    async with Gigstack(api_key="k", max_retries=3) as gs:
        with pytest.raises(g.InternalServerError):
            await gs.clients.get("c1")
    assert route.call_count == 4


@pytest.mark.asyncio
async def test_client_errors_are_not_retried(router: respx.MockRouter, sleeps: list[float]) -> None:
    route = router.get("/clients/c1").respond(404, json={"error": "resource_not_found"})
    async with Gigstack(api_key="k") as gs:
        with pytest.raises(g.NotFoundError):
            await gs.clients.get("c1")
    assert route.call_count == 1 and sleeps == []


@pytest.mark.asyncio
async def test_retry_after_seconds_and_http_date_are_waited(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    router.get("/clients/c1").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(503, headers={"Retry-After": future}),
            httpx.Response(200, json=envelope({"id": "c1"})),
        ]
    )
    async with Gigstack(api_key="k", max_retries=2) as gs:
        await gs.clients.get("c1")
    assert sleeps[0] == 7.0
    assert 25 <= sleeps[1] <= 30


@pytest.mark.asyncio
async def test_retry_after_above_the_cap_raises_instead_of_waiting(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get("/clients/c1").respond(429, headers={"Retry-After": "3600"})
    async with Gigstack(api_key="k", max_retries=2) as gs:
        with pytest.raises(g.RateLimitError):
            await gs.clients.get("c1")
    assert route.call_count == 1 and sleeps == []


@pytest.mark.asyncio
async def test_unparseable_retry_after_falls_back_to_backoff(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/clients/c1").mock(
        side_effect=[httpx.Response(503, headers={"Retry-After": "soon"}),
                     httpx.Response(200, json=envelope({"id": "c1"}))]
    )  # fmt: skip
    async with Gigstack(api_key="k") as gs:
        await gs.clients.get("c1")
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [500, 502, 504])
async def test_a_plain_post_is_not_retried_when_the_server_may_have_processed_it(
    router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.post("/clients").respond(status)
    async with Gigstack(api_key="k") as gs:
        with pytest.raises(g.InternalServerError):
            await gs.clients.create({"legal_name": "ACME"})
    assert route.call_count == 1


@pytest.mark.asyncio
async def test_a_plain_post_is_not_retried_after_a_read_error(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/clients").mock(side_effect=httpx.RemoteProtocolError("reset"))
    async with Gigstack(api_key="k") as gs:
        with pytest.raises(g.APIConnectionError):
            await gs.clients.create({"legal_name": "ACME"})
    assert route.call_count == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "failure", [httpx.Response(503), httpx.Response(429), httpx.ConnectError("refused")]
)
async def test_a_plain_post_is_retried_when_provably_unprocessed(
    router: respx.MockRouter, sleeps: list[float], failure: object
) -> None:
    route = router.post("/clients").mock(
        side_effect=[failure, httpx.Response(201, json=envelope({"id": "client_1"}))]
    )
    async with Gigstack(api_key="k") as gs:
        assert (await gs.clients.create({"legal_name": "ACME"})).id == "client_1"
    assert route.call_count == 2


@pytest.mark.asyncio
async def test_a_post_whose_key_the_server_honours_retries_with_one_minted_key(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/payments/register").mock(
        side_effect=[
            httpx.Response(500),
            httpx.ReadTimeout("slow"),
            httpx.Response(200, json=envelope({"id": "payment_1"})),
        ]
    )
    async with Gigstack(api_key="k") as gs:
        payment = await gs.payments.register(PAYMENT)
    assert payment.id == "payment_1" and route.call_count == 3
    keys = {json.loads(call.request.content)["idempotency_key"] for call in route.calls}
    assert len(keys) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize("failure", [httpx.Response(500), httpx.ReadTimeout("slow")])
async def test_a_post_whose_key_is_only_sent_is_not_retried_once_it_may_have_been_processed(
    router: respx.MockRouter, sleeps: list[float], failure: object
) -> None:
    route = router.post("/invoices/income").mock(side_effect=[failure])
    async with Gigstack(api_key="k", max_retries=3) as gs:
        with pytest.raises(g.GigstackError):
            await gs.invoices.income.create(INVOICE)
    assert route.call_count == 1 and sleeps == []
    assert json.loads(route.calls.last.request.content)["idempotency_key"]


@pytest.mark.asyncio
async def test_a_post_whose_key_is_only_sent_still_retries_what_was_not_processed(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/invoices/income").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("refused"),
            httpx.Response(200, json=envelope({"uuid": "u1"})),
        ]
    )
    async with Gigstack(api_key="k", max_retries=3) as gs:
        assert (await gs.invoices.income.create(INVOICE)).uuid == "u1"
    keys = {json.loads(call.request.content)["idempotency_key"] for call in route.calls}
    assert route.call_count == 3 and len(keys) == 1


@pytest.mark.asyncio
async def test_an_operation_marked_never_retry_makes_one_attempt(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get("/teams/team_1/onboarding-url").respond(503)
    async with Gigstack(api_key="k", max_retries=5) as gs:
        with pytest.raises(g.InternalServerError):
            await gs.teams.onboarding_url("team_1")
    assert route.call_count == 1 and sleeps == []


@pytest.mark.asyncio
async def test_a_callers_idempotency_key_is_kept_on_every_attempt(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/receipts").mock(
        side_effect=[httpx.Response(502), httpx.Response(200, json=envelope({"id": "receipt_1"}))]
    )
    async with Gigstack(api_key="k") as gs:
        await gs.receipts.create({"items": [], "idempotency_key": "order-77"})
    assert [json.loads(c.request.content)["idempotency_key"] for c in route.calls] == [
        "order-77"
    ] * 2


@pytest.mark.asyncio
async def test_timeouts_are_retried_for_gets(router: respx.MockRouter, sleeps: list[float]) -> None:
    route = router.get("/clients/c1").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json=envelope({"id": "c1"}))]
    )
    async with Gigstack(api_key="k") as gs:
        await gs.clients.get("c1")
    assert route.call_count == 2


@pytest.mark.asyncio
async def test_max_retries_zero_makes_one_attempt(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get("/clients/c1").respond(503)
    async with Gigstack(api_key="k") as gs:
        with pytest.raises(g.InternalServerError):
            await gs.with_options(max_retries=0).clients.get("c1")
    assert route.call_count == 1
