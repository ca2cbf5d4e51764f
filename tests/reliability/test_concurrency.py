"""Many calls at once through one bounded pool: all succeed, no connection leaks, and under faults
no logical call creates a second record."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from gigstack_async import Gigstack
from gigstack_async.models import GigstackClient, Payment

from .calls import PAYMENT
from .conftest import API_KEY
from .fault_server import FaultServer, Reply, Reset

pytestmark = pytest.mark.asyncio

POOL = 10
CALLS = 200


async def test_200_concurrent_calls_through_a_pool_of_10(server: FaultServer) -> None:
    server.default = Reply(body={"data": {"id": "client_1"}}, delay=0.005)
    limits = httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
    async with httpx.AsyncClient(limits=limits, timeout=30.0, trust_env=False) as http:
        async with Gigstack(
            api_key=API_KEY, base_url=server.url, http_client=http, max_retries=0
        ) as gs:
            results = await asyncio.gather(*(gs.clients.get(f"client_{n}") for n in range(CALLS)))
        assert all(isinstance(result, GigstackClient) for result in results)
        assert sorted(r.path for r in server.requests) == sorted(
            f"/clients/client_{n}" for n in range(CALLS)
        )
        assert 1 < server.max_open_connections <= POOL
        assert server.connections_accepted <= POOL  # kept alive and reused, never replaced
        assert not http.is_closed  # the caller's pool outlives the SDK client
        assert server.open_connections <= POOL
    assert await server.wait_for_open_connections(0) == 0  # closing the pool closes them all


async def test_concurrent_keyed_posts_under_resets_create_one_record_each(
    server: FaultServer, gs: Gigstack
) -> None:
    server.then(*(Reset() for _ in range(5)))
    # A generous timeout: only the scripted resets may cause retries, never a slow machine.
    patient = gs.with_options(timeout=30.0)
    payments = await asyncio.gather(*(patient.payments.register(PAYMENT) for _ in range(50)))
    assert all(isinstance(payment, Payment) for payment in payments)
    assert server.attempts == 55
    assert len(set(server.idempotency_keys)) == 50  # one key per logical call, kept on retry
    assert server.records_created == 50
