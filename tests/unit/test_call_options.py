"""Per-call options on every method, and `Gigstack.request` for any path."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
import respx

import gigstack_async as g
from gigstack_async import Gigstack
from tests.unit.conftest import BASE, KEY, answer_recording_auth, envelope

CLIENT = {"legal_name": "Empresa SA de CV", "tax_id": "EMP010101AAA", "tax_system": "601"}


@pytest.mark.asyncio
async def test_extra_query_and_metadata_reach_the_wire_encoded(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/clients").respond(200, json=envelope([]))
    await gs.clients.list(
        limit=5, metadata={"order id": "a&b=c"}, extra_query={"created_gte": 1700000000}
    )
    url = route.calls.last.request.url
    assert url.params["metadata.order id"] == "a&b=c"
    assert url.params["created_gte"] == "1700000000" and url.params["limit"] == "5"
    assert b"metadata.order+id=a%26b%3Dc" in url.raw_path  # form-encoded, one parameter


@pytest.mark.asyncio
async def test_every_page_of_a_list_carries_the_options(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/services").mock(
        side_effect=[
            httpx.Response(200, json=envelope([{"id": "s1"}], has_more=True, next="c2")),
            httpx.Response(200, json=envelope([{"id": "s2"}], has_more=False)),
        ]
    )
    pager = gs.services.list(metadata={"k": "v"}, extra_headers={"X-Trace": "t1"})
    assert [s.id async for s in pager] == ["s1", "s2"]
    for call in route.calls:
        assert call.request.url.params["metadata.k"] == "v"
        assert call.request.headers["X-Trace"] == "t1"
    assert route.calls.last.request.url.params["next"] == "c2"


@pytest.mark.asyncio
async def test_extra_body_adds_fields_and_extra_headers_add_headers(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.post("/clients")
    sent = answer_recording_auth(route, {"id": "client_1"})
    await gs.clients.create(CLIENT, extra_body={"new_field": [1]}, extra_headers={"X-A": "1"})
    request = route.calls.last.request
    assert json.loads(request.content) == {**CLIENT, "new_field": [1]}
    assert request.headers["X-A"] == "1"
    assert sent == [f"Bearer {KEY}"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"extra_headers": {"X-A": "1\r\nX-B: 2"}}, ValueError),
        ({"extra_headers": {"X-A": 1}}, TypeError),
        ({"extra_query": {"a": object()}}, TypeError),
        ({"extra_query": ["a"]}, TypeError),
        ({"timeout": -1}, ValueError),
        ({"timeout": "5"}, ValueError),
    ],
)
async def test_bad_options_are_refused_before_the_network(
    gs: Gigstack, router: respx.MockRouter, options: dict[str, object], error: type[Exception]
) -> None:
    route = router.route().respond(200, json=envelope({"id": "c1"}))
    with pytest.raises(error):
        await gs.clients.get("c1", **options)  # type: ignore[arg-type]
    assert not route.called


@pytest.mark.asyncio
async def test_a_body_is_required_where_the_operation_needs_one(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.route().respond(200, json=envelope({"id": "c1"}))
    with pytest.raises(TypeError, match=r"clients\.create\(\) needs a body: a ClientInput"):
        await gs.clients.create(None)  # type: ignore[arg-type]
    assert not route.called


class _StallingServer:
    """Answers nothing: every request waits until the client gives up."""

    def __init__(self) -> None:
        self.connections = 0

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}/v2"

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await reader.read(65536)
            await asyncio.sleep(30)
        finally:
            writer.close()


@pytest_asyncio.fixture
async def stalling() -> AsyncIterator[tuple[_StallingServer, str]]:
    server = _StallingServer()
    async with server as url:
        yield server, url


@pytest.mark.asyncio
async def test_a_per_call_timeout_bounds_that_call_only(
    stalling: tuple[_StallingServer, str],
) -> None:
    server, url = stalling
    async with Gigstack(api_key=KEY, base_url=url, max_retries=0, timeout=60) as gs:
        with pytest.raises(g.APITimeoutError):
            await asyncio.wait_for(gs.clients.get("c1", timeout=0.2), timeout=10)
        # the client's own 60 s still applies to the next call: it is still waiting at 0.5 s
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(gs.clients.get("c1"), timeout=0.5)
    assert server.connections == 2


@pytest.mark.asyncio
async def test_request_reaches_any_path_with_auth_team_and_unwrapping(
    router: respx.MockRouter,
) -> None:
    route = router.get("/invoices/sat")
    sent = answer_recording_auth(route, [{"uuid": "u1"}])
    async with Gigstack(api_key=KEY, team="team_1") as gs:
        data = await gs.request("get", "/invoices/sat", query={"limit": 10})
    assert data == [{"uuid": "u1"}]
    request = route.calls.last.request
    assert request.method == "GET" and sent == [f"Bearer {KEY}"]
    assert request.url.params["team"] == "team_1" and request.url.params["limit"] == "10"


@pytest.mark.asyncio
async def test_request_retries_a_get_but_not_a_plain_post(
    gs: Gigstack, router: respx.MockRouter, sleeps: list[float]
) -> None:
    get = router.get("/anything").mock(
        side_effect=[httpx.Response(500), httpx.Response(200, json=envelope({"ok": True}))]
    )
    assert await gs.request("GET", "/anything") == {"ok": True}
    assert get.call_count == 2
    post = router.post("/anything").respond(500, json={"error": "internal_error"})
    with pytest.raises(g.InternalServerError):
        await gs.request("POST", "/anything", json={"a": 1})
    assert post.call_count == 1
    assert json.loads(post.calls.last.request.content) == {"a": 1}


@pytest.mark.asyncio
async def test_request_maps_errors_and_passes_bodies_without_data_through(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/plain").respond(200, json=[1, 2])
    assert await gs.request("GET", "/plain") == [1, 2]
    router.get("/missing").respond(404, json={"error": {"code": "resource_not_found"}})
    with pytest.raises(g.NotFoundError) as caught:
        await gs.request("GET", "/missing")
    assert caught.value.code == "resource_not_found"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path", ["clients", "//evil.example/x", "/a/../b", "/a?b=1", "/a b", "https://x/y"]
)
async def test_request_keeps_to_the_base_url(
    gs: Gigstack, router: respx.MockRouter, path: str
) -> None:
    route = router.route().respond(200, json=envelope({}))
    with pytest.raises(ValueError):
        await gs.request("GET", path)
    assert not route.called


def test_a_line_break_in_default_headers_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="X-Bad"):
        Gigstack(api_key=KEY, base_url=BASE, default_headers={"X-Bad": "a\r\nInjected: 1"})
