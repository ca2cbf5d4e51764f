"""`fail_next`: injected failures, and the SDK's retries against them."""

from __future__ import annotations

import pytest

from gigstack_async import InternalServerError, RateLimitError
from gigstack_async.testing import FakeGigstack

from . import bodies


@pytest.mark.asyncio
async def test_retries_ride_out_a_burst_of_503(fake: FakeGigstack) -> None:
    fake.fail_next(status=503, times=2, retry_after=0)
    async with fake.client(max_retries=2) as gs:
        page = await gs.clients.list()
    assert page.total_results == 0
    attempts = [(r.operation_id, r.status, r.injected) for r in fake.requests]
    assert attempts == [
        ("clients_list", 503, True),
        ("clients_list", 503, True),
        ("clients_list", 200, False),
    ]
    fake.clear_requests()
    assert fake.requests == []


@pytest.mark.asyncio
async def test_the_error_surfaces_when_failures_outlast_the_retries(fake: FakeGigstack) -> None:
    fake.fail_next(status=503, times=3, retry_after=0)
    async with fake.client(max_retries=2) as gs:
        with pytest.raises(InternalServerError) as failed:
            await gs.clients.list()
    error = failed.value
    assert (error.status_code, error.code) == (503, "service_unavailable")
    assert error.response.headers["retry-after"] == "0"
    assert error.body["error"]["message"].startswith("Injected failure")
    assert len(fake.requests) == 3


@pytest.mark.asyncio
async def test_a_plain_post_is_not_repeated_after_a_500(fake: FakeGigstack) -> None:
    fake.fail_next(status=500, retry_after=None)
    async with fake.client() as gs:
        with pytest.raises(InternalServerError) as failed:
            await gs.clients.create(bodies.client())
        assert "retry-after" not in failed.value.response.headers
        assert len(fake.requests) == 1
        # 503 proves nothing was processed, so even a plain POST is retried, and lands once.
        fake.fail_next(status=503)
        await gs.clients.create(bodies.client())
        assert (await gs.clients.list()).total_results == 1


@pytest.mark.asyncio
async def test_429_carries_its_code_and_no_retries_means_one_attempt(fake: FakeGigstack) -> None:
    fake.fail_next(status=429, times=5, retry_after=0)
    async with fake.client(max_retries=0) as gs:
        with pytest.raises(RateLimitError) as limited:
            await gs.users.list()
    assert limited.value.code == "rate_limit_exceeded"
    assert len(fake.requests) == 1


def test_fail_next_refuses_what_is_not_an_error(fake: FakeGigstack) -> None:
    for bad in ({"status": 200}, {"status": 503, "times": 0}, {"retry_after": -1}):
        with pytest.raises(ValueError):
            fake.fail_next(**bad)  # type: ignore[arg-type]
