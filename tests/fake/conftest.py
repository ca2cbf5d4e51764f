from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from gigstack_async import Gigstack
from gigstack_async.testing import FakeGigstack

from .served import serving


@pytest.fixture
def fake() -> FakeGigstack:
    return FakeGigstack()


@pytest_asyncio.fixture
async def gs(fake: FakeGigstack) -> AsyncIterator[Gigstack]:
    async with fake.client() as client:
        yield client


@pytest.fixture(scope="session")
def served_fake() -> Iterator[str]:
    """`python -m gigstack_async.testing` on a free loopback port (with a second team of the
    key's account, `team_norte`), shared by the tests that do not reset it; yields its base URL."""
    with serving("--connect-team", "team_norte") as base_url:
        yield base_url
