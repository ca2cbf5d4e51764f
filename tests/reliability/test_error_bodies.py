"""What a caller can read from an error built from a hostile or odd body."""

from __future__ import annotations

import pytest

from gigstack_async import (
    APIResponseValidationError,
    APIStatusError,
    Gigstack,
    GigstackError,
    InternalServerError,
    NotFoundError,
)

from .conftest import API_KEY
from .fault_server import FaultServer, Reply

pytestmark = pytest.mark.asyncio

BAD_GATEWAY = b"<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1></body></html>"


async def raised(gs: Gigstack) -> GigstackError:
    with pytest.raises(GigstackError) as caught:
        await gs.with_options(max_retries=0).clients.get("client_1")
    assert API_KEY not in str(caught.value) and API_KEY not in repr(caught.value)
    return caught.value


async def test_an_html_error_page_becomes_a_readable_message(
    server: FaultServer, gs: Gigstack
) -> None:
    server.then(Reply(502, BAD_GATEWAY, content_type="text/html"))
    error = await raised(gs)
    assert isinstance(error, InternalServerError)
    assert error.status_code == 502 and error.code is None
    assert "502 Bad Gateway" in error.message and "\n" not in error.message
    assert error.body == BAD_GATEWAY.decode()


@pytest.mark.parametrize(
    "body", [b"<html>maintenance</html>", b"", b'{"data": {"id": "cl'], ids=["html", "empty", "cut"]
)
async def test_an_unreadable_success_body_is_kept_raw(
    server: FaultServer, gs: Gigstack, body: bytes
) -> None:
    server.then(Reply(200, body))
    error = await raised(gs)
    assert isinstance(error, APIResponseValidationError)
    assert error.status_code == 200 and error.body == body.decode()


async def test_success_false_carries_gigstack_s_code(server: FaultServer, gs: Gigstack) -> None:
    failure = {"success": False, "error": {"code": "validation_failed", "message": "RFC inválido"}}
    server.then(Reply(200, failure))
    error = await raised(gs)
    assert type(error) is APIStatusError
    assert (error.status_code, error.code, error.message) == (
        200,
        "validation_failed",
        "RFC inválido",
    )


async def test_the_short_error_shape_carries_its_code(server: FaultServer, gs: Gigstack) -> None:
    server.then(Reply(404, {"error": "resource_not_found"}))
    error = await raised(gs)
    assert isinstance(error, NotFoundError) and error.code == "resource_not_found"


async def test_status_520_is_a_server_error(server: FaultServer, gs: Gigstack) -> None:
    server.then(Reply(520, b"", content_type="text/plain"))
    error = await raised(gs)
    assert isinstance(error, InternalServerError) and error.status_code == 520
