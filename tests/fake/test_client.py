"""`FakeGigstack.client()`: a real `Gigstack`, wired in process, that cleans up after itself."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack
from gigstack_async.testing import FakeGigstack


@pytest.mark.asyncio
async def test_the_client_closes_its_connection_and_copies_do_not(fake: FakeGigstack) -> None:
    async with fake.client(max_retries=0) as gs:
        assert isinstance(gs, Gigstack) and gs.max_retries == 0
        copy = gs.for_team("team_default")
        await copy.aclose()
        assert (await gs.teams.list()).total_results == 1  # the copy left the pool open
        http = gs._core.http
    assert http.is_closed


@pytest.mark.asyncio
async def test_aclose_closes_it_too(fake: FakeGigstack) -> None:
    gs = fake.client(team="team_default")
    assert gs.team == "team_default"
    await gs.aclose()
    assert gs._core.http.is_closed


def test_the_client_cannot_be_pointed_elsewhere(fake: FakeGigstack) -> None:
    with pytest.raises(TypeError):
        fake.client(base_url="https://api.gigstack.io/v2")


def test_reprs_do_not_show_the_key() -> None:
    fake = FakeGigstack(api_key="sk_test_secret123")
    assert "secret123" not in repr(fake) and "secret123" not in repr(fake.client())
