"""The SDK's own pool survives cancellations and bursts: afterwards every slot can carry a call.

Stuck slots are counted from the server's side: 100 calls are sent at once to a server that holds
each request until 100 are in flight (or a few seconds pass); a slot that never frees shows up as
a request that never arrives. `make test` runs reduced workloads, `make soak` the full ones
(GIGSTACK_SOAK=1).
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from gigstack_async import Gigstack, GigstackError
from gigstack_async.models import GigstackClient

from .conftest import API_KEY
from .fault_server import FaultServer, Gather, Reply

pytestmark = pytest.mark.asyncio

SOAK = os.environ.get("GIGSTACK_SOAK") == "1"
CANCELLED_CALLS = 10_000 if SOAK else 1_000
BURST = 2_000 if SOAK else 200
WAVE = 200  # cancelled calls in flight at once
WINDOW = 0.2  # seconds: calls of a wave are cancelled within it; answers take up to twice it
POOL = 100  # the SDK's default pool size
HOLD = 3.0  # how long the probe's server waits for the pool to fill


class Mixed:
    """Most requests answered after a moment; some 503 with a short Retry-After, so that calls
    are also cancelled while they wait to retry."""

    processes = True

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        if self.rng.random() < 0.2:
            reply = Reply(503, {"error": "busy"}, headers={"Retry-After": "0.05"})
        else:
            # Spread over twice the cancellation window, so that most calls are still reading
            # when they are cancelled, however busy the machine is.
            reply = Reply(body={"data": {"id": "client_1"}}, delay=self.rng.uniform(0, 2 * WINDOW))
        return await reply(writer, reader)


class HalfRateLimited:
    """Every other request answered 429 `Retry-After: 0`."""

    processes = True

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        self.count += 1
        if self.count % 2:
            reply = Reply(429, {"error": "rate_limited"}, headers={"Retry-After": "0"})
        else:
            reply = Reply(body={"data": {"id": "client_1"}})
        return await reply(writer, reader)


def sdk_client(server: FaultServer) -> Gigstack:
    # The SDK's own pool; a pool wait that can end, and a deadline so that every call ends.
    return Gigstack(api_key=API_KEY, base_url=server.url, timeout=httpx.Timeout(5.0), deadline=60)


async def probe(gs: Gigstack, server: FaultServer) -> tuple[int, int]:
    """(stuck slots, calls of 100 that succeeded)."""
    gather = Gather(POOL, HOLD, Reply(body={"data": {"id": "client_1"}}))
    server.default = gather
    results = await asyncio.gather(
        *(gs.with_options(max_retries=0).clients.get("client_1") for _ in range(POOL)),
        return_exceptions=True,
    )
    return POOL - gather.most_held, sum(isinstance(r, GigstackClient) for r in results)


async def cancelled_at_random(gs: Gigstack, rng: random.Random, calls: int) -> int:
    """`calls` calls, each cancelled at a random moment: before it connects, while it uploads,
    while it reads, or while it waits to retry. Returns how many were cancelled."""
    upload = {"blob": "x" * 200_000}
    kinds: list[Callable[[], Awaitable[Any]]] = [
        lambda: gs.clients.get("client_1"),
        lambda: gs.request("PUT", "/uploads/u1", json=upload),
    ]
    cancelled = 0
    loop = asyncio.get_running_loop()
    for start in range(0, calls, WAVE):
        began = loop.time()
        tasks = [asyncio.create_task(rng.choice(kinds)()) for _ in range(min(WAVE, calls - start))]
        moments = sorted((rng.choice([0.0, rng.uniform(0, WINDOW)]), n) for n in range(len(tasks)))
        for moment, n in moments:
            await asyncio.sleep(max(0.0, began + moment - loop.time()))
            cancelled += tasks[n].cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return cancelled


async def test_the_pool_survives_random_cancellations(server: FaultServer) -> None:
    rng = random.Random(1)
    server.default = Mixed(rng)
    async with sdk_client(server) as gs:
        cancelled = await cancelled_at_random(gs, rng, CANCELLED_CALLS)
        stuck, succeeded = await probe(gs, server)
    assert cancelled > CANCELLED_CALLS // 3  # the workload did cancel calls
    print(f"cancelled {cancelled}, stuck slots {stuck}, probe calls ok {succeeded}/{POOL}")
    assert (stuck, succeeded) == (0, POOL)


async def test_a_burst_with_rate_limits_ends_and_leaves_no_stuck_slot(server: FaultServer) -> None:
    server.default = HalfRateLimited()
    async with sdk_client(server) as gs:
        results = await asyncio.gather(
            *(gs.clients.get("client_1") for _ in range(BURST)), return_exceptions=True
        )
        stuck, succeeded = await probe(gs, server)
    outcomes = {type(r) for r in results}
    assert all(isinstance(r, (GigstackClient, GigstackError)) for r in results), outcomes
    print(f"stuck slots {stuck}, probe calls ok {succeeded}/{POOL}")
    assert (stuck, succeeded) == (0, POOL)
