"""Fixtures of the reliability suite: a scripted fault server and a fast-failing client on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from gigstack_async import Gigstack

from .fault_server import FaultServer

API_KEY = "sk_test_reliability"
# Small on purpose: a stalled answer times out in half a second.
TIMEOUT = 0.5


@pytest_asyncio.fixture
async def server() -> AsyncIterator[FaultServer]:
    fault_server = await FaultServer().start()
    try:
        yield fault_server
    finally:
        await fault_server.stop()


@pytest_asyncio.fixture
async def gs(server: FaultServer) -> AsyncIterator[Gigstack]:
    async with Gigstack(
        api_key=API_KEY, base_url=server.url, timeout=TIMEOUT, max_retries=2
    ) as client:
        yield client
