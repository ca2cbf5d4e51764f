"""Every error is typed: hostile nesting, an overlong cursor, odd bodies and redirects each end as a
`GigstackError` subclass with a message a user can act on."""

from __future__ import annotations

import httpx
import pytest

from gigstack_async import (
    APIResponseValidationError,
    APIStatusError,
    Gigstack,
    GigstackError,
    InvalidRequestError,
    NotFoundError,
    _json,
)
from gigstack_async._json import loads_stdlib
from gigstack_async.models import GigstackClient

from .calls import CLIENT
from .conftest import API_KEY
from .fault_server import FaultServer, Reply

pytestmark = pytest.mark.asyncio

DEPTH = 979


def nested(depth: int) -> bytes:
    return b'{"data": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize(
    ("decoder", "message"),
    [
        # The standard library recurses until Python stops it.
        (loads_stdlib, "nested too deeply"),
        # orjson reads 979 levels (its own limit is 1024): then the model refuses the shape.
        (_json.loads, "nested too deeply|expected object"),
    ],
)
async def test_a_body_nested_979_levels_deep_is_a_validation_error(
    server: FaultServer,
    gs: Gigstack,
    monkeypatch: pytest.MonkeyPatch,
    decoder: object,
    message: str,
) -> None:
    monkeypatch.setattr(_json, "loads", decoder)
    body = nested(DEPTH)
    assert len(body) < 2100
    server.then(Reply(200, body))
    with pytest.raises(APIResponseValidationError, match=message) as caught:
        await gs.clients.get("client_1")
    assert caught.value.body == body.decode()


async def test_an_error_body_nested_deeply_keeps_its_status(
    server: FaultServer, gs: Gigstack
) -> None:
    server.then(Reply(404, nested(DEPTH * 4)))
    with pytest.raises(NotFoundError) as caught:
        await gs.clients.get("client_1")
    assert caught.value.body == nested(DEPTH * 4).decode()


async def test_a_70000_byte_cursor_is_a_typed_error(server: FaultServer, gs: Gigstack) -> None:
    server.then(Reply(body={"data": [{"id": "client_1"}], "has_more": True, "next": "c" * 70_000}))
    first = await gs.clients.list()
    with pytest.raises(InvalidRequestError, match="page cursor"):
        await first.next_page()
    assert server.attempts == 1


ODD_BODIES = {
    "invalid utf-8": (b'{"data": {"id": "\xff\xfe"}}', APIResponseValidationError),
    "top-level string": (b'"ok"', APIResponseValidationError),
    "top-level number": (b"42", APIResponseValidationError),
    "null": (b"null", APIResponseValidationError),
    "NaN": (b'{"data": {"id": "c", "amount": NaN}}', APIResponseValidationError),
    "Infinity": (b'{"data": {"id": "c", "amount": -Infinity}}', APIResponseValidationError),
    "huge exponent": (b'{"data": {"id": 1e999999}}', APIResponseValidationError),
    "5000-digit integer": (b'{"data": {"id": ' + b"9" * 5000 + b"}}", APIResponseValidationError),
    "data is a list": (b'{"data": [1, 2]}', APIResponseValidationError),
}


@pytest.mark.parametrize("body, expected", ODD_BODIES.values(), ids=ODD_BODIES.keys())
async def test_an_odd_body_is_a_readable_typed_error(
    server: FaultServer, gs: Gigstack, body: bytes, expected: type[GigstackError]
) -> None:
    server.then(Reply(200, body))
    with pytest.raises(GigstackError) as caught:
        await gs.clients.get("client_1")
    assert type(caught.value) is expected
    assert str(caught.value).startswith("clients_get: ")
    assert isinstance(caught.value.body, str)  # type: ignore[attr-defined]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_redirect_is_never_taken_as_a_post_s_result(
    server: FaultServer, status: int
) -> None:
    target = {"Location": "/clients/client_from_elsewhere"}
    server.then(Reply(status, {"message": "moved"}, headers=target))
    server.default = Reply(body={"data": {"id": "client_from_elsewhere"}})
    async with httpx.AsyncClient(follow_redirects=True, trust_env=False) as http:
        gs = Gigstack(api_key=API_KEY, base_url=server.url, http_client=http, max_retries=2)
        with pytest.raises(APIStatusError) as caught:
            await gs.clients.create(CLIENT)
        assert caught.value.status_code == status
        assert server.attempts == 1  # the Location was not followed
        # The same client still follows redirects for its own requests.
        response = await http.get(f"{server.url}/elsewhere")
        assert response.status_code == 200
    assert not isinstance(caught.value, GigstackClient)
