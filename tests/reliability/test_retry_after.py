"""`Retry-After` in seconds and as an HTTP date: waited when short, refused when past the cap."""

from __future__ import annotations

import email.utils
import time

import pytest

from gigstack_async import Gigstack, RateLimitError
from gigstack_async.models import GigstackClient

from .fault_server import FaultServer, Reply

pytestmark = pytest.mark.asyncio

LIMITED = {"error": {"code": "rate_limited", "message": "slow down"}}


def http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


def gap(server: FaultServer) -> float:
    first, second = server.requests
    return second.received_at - first.received_at


async def test_retry_after_in_seconds_is_waited(server: FaultServer, gs: Gigstack) -> None:
    server.then(Reply(429, LIMITED, headers={"Retry-After": "1"}))
    assert isinstance(await gs.clients.get("client_1"), GigstackClient)
    assert server.attempts == 2
    # One-sided, so never flaky: a slow machine only widens the gap. The jittered backoff alone
    # would wait at most 0.5 s here.
    assert gap(server) >= 0.9


async def test_retry_after_as_an_http_date_is_waited(server: FaultServer, gs: Gigstack) -> None:
    # Computed when the 429 is sent; HTTP dates have whole seconds, so the wait is 1 to 2 s.
    server.then(Reply(429, LIMITED, headers={"Retry-After": lambda: http_date(2)}))
    assert isinstance(await gs.clients.get("client_1"), GigstackClient)
    assert server.attempts == 2
    assert gap(server) >= 0.9


@pytest.mark.parametrize("value", ["3600", http_date(3600)], ids=["seconds", "http date"])
async def test_a_wait_past_the_cap_is_not_waited(
    server: FaultServer, gs: Gigstack, value: str
) -> None:
    server.then(Reply(429, LIMITED, headers={"Retry-After": value}))
    with pytest.raises(RateLimitError) as caught:
        await gs.clients.get("client_1")
    assert caught.value.code == "rate_limited"
    assert server.attempts == 1


@pytest.mark.parametrize("value", [http_date(-60), "soon"], ids=["date in the past", "garbage"])
async def test_a_past_or_unreadable_retry_after_still_retries(
    server: FaultServer, gs: Gigstack, value: str
) -> None:
    server.then(Reply(429, LIMITED, headers={"Retry-After": value}))
    assert isinstance(await gs.clients.get("client_1"), GigstackClient)
    assert server.attempts == 2
