"""Clients against Prism: what goes beyond the round trip of every operation
(test_every_operation.py): the documented page, the upsert input, the portal's milliseconds,
team scoping."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import (
    ClientInput,
    CustomerPortalSession,
    GigstackClient,
)
from tests.operations import example_body

from .recording import assert_lossless

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]


async def test_clients_list_reads_the_documented_page(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.clients.list(
            limit=10, order_by="timestamp", sort="desc", created_gte=1677600000
        )
    assert isinstance(page, Page)
    assert page.has_more is False and page.next is None and page.total_results == 1
    (client,) = page.data
    assert isinstance(client, GigstackClient)
    assert client.id == "client_1234567890"
    assert client.tax_system == "601" and client.created_at == 1677651234
    assert_lossless(page, raw)
    assert [c.id async for c in gs.clients.list(limit=10)] == ["client_1234567890"]


async def test_clients_create_upsert_as_a_typed_input(gs: Gigstack) -> None:
    # The upsert example as a typed input model; `search` is kept as an extra wire key.
    upsert = ClientInput.from_dict(example_body("clients_create", "guide_upsert_with_search"))
    assert "search" in upsert.to_dict()
    assert isinstance(await gs.clients.create(upsert), GigstackClient)


async def test_clients_customer_portal(gs: Gigstack) -> None:
    with capture_response() as raw:
        session = await gs.clients.customer_portal(example_body("clients_customer_portal"))
    assert isinstance(session, CustomerPortalSession)
    assert isinstance(session.url, str) and session.url.startswith("https://")
    assert session.expires_at == 1693900800000  # milliseconds, kept as sent
    assert_lossless(session, raw)


async def test_team_scoping_travels_as_the_declared_query_parameter(gs: Gigstack) -> None:
    with capture_response() as raw:
        client = await gs.for_team("team_1234567890").clients.get("client_1234567890")
    assert isinstance(client, GigstackClient)
    assert raw.response is not None
    assert raw.response.request.url.params["team"] == "team_1234567890"
