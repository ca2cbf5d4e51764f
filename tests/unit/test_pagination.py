"""Cursor pagination through `list(...)`."""

from __future__ import annotations

import gc
import weakref

import httpx
import pytest
import respx

from gigstack_async import Gigstack, GigstackError, Page
from gigstack_async.models import GigstackClient
from tests.unit.conftest import envelope


def page(
    ids: list[str | None], next_: str | None, has_more: bool, total: int = 5
) -> httpx.Response:
    data = [None if i is None else {"id": i} for i in ids]
    body = envelope(data, has_more=has_more, total_results=total)
    if next_ is not None:
        body["next"] = next_
    return httpx.Response(200, json=body)


@pytest.mark.asyncio
async def test_async_for_walks_every_page_with_team_and_cursor(router: respx.MockRouter) -> None:
    route = router.get("/clients").mock(
        side_effect=[page(["a", "b"], "cur2", True), page(["c", None, "d"], "cur3", True),
                     page(["e"], None, False)]
    )  # fmt: skip
    async with Gigstack(api_key="k", team="team_9") as gs:
        ids = [c.id async for c in gs.clients.list(limit=2, sort="asc")]
    assert ids == ["a", "b", "c", "d", "e"]  # the null element is skipped
    params = [dict(call.request.url.params) for call in route.calls]
    assert params == [
        {"team": "team_9", "limit": "2", "sort": "asc"},
        {"team": "team_9", "limit": "2", "sort": "asc", "next": "cur2"},
        {"team": "team_9", "limit": "2", "sort": "asc", "next": "cur3"},
    ]


@pytest.mark.asyncio
async def test_await_gives_the_first_page_and_next_page_follows(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/services").mock(
        side_effect=[page(["s1"], "n2", True, total=2), page(["s2"], None, False, total=2)]
    )
    first = await gs.services.list(limit=1)
    assert isinstance(first, Page) and route.call_count == 1
    assert [s.id for s in first] == ["s1"] and len(first) == 1
    assert (first.has_more, first.next, first.total_results) == (True, "n2", 2)
    assert first.response.status_code == 200 and "has_more=True" in repr(first)
    second = await first.next_page()
    assert second is not None and [s.id for s in second.data] == ["s2"]
    assert await second.next_page() is None


@pytest.mark.asyncio
async def test_pages_yields_each_page(gs: Gigstack, router: respx.MockRouter) -> None:
    router.get("/users").mock(side_effect=[page(["u1"], "n2", True), page(["u2"], None, False)])
    sizes = [len(p.data) async for p in gs.users.list().pages()]
    assert sizes == [1, 1]


@pytest.mark.asyncio
async def test_a_repeated_cursor_stops_the_loop(gs: Gigstack, router: respx.MockRouter) -> None:
    route = router.get("/payments").mock(
        side_effect=[page(["p1"], "A", True), page(["p2"], "B", True), page(["p3"], "A", True)]
        + [page(["px"], "A", True)] * 5
    )
    seen = []
    with pytest.raises(GigstackError, match="pagination loop"):
        async for p in gs.payments.list():
            seen.append(p.id)
    assert seen == ["p1", "p2", "p3"] and route.call_count == 3


@pytest.mark.asyncio
async def test_next_page_refuses_the_cursor_it_came_with(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/teams").mock(side_effect=[page(["t1"], "A", True), page(["t2"], "A", True)])
    first = await gs.teams.list()
    second = await first.next_page()
    assert second is not None
    with pytest.raises(GigstackError, match="pagination loop"):
        await second.next_page()


@pytest.mark.asyncio
async def test_has_more_without_a_cursor_ends_the_list(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/receipts").mock(side_effect=[page(["r1"], None, True)])
    items = [r async for r in gs.receipts.list()]
    assert len(items) == 1 and route.call_count == 1


@pytest.mark.asyncio
async def test_list_items_are_models_and_a_bad_element_is_reported(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/clients").mock(side_effect=[page(["a"], None, False)])
    first = await gs.clients.list()
    assert isinstance(first.data[0], GigstackClient)
    router.get("/clients").respond(200, json=envelope(["just a string"], has_more=False))
    from gigstack_async import APIResponseValidationError

    with pytest.raises(APIResponseValidationError, match=r"data\[0\]: expected object"):
        await gs.clients.list()


@pytest.mark.asyncio
async def test_non_paginated_lists_return_plain_lists(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/teams/t1/series").respond(
        200, json=envelope([{"id": "ser_1", "series": "A"}, None, {"id": "ser_2"}])
    )
    series = await gs.teams.series.list("t1")
    assert [s.id for s in series] == ["ser_1", "ser_2"]


@pytest.mark.asyncio
async def test_a_finished_calls_response_is_freed_without_the_cyclic_gc() -> None:
    # httpx links a response and its body stream both ways; the SDK breaks that link once the
    # body is read, so a page's body is freed as soon as nothing refers to it.
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [{"id": "s1"}], "has_more": False})

    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    async with Gigstack(api_key="k", base_url="https://api.test/v2", http_client=http) as gs:
        gc.collect()
        gc.disable()
        try:
            page = await gs.services.list()
            ref = weakref.ref(page.response)
            del page
            assert ref() is None
        finally:
            gc.enable()
    await http.aclose()


@pytest.mark.asyncio
async def test_the_pager_frees_a_page_before_it_reads_the_next(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    pages: list[weakref.ref[object]] = []
    alive_when_asked: list[bool] = []

    def answer(request: httpx.Request) -> httpx.Response:
        alive_when_asked.append(bool(pages) and pages[-1]() is not None)
        more = len(alive_when_asked) < 3
        body = envelope(
            [{"id": f"s{len(alive_when_asked)}"}], has_more=more, next="c" if more else None
        )
        if more:
            body["next"] = f"c{len(alive_when_asked)}"
        return httpx.Response(200, json=body)

    router.get("/services").mock(side_effect=answer)
    gc.collect()
    gc.disable()
    try:
        async for page in gs.services.list().pages():
            pages.append(weakref.ref(page.data[0]))  # the page's items live as long as it does
            del page
    finally:
        gc.enable()
    assert alive_when_asked == [False, False, False]  # no page outlived the request for the next
