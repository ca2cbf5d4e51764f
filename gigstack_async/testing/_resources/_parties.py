"""Clients and items as invoices, payments and receipts name them: by id, by `search`, or inline."""

from __future__ import annotations

import copy
from typing import Any

from .._calls import Call
from .._errors import FakeAPIError, bad_request, not_found
from .._store import Collection, Record, new_id, now


def find_by(collection: Collection, key: str, value: Any) -> list[Record]:
    """Records whose field `key` (dotted for nested fields, e.g. `metadata.crm_id`) equals
    `value`, compared as text."""
    found = []
    for record in collection.values():
        current: Any = record
        for part in key.split("."):
            current = current.get(part) if isinstance(current, dict) else None
        if current is not None and str(current) == str(value):
            found.append(record)
    return found


def search_one(collection: Collection, search: Any) -> tuple[bool, Record | None]:
    """(searched, match) for an upsert `search` block; several matches are a 409."""
    if not isinstance(search, dict) or not search.get("on_key") or search.get("on_value") is None:
        return False, None
    found = find_by(collection, search["on_key"], search["on_value"])
    if len(found) > 1:
        raise FakeAPIError(
            409,
            "resource_conflict",
            f"{len(found)} {collection.kind.lower()}s match {search['on_key']}",
        )
    return True, (found[0] if found else None)


def new_client(call: Call, fields: Record) -> Record:
    record: Record = {
        **fields,
        "id": new_id("client"),
        "created_at": now(),
        "livemode": call.livemode,
        "team": call.team.id,
    }
    return call.team.collection("clients").add(record)


def resolve_client(call: Call, given: Any, client_id: Any = None) -> Record | None:
    """The team's client a body names: `client.id`, `client_id`, a `client.search` match (created
    from the inline fields when `auto_create` is true), or a new client from the inline fields;
    None when the body names none."""
    clients = call.team.collection("clients")
    given = given if isinstance(given, dict) else {}
    if given.get("id"):
        return clients.get(given["id"])
    if isinstance(client_id, str) and client_id:
        return clients.get(client_id)
    search = given.get("search")
    searched, match = search_one(clients, search)
    if match is not None:
        return match
    if searched and not search.get("auto_create"):
        raise not_found("Client", f"{search['on_key']}={search['on_value']}")
    inline = call.pick(given, "InvoiceClientInput", "GigstackClient")
    return new_client(call, inline) if inline else None


def require_client(call: Call, given: Any, client_id: Any = None) -> Record:
    client = resolve_client(call, given, client_id)
    if client is None:
        raise bad_request("missing_required_field", "A client is required", ["body/client"])
    return client


def client_summary(client: Record) -> Record:
    """The client as invoices and receipts carry it."""
    keys = ("id", "legal_name", "name", "tax_id", "email")
    return {key: client.get(key) for key in keys}


def resolve_items(call: Call, given: list[Any]) -> list[Record]:
    """The items of a body, completed from the service each one names (`id` or `search`)."""
    services = call.team.collection("services")
    items: list[Record] = []
    for index, raw in enumerate(given):
        item = call.pick(raw if isinstance(raw, dict) else {}, "Item", "Item")
        search = item.pop("search", None)
        service = services.get(item["id"]) if item.get("id") else None
        if service is None:
            searched, service = search_one(services, search)
            if searched and service is None:
                if not search.get("auto_create"):
                    raise not_found("Service", f"{search['on_key']}={search['on_value']}")
                _require_price(item, index)
                fields = call.pick(item, "ServiceInput", "Service")
                service = services.add(
                    {**fields, "id": new_id("service"), "created_at": now(), "team": call.team.id}
                )
        if service is not None:
            defaults = call.pick(service, "Service", "Item")
            given_fields = {key: value for key, value in item.items() if value is not None}
            item = {**copy.deepcopy(defaults), **given_fields, "id": service["id"]}
        else:
            item["id"] = new_id("item")
        _require_price(item, index)
        items.append(item)
    return items


def _require_price(item: Record, index: int) -> None:
    missing = [name for name in ("description", "unit_price") if item.get(name) is None]
    if missing:
        raise bad_request(
            "missing_required_field",
            "Every item needs a description and a unit_price (or the id of a service)",
            [f"body/items/{index}/{name}: is required" for name in missing],
        )
