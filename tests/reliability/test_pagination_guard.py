"""The pagination loop guard: cycles caught in `async for` and `next_page()` alike, memory bounded
whatever the cursors' size, and `max_pages` for an endless list."""

from __future__ import annotations

import gc
import tracemalloc

import httpx
import pytest

from gigstack_async import Gigstack, GigstackError

from .conftest import API_KEY
from .fault_server import FaultServer, Reply

pytestmark = pytest.mark.asyncio


def page(cursor: str | None, item: str = "client_1") -> Reply:
    body: dict[str, object] = {"data": [{"id": item}], "has_more": cursor is not None}
    if cursor is not None:
        body["next"] = cursor
    return Reply(body=body)


async def test_a_cycle_a_b_a_stops_next_page(server: FaultServer, gs: Gigstack) -> None:
    server.then(page("A"), page("B"), page("A"), page("B"))
    first = await gs.clients.list()
    second = await first.next_page()
    assert second is not None
    third = await second.next_page()
    assert third is not None
    with pytest.raises(GigstackError, match=r"pagination loop.*'A' again"):
        await third.next_page()
    assert server.attempts == 3
    again = await first.next_page()  # reading the same page's next twice is not a loop
    assert again is not None and again.cursor == "A"


async def test_a_cycle_stops_async_for(server: FaultServer, gs: Gigstack) -> None:
    server.then(page("A"), page("B"), page("C"), page("B"))
    with pytest.raises(GigstackError, match="pagination loop"):
        async for _ in gs.clients.list():
            pass
    assert server.attempts == 4
    assert [r.query.get("next") for r in server.requests] == [None, ["A"], ["B"], ["C"]]


async def test_max_pages_bounds_an_endless_list(server: FaultServer, gs: Gigstack) -> None:
    server.then(*(page(f"cursor_{n}", f"client_{n}") for n in range(50)))
    items = [client.id async for client in gs.clients.list(max_pages=5)]
    assert items == [f"client_{n}" for n in range(5)] and server.attempts == 5
    with pytest.raises(ValueError, match="max_pages"):
        gs.clients.list(max_pages=0)


async def test_the_guard_keeps_digests_not_cursors() -> None:
    pages = 300
    cursor_size = 16 * 1024

    def endless(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("next", "0" * cursor_size)[:8]) + 1
        cursor = f"{n:08d}" + "c" * (cursor_size - 8)  # a fresh 16 KiB cursor every page
        return httpx.Response(200, json={"data": [], "has_more": True, "next": cursor})

    transport = httpx.MockTransport(endless)
    async with httpx.AsyncClient(transport=transport) as http:
        gs = Gigstack(api_key=API_KEY, base_url="https://api.test/v2", http_client=http)
        tracemalloc.start()
        try:
            count = 0
            last = None
            async for listed in gs.clients.list(max_pages=pages).pages():
                count += 1
                last = listed.cursor
                if count == pages // 2:  # past the stdlib's bounded URL-parsing cache
                    gc.collect()
                    baseline = tracemalloc.get_traced_memory()[0]
            gc.collect()  # what is left is what the pager keeps, not garbage awaiting the GC
            held = tracemalloc.get_traced_memory()[0] - baseline
        finally:
            tracemalloc.stop()
    assert count == pages and last is not None and last.startswith(f"{pages - 1:08d}")
    # Keeping the cursors themselves would add 150 x 16 KiB = 2.4 MiB over the second half.
    assert held < 20 * cursor_size
