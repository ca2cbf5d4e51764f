from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
import respx

from gigstack_async import Gigstack

BASE = "https://api.gigstack.io/v2"
KEY = "sk_test_supersecretkey123"


@pytest.fixture
def router() -> respx.MockRouter:
    with respx.mock(base_url=BASE, assert_all_called=False, using="httpx") as mock:
        yield mock


@pytest_asyncio.fixture
async def gs(router: respx.MockRouter) -> AsyncIterator[Gigstack]:
    async with Gigstack(api_key=KEY, base_url=BASE) as client:
        yield client


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the waits between retries instead of waiting."""
    waited: list[float] = []

    async def fake_sleep(delay: float) -> None:
        waited.append(delay)

    monkeypatch.setattr("gigstack_async._retry.sleep", fake_sleep)
    return waited


def envelope(data: object, **extra: object) -> dict[str, object]:
    return {"message": "ok", "data": data, **extra}


def answer_recording_auth(route: respx.Route, data: object) -> list[str]:
    """Answer `route` with `envelope(data)` and return the Authorization header of each request
    as it was sent: once the attempt is over, the SDK redacts it on the request respx keeps."""
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("authorization", ""))
        return httpx.Response(200, json=envelope(data))

    route.mock(side_effect=answer)
    return sent
