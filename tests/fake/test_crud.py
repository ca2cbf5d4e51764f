"""A new plain-CRUD resource costs the fake one row of `TEAM_COLLECTIONS`: here `notes`, made
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


def with_notes(document: dict[str, Any]) -> dict[str, Any]:
    """The document plus `/notes` operations: the services ones under new names, the list
    with one more declared filter, `sku`, which no map names."""
    document = copy.deepcopy(document)
    for path in ("/services", "/services/{id}"):
        item = copy.deepcopy(document["paths"][path])
        for op in item.values():
            op["operationId"] = op["operationId"].replace("services", "notes")
            op["x-sdk-method"] = op["x-sdk-method"].replace("services", "notes")
        document["paths"][path.replace("services", "notes")] = item
    listing = document["paths"]["/notes"]["get"]
    listing["parameters"].append({"name": "sku", "in": "query", "schema": {"type": "string"}})
    return document


@pytest_asyncio.fixture
async def http(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setitem(_store.TEAM_COLLECTIONS, "notes", Kind("Note", "note"))
    world = World()
    world.add_account(KEY, "team_crud")
    validator = SpecValidator(Spec(with_notes(bundled_document())))
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
    created = await http.post("/notes", json={"description": "Alta", "unit_price": 1})
    assert created.status_code == 201
    assert created.json()["message"] == "Note created successfully"
    note = data(created)
    assert note["id"].startswith("note_") and note["team"] == "team_crud"

    assert data(await http.get(f"/notes/{note['id']}")) == note
    updated = await http.put(f"/notes/{note['id']}", json={"unit_price": 5})
    assert data(updated)["unit_price"] == 5 and data(updated)["description"] == "Alta"
    assert [h["id"] for h in data(await http.get("/notes"))] == [note["id"]]
    assert data(await http.get("/services")) == []  # a collection of its own

    deleted = await http.delete(f"/notes/{note['id']}")
    assert data(deleted) == {"id": note["id"], "deleted": True}
    missing = await http.get(f"/notes/{note['id']}")
    assert missing.status_code == 404 and "Note" in missing.json()["error"]["message"]


@pytest.mark.asyncio
async def test_a_declared_filter_compares_the_field_of_its_name(http: httpx.AsyncClient) -> None:
    for sku in ("A-1", "B-2"):
        await http.post("/notes", json={"description": sku, "unit_price": 1, "sku": sku})
    only = data(await http.get("/notes", params={"sku": "B-2"}))
    assert [note["sku"] for note in only] == ["B-2"]
    # `sku` is not declared on the services list: there it filters nothing.
    await http.post("/services", json={"description": "S", "unit_price": 1, "sku": "A-1"})
    assert len(data(await http.get("/services", params={"sku": "B-2"}))) == 1
