"""A new plain-CRUD resource costs the fake one row of `TEAM_COLLECTIONS`: here `webhooks`, made
by copying the spec's services paths, is served by the generic handlers with no code of its own."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from gigstack_async.testing import _store
from gigstack_async.testing._app import API_PREFIX, Backend, build_app
from gigstack_async.testing._faults import FaultQueue
from gigstack_async.testing._journal import Journal
from gigstack_async.testing._spec import Spec, bundled_document
from gigstack_async.testing._store import Kind, World
from gigstack_async.testing._validation import SpecValidator

KEY = "sk_test_crud"


def with_webhooks(document: dict[str, Any]) -> dict[str, Any]:
    """The document plus `/webhooks` operations: the services ones under new names, the list
    with one more declared filter, `sku`, which no map names."""
    document = copy.deepcopy(document)
    for path in ("/services", "/services/{id}"):
        item = copy.deepcopy(document["paths"][path])
        for op in item.values():
            op["operationId"] = op["operationId"].replace("services", "webhooks")
            op["x-sdk-method"] = op["x-sdk-method"].replace("services", "webhooks")
        document["paths"][path.replace("services", "webhooks")] = item
    listing = document["paths"]["/webhooks"]["get"]
    listing["parameters"].append({"name": "sku", "in": "query", "schema": {"type": "string"}})
    return document


@pytest_asyncio.fixture
async def http(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setitem(_store.TEAM_COLLECTIONS, "webhooks", Kind("Webhook", "webhook"))
    world = World()
    world.add_account(KEY, "team_crud")
    validator = SpecValidator(Spec(with_webhooks(bundled_document())))
    app = build_app(Backend(world, validator, FaultQueue(), Journal(), check_responses=True))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://fake" + API_PREFIX,
        headers={"Authorization": f"Bearer {KEY}"},
    ) as client:
        yield client


def data(response: httpx.Response) -> Any:
    return json.loads(response.content)["data"]


@pytest.mark.asyncio
async def test_a_new_collection_row_serves_list_get_create_update_delete(
    http: httpx.AsyncClient,
) -> None:
    created = await http.post("/webhooks", json={"description": "Alta", "unit_price": 1})
    assert created.status_code == 201
    assert created.json()["message"] == "Webhook created successfully"
    hook = data(created)
    assert hook["id"].startswith("webhook_") and hook["team"] == "team_crud"

    assert data(await http.get(f"/webhooks/{hook['id']}")) == hook
    updated = await http.put(f"/webhooks/{hook['id']}", json={"unit_price": 5})
    assert data(updated)["unit_price"] == 5 and data(updated)["description"] == "Alta"
    assert [h["id"] for h in data(await http.get("/webhooks"))] == [hook["id"]]
    assert data(await http.get("/services")) == []  # a collection of its own

    deleted = await http.delete(f"/webhooks/{hook['id']}")
    assert data(deleted) == {"id": hook["id"], "deleted": True}
    missing = await http.get(f"/webhooks/{hook['id']}")
    assert missing.status_code == 404 and "Webhook" in missing.json()["error"]["message"]


@pytest.mark.asyncio
async def test_a_declared_filter_compares_the_field_of_its_name(http: httpx.AsyncClient) -> None:
    for sku in ("A-1", "B-2"):
        await http.post("/webhooks", json={"description": sku, "unit_price": 1, "sku": sku})
    only = data(await http.get("/webhooks", params={"sku": "B-2"}))
    assert [hook["sku"] for hook in only] == ["B-2"]
    # `sku` is not declared on the services list: there it filters nothing.
    await http.post("/services", json={"description": "S", "unit_price": 1, "sku": "A-1"})
    assert len(data(await http.get("/services", params={"sku": "B-2"}))) == 1
