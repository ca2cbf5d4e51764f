"""Cursor pagination: `limit` 1..100 (default 10), an opaque `next`, `has_more`, `total_results`."""

from __future__ import annotations

import httpx
import pytest

from gigstack_async import Gigstack
from gigstack_async.testing import FakeGigstack

AUTH = {"Authorization": "Bearer sk_test_fake"}


async def _services(gs: Gigstack, count: int) -> list[str]:
    return [
        (await gs.services.create({"description": f"Servicio {n:02d}", "unit_price": n})).id
        for n in range(count)
    ]


@pytest.mark.asyncio
async def test_pages_walk_every_item_once_newest_first(gs: Gigstack) -> None:
    created = await _services(gs, 25)
    page = await gs.services.list(limit=10)
    seen, sizes = [], []
    while page is not None:
        assert page.total_results == 25
        assert page.has_more == (page.next is not None)
        seen += [s.id for s in page.data]
        sizes.append(len(page.data))
        page = await page.next_page()
    assert sizes == [10, 10, 5]
    assert seen == created[::-1]
    assert [s.id async for s in gs.services.list(limit=7)] == created[::-1]


@pytest.mark.asyncio
async def test_default_page_size_is_ten_and_sort_asc_reverses(gs: Gigstack) -> None:
    created = await _services(gs, 12)
    first = await gs.services.list()
    assert len(first.data) == 10 and first.has_more
    assert [s.id async for s in gs.services.list(sort="asc", limit=5)] == created
    by_name = [s.description async for s in gs.services.list(order_by="name", sort="asc", limit=4)]
    assert by_name == sorted(by_name) and len(by_name) == 12


@pytest.mark.asyncio
async def test_records_created_while_paging_are_never_seen_twice(gs: Gigstack) -> None:
    created = await _services(gs, 6)
    first = await gs.services.list(limit=3)
    await _services(gs, 4)  # newer records land before the cursor, not after it
    second = await first.next_page()
    assert second is not None
    assert [s.id for s in first.data + second.data] == created[::-1]
    assert second.total_results == 10 and not second.has_more


@pytest.mark.asyncio
async def test_filters_apply_before_paging(gs: Gigstack) -> None:
    await _services(gs, 3)
    client = await gs.clients.create({"legal_name": "Uno", "email": "uno@empresa.mx"})
    await gs.clients.create({"legal_name": "Dos", "email": "dos@empresa.mx"})
    receipts = [
        await gs.receipts.create(
            {"client": {"id": client.id}, "items": [{"description": "x", "unit_price": 1}]}
        )
        for _ in range(3)
    ]
    page = await gs.receipts.list(client_id=client.id, limit=2)
    assert page.total_results == 3 and page.has_more
    assert [r.id async for r in gs.receipts.list(client_id=client.id, limit=2)] == [
        r.id for r in reversed(receipts)
    ]
    assert (await gs.receipts.list(client_id="client_nobody")).total_results == 0
    assert (await gs.services.list(created_gte=0, created_lte=2**40)).total_results == 3
    assert (await gs.services.list(created_gte=2**40)).total_results == 0


@pytest.mark.asyncio
async def test_the_server_refuses_bad_limits_and_foreign_cursors(fake: FakeGigstack) -> None:
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake/v2") as http:
        for params in ({"limit": "0"}, {"limit": "101"}, {"limit": "ten"}, {"next": "garbage"}):
            response = await http.get("/clients", params=params, headers=AUTH)
            assert response.status_code == 400, params
            assert response.json()["error"]["code"] == "validation_failed"
        for n in range(3):
            await http.post("/clients", json={"legal_name": f"c{n}"}, headers=AUTH)
        cursor = (await http.get("/clients", params={"limit": 1}, headers=AUTH)).json()["next"]
        # A cursor only continues the ordering it came from.
        other = await http.get("/clients", params={"next": cursor, "sort": "asc"}, headers=AUTH)
        assert other.status_code == 400
        last = await http.get("/clients", params={"limit": 100}, headers=AUTH)
        assert last.json()["has_more"] is False and "next" not in last.json()
