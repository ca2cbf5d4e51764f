"""The fake checks its own answers against the spec's response schemas before sending them."""

from __future__ import annotations

import httpx
import pytest

from gigstack_async.testing import FakeGigstack, FakeSpecViolation
from gigstack_async.testing._calls import Call, Reply
from gigstack_async.testing._resources import BUSINESS_RULES


def _bad_client(call: Call) -> Reply:
    return Reply({"id": 42, "created_at": "yesterday"}, "Client retrieved successfully")


@pytest.mark.asyncio
async def test_an_answer_the_spec_rejects_is_raised_not_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(BUSINESS_RULES, "clients_get", _bad_client)
    async with FakeGigstack().client() as gs:
        with pytest.raises(FakeSpecViolation) as violation:
            await gs.clients.get("client_1")
    message = str(violation.value)
    assert "clients_get" in message and "response/data" in message


@pytest.mark.asyncio
async def test_the_check_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(BUSINESS_RULES, "clients_get", _bad_client)
    fake = FakeGigstack(check_responses=False)
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport) as http:
        response = await http.get(
            "http://fake/v2/clients/client_1", headers={"Authorization": "Bearer sk_test_fake"}
        )
    assert response.json()["data"] == {"id": 42, "created_at": "yesterday"}
