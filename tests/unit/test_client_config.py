"""Construction, configuration, copies and lifecycle of `Gigstack`."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
import respx

import gigstack_async
from gigstack_async import ClientClosedError, Gigstack, GigstackError
from tests.unit.conftest import KEY, answer_recording_auth, envelope


@pytest.mark.asyncio
async def test_bearer_auth_user_agent_and_default_headers(router: respx.MockRouter) -> None:
    route = router.get("/clients/c1")
    sent = answer_recording_auth(route, {"id": "c1"})
    async with Gigstack(api_key=KEY, default_headers={"X-Trace": "t1"}) as gs:
        await gs.clients.get("c1")
    request = route.calls.last.request
    assert sent == [f"Bearer {KEY}"]
    assert request.headers["authorization"] == "<redacted>"  # what a captured request keeps
    assert request.headers["x-trace"] == "t1"
    ua = request.headers["user-agent"]
    assert ua.startswith(f"gigstack-async/{gigstack_async.__version__} (spec ")
    assert gigstack_async.SPEC_VERSION in ua and "python 3." in ua and "httpx 0." in ua


@pytest.mark.asyncio
async def test_environment_supplies_key_and_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIGSTACK_API_KEY", "sk_env")
    monkeypatch.setenv("GIGSTACK_BASE_URL", "https://sandbox.example.test/v2/")
    with respx.mock(base_url="https://sandbox.example.test/v2", using="httpx") as mock:
        sent = answer_recording_auth(mock.get("/teams/t1"), {"id": "t1"})
        async with Gigstack() as gs:
            assert gs.base_url == "https://sandbox.example.test/v2"
            await gs.teams.get("t1")
    assert sent == ["Bearer sk_env"]


def test_missing_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GIGSTACK_API_KEY", raising=False)
    with pytest.raises(GigstackError, match="GIGSTACK_API_KEY"):
        Gigstack()


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"api_key": "a\r\nX-Evil: 1"}, GigstackError),
        ({"api_key": "k", "base_url": "ftp://x"}, ValueError),
        ({"api_key": "k", "timeout": -1}, ValueError),
        ({"api_key": "k", "max_retries": -1}, ValueError),
        ({"api_key": "k", "team": ""}, ValueError),
        ({"api_key": "k", "http_client": object()}, TypeError),
    ],
)
def test_bad_options_fail_at_construction(
    kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        Gigstack(**kwargs)  # type: ignore[arg-type]


def test_repr_never_shows_the_key() -> None:
    gs = Gigstack(api_key=KEY, team="team_1")
    for text in (repr(gs), str(gs), repr(gs.for_team("t2")), repr(gs.with_options(max_retries=0))):
        assert KEY not in text
    assert "team_1" in repr(gs)


@pytest.mark.asyncio
async def test_for_team_and_with_options_leave_the_original_unchanged(
    router: respx.MockRouter,
) -> None:
    route = router.get("/clients/c1").respond(200, json=envelope({"id": "c1"}))
    async with Gigstack(api_key=KEY, team="team_a", max_retries=3) as gs:
        acme = gs.for_team("team_b")
        quick = gs.with_options(timeout=5.0, max_retries=0)
        assert (gs.team, acme.team, quick.team) == ("team_a", "team_b", "team_a")
        assert (gs.max_retries, quick.max_retries) == (3, 0)
        await quick.clients.get("c1")
        timeout = route.calls.last.request.extensions["timeout"]
        assert timeout["read"] == 5.0
        await gs.clients.get("c1")
        assert route.calls.last.request.extensions["timeout"]["read"] == 90.0


@pytest.mark.asyncio
async def test_team_copies_do_not_leak_into_each_other_under_gather(
    router: respx.MockRouter,
) -> None:
    route = router.get("/clients/c1").respond(200, json=envelope({"id": "c1"}))
    async with Gigstack(api_key=KEY) as gs:
        teams = [f"team_{i}" for i in range(30)]
        await asyncio.gather(*(gs.for_team(t).clients.get("c1") for t in teams))
        await gs.clients.get("c1")
    sent = [call.request.url.params.get("team") for call in route.calls]
    assert sorted(sent[:-1]) == sorted(teams)
    assert sent[-1] is None  # the original never picked up a copy's team


@pytest.mark.asyncio
async def test_per_call_team_overrides_the_client_team(router: respx.MockRouter) -> None:
    route = router.get("/services/s1").respond(200, json=envelope({"id": "s1"}))
    async with Gigstack(api_key=KEY, team="team_a") as gs:
        await gs.services.get("s1", team="team_z")
        assert route.calls.last.request.url.params["team"] == "team_z"
        await gs.services.get("s1")
        assert route.calls.last.request.url.params["team"] == "team_a"


@pytest.mark.asyncio
async def test_a_callers_http_client_is_never_closed(router: respx.MockRouter) -> None:
    route = router.get("/users/u1").respond(200, json=envelope({"id": "u1"}))
    http = httpx.AsyncClient(timeout=3.0)
    async with Gigstack(api_key=KEY, http_client=http) as gs:
        await gs.users.get("u1")
        # the caller's own timeout is kept when none was asked for
        assert route.calls.last.request.extensions["timeout"]["read"] == 3.0
    assert not http.is_closed
    await http.aclose()


@pytest.mark.asyncio
async def test_own_pool_closed_by_the_root_only(router: respx.MockRouter) -> None:
    router.get("/users/u1").respond(200, json=envelope({"id": "u1"}))
    gs = Gigstack(api_key=KEY)
    async with gs.for_team("t1") as scoped:
        await scoped.users.get("u1")
    await gs.users.get("u1")  # the copy's exit left the shared pool open
    await gs.aclose()
    with pytest.raises(ClientClosedError, match="client is closed"):
        await gs.users.get("u1")


@pytest.mark.asyncio
async def test_debug_logs_redact_the_key(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIGSTACK_LOG", "debug")
    router.get("/clients/c1").respond(500, json={"message": "boom"})
    caplog.set_level(logging.DEBUG, logger="gigstack_async")
    async with Gigstack(api_key=KEY, max_retries=1) as gs:
        with pytest.raises(gigstack_async.InternalServerError) as info:
            await gs.clients.get("c1")
    text = caplog.text
    assert "request GET" in text and "<redacted>" in text and "retry 1 of 1" in text
    assert KEY not in text
    assert KEY not in str(info.value) and KEY not in repr(info.value)
