"""Services: the team's catalogue of products and services, reused as items."""

from __future__ import annotations

from .._calls import Call, Handler, Reply
from .._store import PageReply, new_id, now


def list_(call: Call) -> PageReply:
    return call.team.services.page(call.query)


def get(call: Call) -> Reply:
    return Reply(call.team.services.get(call.path["id"]), "Service retrieved successfully")


def create(call: Call) -> Reply:
    record = {
        **call.pick(call.fields, "ServiceInput", "Service"),
        "id": new_id("service"),
        "created_at": now(),
        "livemode": call.livemode,
        "team": call.team.id,
    }
    return Reply(call.team.services.add(record), "Service created successfully", 201)


def update(call: Call) -> Reply:
    service = call.team.services.get(call.path["id"])
    service.update(call.pick(call.fields, "ServiceUpdateInput", "Service"))
    return Reply(service, "Service updated successfully")


def delete(call: Call) -> Reply:
    service = call.team.services.remove(call.path["id"])
    return Reply({"id": service["id"], "deleted": True}, "Service deleted successfully")


HANDLERS: dict[str, Handler] = {
    "services_list": list_,
    "services_get": get,
    "services_create": create,
    "services_update": update,
    "services_delete": delete,
}
