"""The SDK's own pool (httpx's API over aiohttp's connections) on real sockets: its limits, what
counts as a failure to connect, proxies and certificates from the environment, streamed uploads,
and how respx sees its requests."""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest
import respx

from gigstack_async import APIConnectionError, APITimeoutError, Gigstack
from gigstack_async._pool import open_pool
from gigstack_async.models import GigstackClient

from .calls import CLIENT
from .conftest import API_KEY
from .fault_server import FaultServer, Gather, Reply

pytestmark = pytest.mark.asyncio

POOL = 100  # the SDK's default max_connections
KEPT_ALIVE = 20  # and max_keepalive_connections


def retries_logged(caplog: pytest.LogCaptureFixture) -> int:
    return sum("retry" in r.getMessage() for r in caplog.records if r.name == "gigstack_async")


@pytest.fixture
def no_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    sleep = asyncio.sleep

    async def no_wait(delay: float) -> None:
        await sleep(0)

    monkeypatch.setattr("gigstack_async._retry.sleep", no_wait)


async def test_the_pool_opens_at_most_100_connections_and_keeps_20(server: FaultServer) -> None:
    gather = Gather(POOL + 50, 1.0, Reply(body={"data": {"id": "client_1"}}))
    server.default = gather
    async with Gigstack(api_key=API_KEY, base_url=server.url, timeout=5.0) as gs:
        results = await asyncio.gather(*(gs.clients.get("client_1") for _ in range(POOL + 50)))
        assert all(isinstance(r, GigstackClient) for r in results)
        assert gather.most_held == POOL  # the other 50 waited for a free connection
        assert server.max_open_connections == POOL
        assert await server.wait_for_open_connections(at_most=KEPT_ALIVE) == KEPT_ALIVE


@pytest.mark.usefixtures("no_waits")
async def test_a_plain_post_that_cannot_connect_is_retried(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    caplog.set_level(logging.INFO, logger="gigstack_async")
    async with Gigstack(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{port}", timeout=0.5, max_retries=2
    ) as gs:
        with pytest.raises(APIConnectionError) as caught:
            await gs.clients.create(CLIENT)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert retries_logged(caplog) == 2  # refused: provably not processed, so sent again


@pytest.mark.usefixtures("no_waits")
async def test_a_plain_post_that_waits_too_long_for_a_connection_is_retried(
    server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    # Every connection of the pool is held by a GET; the POST never gets one.
    server.default = Gather(POOL + 1, 3.0, Reply(body={"data": {"id": "client_1"}}))
    caplog.set_level(logging.INFO, logger="gigstack_async")
    async with Gigstack(api_key=API_KEY, base_url=server.url, timeout=0.5) as gs:
        slow = gs.with_options(timeout=httpx.Timeout(5.0), max_retries=0)
        gets = [asyncio.create_task(slow.clients.get("client_1")) for _ in range(POOL)]
        await server.wait_for_requests(POOL)
        with pytest.raises(APITimeoutError) as caught:
            await gs.with_options(max_retries=1).clients.create(CLIENT)
        await asyncio.gather(*gets)
    assert isinstance(caught.value.__cause__, httpx.ConnectTimeout)
    assert retries_logged(caplog) == 1
    assert [r.method for r in server.requests] == ["GET"] * POOL  # the POST never went out


async def test_proxies_come_from_the_environment(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    server.default = Reply(body={"data": {"id": "client_1"}})
    base_url = "http://gigstack.example/v2"  # never resolved: the proxy is asked for it
    async with Gigstack(api_key=API_KEY, base_url=base_url, allow_insecure_http=True) as gs:
        assert isinstance(await gs.clients.get("client_1"), GigstackClient)
    (request,) = server.requests
    assert request.headers["host"] == "gigstack.example"
    assert request.path == "/v2/clients/client_1"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def test_tls_is_verified_against_the_environment_s_certificates(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = certificate
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    server = await FaultServer(Reply(body={"data": {"id": "client_1"}})).start(tls)
    try:
        async with Gigstack(api_key=API_KEY, base_url=server.url, max_retries=0) as gs:
            with pytest.raises(APIConnectionError, match="certificate verify failed"):
                await gs.clients.get("client_1")
        assert server.requests == []
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        async with Gigstack(api_key=API_KEY, base_url=server.url, max_retries=0) as gs:
            assert isinstance(await gs.clients.get("client_1"), GigstackClient)
        assert len(server.requests) == 1
    finally:
        await server.stop()


async def test_a_streamed_multipart_upload_arrives_whole_each_time_it_is_sent(
    server: FaultServer, tmp_path: Path
) -> None:
    document = tmp_path / "cfdi.xml"
    document.write_bytes(b"<cfdi>" + b"x" * 300_000 + b"</cfdi>")
    http = open_pool(headers={}, timeout=httpx.Timeout(5.0), limits=httpx.Limits())
    async with http:
        with document.open("rb") as file:
            request = http.build_request(
                "POST", f"{server.url}/v2/upload", files={"file": ("cfdi.xml", file)}
            )
            for _ in range(2):  # as a retry sends it again
                response = await http.send(request)
                assert response.status_code == 200
    first, again = server.requests
    assert int(first.headers["content-length"]) == len(first.body)
    assert first.body == again.body and document.read_bytes() in first.body


@pytest.mark.parametrize("on_httpcore", [False, True], ids=["sdk pool", "caller's httpx"])
async def test_respx_sees_the_requests_only_when_it_patches_httpx(
    server: FaultServer, on_httpcore: bool
) -> None:
    server.default = Reply(body={"data": {"id": "from_the_server"}})

    async def fetch(http: httpx.AsyncClient | None) -> str | None:
        async with Gigstack(api_key=API_KEY, base_url=server.url, http_client=http) as gs:
            return (await gs.clients.get("client_1")).id

    http = httpx.AsyncClient(trust_env=False) if on_httpcore else None
    with respx.mock(base_url=server.url, using="httpx") as mock:
        mock.get("/clients/client_1").respond(json={"data": {"id": "from_respx"}})
        assert await fetch(http) == "from_respx"
    assert server.requests == []
    # respx's default patches httpcore: the SDK's own pool goes past it, to the server.
    http = httpx.AsyncClient(trust_env=False) if on_httpcore else None
    with respx.mock(base_url=server.url, assert_all_called=False) as mock:
        mock.get("/clients/client_1").respond(json={"data": {"id": "from_respx"}})
        expected = "from_respx" if on_httpcore else "from_the_server"
        assert await fetch(http) == expected
