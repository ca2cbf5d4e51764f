"""The control endpoints under `/_fake/`: what `reset`, `fail_next` and `requests` do for a test
suite in another process, over a real served fake; and who may call them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from gigstack_async import Gigstack
from gigstack_async.testing import FakeGigstack
from gigstack_async.testing.__main__ import main
from gigstack_async.testing._control import is_loopback

from . import bodies
from .served import serving

AUTH = {"Authorization": "Bearer sk_test_fake"}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A served fake of this module's own (its tests reset it), with a Connect team; yields the
    origin, without `/v2`."""
    with serving("--connect-team", "team_sur") as base_url:
        yield base_url.removesuffix("/v2")


@pytest.fixture
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, headers=AUTH, timeout=10) as client:
        assert client.post("/_fake/reset").status_code == 200
        yield client


def journal(http: httpx.Client) -> list[tuple[Any, ...]]:
    response = http.get("/_fake/requests")
    assert response.status_code == 200
    return [(e["operation_id"], e["status"], e["injected"]) for e in response.json()["data"]]


def test_reset_empties_the_world_but_keeps_the_key_and_its_teams(http: httpx.Client) -> None:
    assert http.post("/v2/clients", json=bodies.client()).status_code == 201
    made = http.post("/v2/teams", json={"brand": {"alias": "Sucursal Centro"}}).json()["data"]
    assert http.post("/_fake/fail_next", json={"times": 3}).status_code == 200

    reset = http.post("/_fake/reset")
    assert reset.status_code == 200 and reset.json()["data"] == {"reset": True}

    # No failure is left pending, the records and the team made through the API are gone, the
    # key and the team it was started with stay, and the journal starts again.
    assert http.get("/v2/clients").json()["total_results"] == 0
    assert http.get("/v2/teams/team_sur").status_code == 200
    assert http.get(f"/v2/teams/{made['id']}").status_code == 404
    assert journal(http) == [
        ("clients_list", 200, False),
        ("teams_get", 200, False),
        ("teams_get", 404, False),
    ]


@pytest.mark.asyncio
async def test_fail_next_over_http_is_ridden_out_by_the_sdk(
    server: str, http: httpx.Client
) -> None:
    async with httpx.AsyncClient(base_url=server, timeout=10) as control:
        arguments = {"status": 503, "times": 2, "retry_after": 0}
        queued = await control.post("/_fake/fail_next", json=arguments)
    assert queued.status_code == 200
    assert queued.json()["data"] == {
        "status": 503,
        "times": 2,
        "retry_after": 0,
        "code": "service_unavailable",
    }
    async with Gigstack(
        "sk_test_fake", base_url=f"{server}/v2", allow_insecure_http=True, max_retries=2
    ) as gs:
        page = await gs.clients.list()
    assert page.total_results == 0
    assert journal(http) == [
        ("clients_list", 503, True),
        ("clients_list", 503, True),
        ("clients_list", 200, False),
    ]


def test_fail_next_takes_the_code_and_no_retry_after(http: httpx.Client) -> None:
    arguments = {"status": 500, "code": "cfdi_service_error", "retry_after": None}
    assert http.post("/_fake/fail_next", json=arguments).status_code == 200
    failed = http.post("/v2/clients", json=bodies.client())
    assert failed.status_code == 500 and "retry-after" not in failed.headers
    assert failed.json()["error"]["code"] == "cfdi_service_error"
    assert http.get("/v2/clients").json()["total_results"] == 0  # it was not processed

    assert http.delete("/_fake/requests").status_code == 200
    assert journal(http) == []


def test_requests_lists_what_the_journal_records(http: httpx.Client) -> None:
    http.post("/v2/invoices/income", json={"idempotency_key": "k-1", "items": []})
    (entry,) = http.get("/_fake/requests").json()["data"]
    assert entry == {
        "method": "POST",
        "path": "/v2/invoices/income",
        "operation_id": "invoices_income_create",
        "team": "team_default",
        "status": 400,
        "idempotency_key": "k-1",
        "injected": False,
    }


