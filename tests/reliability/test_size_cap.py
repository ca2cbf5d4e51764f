"""A response body larger than the cap (counted after decompression) is refused, not buffered."""

from __future__ import annotations

import gzip

import pytest
import pytest_asyncio

from gigstack_async import Gigstack, ResponseTooLargeError

from .conftest import API_KEY
from .fault_server import FaultServer, Reply

pytestmark = pytest.mark.asyncio

CAP = 256 * 1024


PREFIX = b'{"data": {"id": "client_1", "pad": "'


def json_of_size(size: int) -> bytes:
    return PREFIX + b"x" * (size - len(PREFIX) - 3) + b'"}}'


@pytest_asyncio.fixture
async def capped(server: FaultServer) -> Gigstack:
    return Gigstack(api_key=API_KEY, base_url=server.url, timeout=5.0, max_response_bytes=CAP)


async def test_a_gzip_bomb_stops_at_the_cap(server: FaultServer, capped: Gigstack) -> None:
    bomb = gzip.compress(json_of_size(64 * CAP))  # 16 MiB once inflated, 16 KiB on the wire
    assert len(bomb) < CAP
    server.then(Reply(200, bomb, headers={"Content-Encoding": "gzip"}))
    async with capped:
        with pytest.raises(ResponseTooLargeError) as caught:
            await capped.clients.get("client_1")
    error = caught.value
    assert (error.limit, error.status_code) == (CAP, 200)
    assert "larger than 262,144 bytes" in str(error) and "max_response_bytes" in str(error)
    assert server.attempts == 1  # not retried: the same body would come back


async def test_a_plain_body_over_the_cap_is_refused(server: FaultServer, capped: Gigstack) -> None:
    server.then(Reply(200, json_of_size(CAP + 1)))
    async with capped:
        with pytest.raises(ResponseTooLargeError):
            await capped.clients.get("client_1")


async def test_a_body_at_the_cap_is_read_whole(server: FaultServer, capped: Gigstack) -> None:
    body = json_of_size(CAP)
    server.then(Reply(200, gzip.compress(body), headers={"Content-Encoding": "gzip"}))
    async with capped:
        data = await capped.request("GET", "/clients/client_1")
    assert data["id"] == "client_1" and len(data["pad"]) == CAP - len(PREFIX) - 3


async def test_the_cap_is_checked(server: FaultServer) -> None:
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="max_response_bytes"):
            Gigstack(api_key=API_KEY, base_url=server.url, max_response_bytes=bad)  # type: ignore[arg-type]
