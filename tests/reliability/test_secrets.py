"""The key never leaks: refused when malformed, absent from errors, pickles, logs, traceback locals
and the requests errors carry; never sent in clear text off this machine; no cookies kept."""

from __future__ import annotations

import logging
import pickle
import traceback

import httpx
import pytest

from gigstack_async import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ClientClosedError,
    Gigstack,
    GigstackError,
    NotFoundError,
    ResponseTooLargeError,
)

from .calls import INVOICE
from .conftest import API_KEY
from .fault_server import FaultServer, Reply, Reset, StallAfterHeaders

pytestmark = pytest.mark.asyncio

BAD_KEYS = {
    "whitespace only": "   ",
    "trailing space": "sk_live_abc123 ",
    "leading tab": "\tsk_live_abc123",
    "trailing NUL": "sk_live_abc123\x00",
    "space inside": "sk_live abc123",
    "control inside": "sk_live\x07abc123",
    "non-ASCII": "sk_live_abc123ñ",
    "zero-width space": "sk_live_\u200babc123",
}


@pytest.mark.parametrize("key", BAD_KEYS.values(), ids=BAD_KEYS.keys())
async def test_a_malformed_key_is_refused_without_being_shown(
    server: FaultServer, key: str
) -> None:
    with pytest.raises(GigstackError) as caught:
        Gigstack(api_key=key, base_url=server.url)
    shown = str(caught.value) + repr(caught.value)
    assert "abc123" not in shown and (not key.strip() or key.strip() not in shown)
    assert "API key" in str(caught.value)
    assert server.attempts == 0


async def test_a_local_protocol_error_is_not_retried_nor_logged_with_the_header(
    server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "tenant-secret-4711"
    caplog.set_level(logging.INFO, logger="gigstack_async")
    async with httpx.AsyncClient(headers={"X-Trace": f"{secret}\x00"}, trust_env=False) as http:
        gs = Gigstack(api_key=API_KEY, base_url=server.url, http_client=http, max_retries=2)
        with pytest.raises(APIConnectionError) as caught:
            await gs.clients.get("client_1")
    assert server.attempts == 0  # refused by the HTTP layer before a byte was sent
    assert not caplog.records  # no retry, so no retry line
    text = "".join(traceback.format_exception(caught.value))
    assert secret not in text and API_KEY not in text
    assert "not valid HTTP" in str(caught.value)


async def errors_of_every_kind(server: FaultServer) -> list[GigstackError]:
    errors: list[GigstackError] = []
    server.then(
        Reply(404, {"error": "resource_not_found"}),
        Reset(),
        StallAfterHeaders(),
        Reply(200, b"<html>maintenance</html>", content_type="text/html"),
        Reply(200, {"data": "x" * 2048}),
    )
    async with Gigstack(
        api_key=API_KEY,
        base_url=server.url,
        timeout=0.5,
        max_retries=0,
        max_response_bytes=1024,
    ) as gs:
        for expected in (
            NotFoundError,
            APIConnectionError,
            APITimeoutError,
            APIResponseValidationError,
            ResponseTooLargeError,
        ):
            with pytest.raises(expected) as caught:
                await gs.invoices.income.create(INVOICE)
            errors.append(caught.value)
    with pytest.raises(ClientClosedError) as closed:
        await gs.clients.get("client_1")
    return [*errors, closed.value]


async def test_errors_pickle_without_the_key(server: FaultServer) -> None:
    errors = await errors_of_every_kind(server)
    for error in errors:
        data = pickle.dumps(error)
        assert API_KEY.encode() not in data, type(error).__name__
        clone = pickle.loads(data)
        assert type(clone) is type(error) and str(clone) == str(error)
        assert clone.idempotency_key == error.idempotency_key
    for error, request in zip(errors[:-1], server.requests, strict=True):
        assert error.idempotency_key == request.idempotency_key  # the key that call sent
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {API_KEY}"}


async def test_the_request_an_error_carries_is_redacted(server: FaultServer) -> None:
    errors = await errors_of_every_kind(server)
    requests = [sent_request(error) for error in errors[:-1]]
    assert [r.headers["Authorization"] for r in requests] == ["<redacted>"] * len(requests)


def sent_request(error: GigstackError) -> httpx.Request:
    if isinstance(error, (APIStatusError, APIResponseValidationError)):
        return error.response.request
    assert isinstance(error, (APIConnectionError, ResponseTooLargeError))
    assert error.request is not None
    return error.request


@pytest.mark.parametrize("pool", ["sdk", "caller"])
async def test_no_frame_holds_the_key_in_a_local(server: FaultServer, pool: str) -> None:
    server.then(Reset(), StallAfterHeaders())
    http = httpx.AsyncClient(trust_env=False) if pool == "caller" else None
    async with Gigstack(
        api_key=API_KEY, base_url=server.url, timeout=0.5, max_retries=1, http_client=http
    ) as gs:
        with pytest.raises(APIConnectionError) as caught:
            await gs.clients.get("client_1")
    if http is not None:
        await http.aclose()
    error = caught.value
    formatted = traceback.TracebackException(
        type(error), error, error.__traceback__, capture_locals=True
    ).format()
    text = "".join(formatted)
    assert ", in _send\n" in text and "request = <Request(" in text  # locals were captured
    assert API_KEY not in text


@pytest.mark.parametrize(
    "url", ["http://api.gigstack.io/v2", "http://10.0.0.8:8080/v2", "http://gigstack.local"]
)
async def test_plain_http_off_this_machine_needs_an_explicit_opt_in(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="allow_insecure_http=True"):
        Gigstack(api_key=API_KEY, base_url=url)
    monkeypatch.setenv("GIGSTACK_BASE_URL", url)
    with pytest.raises(ValueError, match="unencrypted"):
        Gigstack(api_key=API_KEY)
    async with Gigstack(api_key=API_KEY, base_url=url, allow_insecure_http=True) as gs:
        assert gs.base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/v2", "http://localhost:4010", "http://[::1]:4010/v2"]
)
async def test_plain_http_to_this_machine_is_allowed(url: str) -> None:
    async with Gigstack(api_key=API_KEY, base_url=url) as gs:
        assert gs.base_url == url.rstrip("/")


async def test_the_sdk_pool_keeps_no_cookies(server: FaultServer, gs: Gigstack) -> None:
    server.then(Reply(headers={"Set-Cookie": "session=team-a; Path=/"}))
    await gs.clients.get("client_1")
    await gs.for_team("team_b").clients.get("client_2")
    assert [("cookie" in r.headers) for r in server.requests] == [False, False]