@pytest_asyncio.fixture
async def local(fake: FakeGigstack) -> AsyncIterator[httpx.AsyncClient]:
    """The fake in process, reached from a loopback address as httpx's ASGI transport says."""
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake", headers=AUTH) as c:
        yield c


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("body", "code", "problem"),
    [
        (b"{", "invalid_request_body", "The request body is not valid JSON"),
        (b"[503]", "invalid_request_body", "Send a JSON object"),
        (b'{"status": 200}', "invalid_field_value", "HTTP error status (400-599), got 200"),
        (b'{"times": 0}', "invalid_field_value", "times must be an int >= 1, got 0"),
        (b'{"retry_after": -1}', "invalid_field_value", "retry_after must be >= 0"),
        (b'{"statu": 503}', "validation_failed", "body/statu: unknown argument"),
        (b'{"times": "2"}', "validation_failed", "body/times: must be an integer"),
        (b'{"status": true}', "validation_failed", "body/status: must be an integer"),
        (b'{"retry_after": "soon"}', "validation_failed", "body/retry_after: must be a number"),
        (b'{"code": 7}', "validation_failed", "body/code: must be a string or null"),
    ],
)
async def test_fail_next_refuses_bad_arguments_and_queues_nothing(
    local: httpx.AsyncClient, body: bytes, code: str, problem: str
) -> None:
    refused = await local.post("/_fake/fail_next", content=body)
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == code
    assert problem in error["message"] or problem in error.get("details", [""])[0]
    assert (await local.get("/v2/clients")).status_code == 200


@pytest.mark.asyncio
async def test_an_empty_fail_next_body_takes_the_defaults(local: httpx.AsyncClient) -> None:
    queued = await local.post("/_fake/fail_next")
    assert queued.json()["data"]["status"] == 503 and queued.json()["data"]["times"] == 1
    failed = await local.get("/v2/clients")
    assert failed.status_code == 503 and failed.headers["retry-after"] == "0"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/_fake/reset"),
        ("POST", "/_fake/fail_next"),
        ("GET", "/_fake/requests"),
        ("DELETE", "/_fake/requests"),
    ],
)
async def test_other_than_loopback_clients_are_refused(
    fake: FakeGigstack, method: str, path: str
) -> None:
    async with fake.client() as gs:
        client = await gs.clients.create(bodies.client())
    transport = httpx.ASGITransport(app=fake.app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://fake") as remote:
        refused = await remote.request(method, path)
    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "code": "forbidden",
        "message": "The fake's control endpoints answer loopback clients only",
    }
    # Nothing was done: the client is still there, no failure is pending, the journal is kept.
    async with fake.client() as gs:
        assert (await gs.clients.get(client.id)).id == client.id
    assert [r.operation_id for r in fake.requests] == ["clients_create", "clients_get"]


@pytest.mark.asyncio
async def test_a_control_path_with_another_method_is_405(local: httpx.AsyncClient) -> None:
    answer = await local.get("/_fake/reset")
    assert answer.status_code == 405
    assert answer.json()["error"]["code"] == "operation_not_allowed"


@pytest.mark.asyncio
async def test_reset_in_process_keeps_the_teams_and_accounts_it_was_given() -> None:
    fake = FakeGigstack(teams=["team_a"])
    fake.add_team("team_b", name="Sucursal B")
    fake.add_account("sk_test_other", "team_other")
    async with fake.client() as gs:
        await gs.clients.create(bodies.client())
        await gs.for_team("team_b").clients.create(bodies.client())
        made = await gs.teams.create({"brand": {"alias": "Nueva"}})
    fake.fail_next(times=5)

    fake.reset()

    assert fake.requests == []
    async with fake.client() as gs, fake.client(api_key="sk_test_other") as other:
        assert (await gs.clients.list()).total_results == 0
        assert (await gs.for_team("team_b").clients.list()).total_results == 0
        assert {t.id for t in (await gs.teams.list()).data} == {"team_default", "team_a", "team_b"}
        assert (await gs.teams.get("team_b")).name == "Sucursal B"
        assert made.id not in {t.id for t in (await gs.teams.list()).data}
        assert (await other.clients.list()).total_results == 0
    assert not any(r.injected for r in fake.requests)


def test_help_documents_the_control_endpoints(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    for endpoint in ("POST   /_fake/reset", "POST   /_fake/fail_next", "GET    /_fake/requests"):
        assert endpoint in shown
    assert "loopback clients only" in shown


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.5.6.7", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),  # an IPv4 peer seen by a dual-stack socket
        ("::ffff:10.0.0.1", False),
        ("10.0.0.1", False),
        ("localhost", False),  # peers are addresses; a name is not trusted
        (None, False),
    ],
)
def test_which_peers_count_as_loopback(host: str | None, loopback: bool) -> None:
    assert is_loopback(host) is loopback
