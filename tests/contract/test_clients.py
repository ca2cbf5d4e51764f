"""Clients operations through the public API against Prism."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import (
    Address,
    ClientInput,
    ClientUpdateInput,
    CustomerPortalSession,
    GigstackClient,
    PendingReceiptsSummary,
)

from .recording import assert_lossless, wire_data
from .spec_examples import request_example

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


async def test_clients_create_from_each_documented_example(spec, gs: Gigstack) -> None:
    with capture_response() as raw:
        created = await gs.clients.create(request_example(spec, "clients_create"))
    assert isinstance(created, GigstackClient) and isinstance(created.id, str)
    assert_lossless(created, raw)
    # The upsert example as a typed input model; `search` is kept as an extra wire key.
    upsert = ClientInput.from_dict(
        request_example(spec, "clients_create", "guide_upsert_with_search")
    )
    assert "search" in upsert.to_dict()
    assert isinstance(await gs.clients.create(upsert), GigstackClient)


async def test_clients_get_and_update(gs: Gigstack) -> None:
    with capture_response() as raw:
        client = await gs.clients.get("client_1234567890")
    assert isinstance(client, GigstackClient)
    assert_lossless(client, raw)
    body = ClientUpdateInput(email="pagos@empresa.mx", address=Address(zip_="03100"))
    with capture_response() as raw:
        updated = await gs.clients.update("client_1234567890", body)
    assert isinstance(updated, GigstackClient)
    assert_lossless(updated, raw)


async def test_clients_delete_and_validate_return_the_envelope_data(gs: Gigstack) -> None:
    with capture_response() as raw:
        deleted = await gs.clients.delete("client_1234567890")
    assert raw.response is not None and raw.response.status_code == 200
    assert deleted == wire_data(raw)
    with capture_response() as raw:
        validated = await gs.clients.validate("client_1234567890")
    assert validated == wire_data(raw)


async def test_clients_customer_portal(spec, gs: Gigstack) -> None:
    with capture_response() as raw:
        session = await gs.clients.customer_portal(request_example(spec, "clients_customer_portal"))
    assert isinstance(session, CustomerPortalSession)
    assert isinstance(session.url, str) and session.url.startswith("https://")
    assert session.expires_at == 1693900800000  # milliseconds, kept as sent
    assert_lossless(session, raw)


async def test_clients_stamp_pending_receipts(gs: Gigstack) -> None:
    with capture_response() as raw:
        summary = await gs.clients.stamp_pending_receipts("client_1234567890")
    assert isinstance(summary, PendingReceiptsSummary)
    assert isinstance(summary.stamped, int) and isinstance(summary.failed, int)
    assert_lossless(summary, raw)


async def test_team_scoping_travels_as_the_declared_query_parameter(gs: Gigstack) -> None:
    with capture_response() as raw:
        client = await gs.for_team("team_1234567890").clients.get("client_1234567890")
    assert isinstance(client, GigstackClient)
    assert raw.response is not None
    assert raw.response.request.url.params["team"] == "team_1234567890"
