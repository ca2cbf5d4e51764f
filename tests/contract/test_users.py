"""Users against Prism, beyond the round trip of tests/contract/test_every_operation.py."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import User

from .recording import assert_lossless

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]


async def test_users_list(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.users.list(limit=2, created_gte=1600000000, created_lte=1900000000)
    assert isinstance(page, Page)
    assert [u.id for u in page.data] == ["user_1234567890", "user_9876543210"]
    assert all(isinstance(u, User) for u in page.data)
    assert_lossless(page, raw)


async def test_users_get_keeps_the_older_camel_case_fields(gs: Gigstack) -> None:
    with capture_response() as raw:
        user = await gs.users.get("user_1234567890")
    assert isinstance(user, User)
    assert user.email == "john.doe@example.com" and user.last_login == 1677737634
    assert user.teams and len(user.teams) == 2
    assert user.to_dict()["firstName"] == "John"  # undocumented spelling, kept as sent
    assert_lossless(user, raw)
