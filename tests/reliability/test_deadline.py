"""Every call ends: a total deadline per logical call, every attempt and wait included."""

from __future__ import annotations

import pytest

from gigstack_async import APITimeoutError, Gigstack, InternalServerError
from gigstack_async.models import GigstackClient

from .conftest import API_KEY
from .fault_server import Drip, FaultServer, Reply

pytestmark = pytest.mark.asyncio

READ_TIMEOUT = 0.5
DEADLINE = 1.0


def dripping(server: FaultServer) -> None:
    # Each byte arrives well inside the read timeout, so no attempt ever times out by itself:
    # the whole body would take 200 s.
    server.then(Drip(interval=READ_TIMEOUT / 2, length=800))


async def test_a_dripping_server_is_cut_off_at_the_client_deadline(server: FaultServer) -> None:
    dripping(server)
    async with Gigstack(
        api_key=API_KEY, base_url=server.url, timeout=READ_TIMEOUT, deadline=DEADLINE
    ) as gs:
        with pytest.raises(APITimeoutError, match="deadline of 1 s") as caught:
            await gs.clients.get("client_1")
    assert server.attempts == 1
    assert caught.value.request is not None and caught.value.request.url.path == "/clients/client_1"


async def test_with_options_sets_the_deadline(server: FaultServer) -> None:
    dripping(server)
    async with Gigstack(
        api_key=API_KEY, base_url=server.url, timeout=READ_TIMEOUT, deadline=None
    ) as gs:
        with pytest.raises(APITimeoutError, match="deadline"):
            await gs.with_options(deadline=DEADLINE).clients.get("client_1")
    assert server.attempts == 1


async def test_a_per_call_deadline_overrides_the_client_s(server: FaultServer) -> None:
    dripping(server)
    async with Gigstack(
        api_key=API_KEY, base_url=server.url, timeout=READ_TIMEOUT, deadline=None
    ) as gs:
        with pytest.raises(APITimeoutError, match="deadline"):
            await gs.clients.get("client_1", deadline=DEADLINE)
        dripping(server)
        with pytest.raises(APITimeoutError, match="deadline"):
            await gs.request("GET", "/clients/client_1", deadline=DEADLINE)
        dripping(server)
        with pytest.raises(APITimeoutError, match="deadline"):
            await gs.clients.list(deadline=DEADLINE)
    assert server.attempts == 3


async def test_a_wait_the_deadline_cannot_cover_is_not_waited(
    server: FaultServer, gs: Gigstack
) -> None:
    server.then(Reply(503, {"error": "unavailable"}, headers={"Retry-After": "30"}))
    with pytest.raises(InternalServerError):
        await gs.clients.get("client_1", deadline=DEADLINE)
    assert server.attempts == 1  # raised at once instead of sleeping past the deadline


async def test_the_deadline_is_finite_by_default_and_checked(server: FaultServer) -> None:
    server.then(Reply(body={"data": {"id": "client_1"}}))
    async with Gigstack(api_key=API_KEY, base_url=server.url) as gs:
        assert isinstance(await gs.clients.get("client_1"), GigstackClient)
        assert gs._core.deadline is not None and gs._core.deadline > 0
    for bad in (0, -1, "10", True):
        with pytest.raises(ValueError, match="deadline"):
            Gigstack(api_key=API_KEY, base_url=server.url, deadline=bad)  # type: ignore[arg-type]
