"""Plain CRUD over any collection of `TEAM_COLLECTIONS`: list (cursor pagination and the
operation's declared filters), get, create, update and delete.

An operation whose public method ends in `<collection>.<verb>` (one of `VERBS`) is served here
unless its resource module has a handler of its own for a business rule. What is stored and
answered comes from the spec: the request body's schema, the record schema of the answer.
"""

from __future__ import annotations

from collections.abc import Callable

from .._calls import Call, Handler, Reply
from .._spec import Operation, Spec
from .._store import TEAM_COLLECTIONS, Kind, PageReply, Record, new_id, now

Factory = Callable[["Resource"], Handler]


class Resource:
    """One operation's view of a team collection: its name, kind and the spec's schemas."""

    def __init__(self, spec: Spec, op: Operation, collection: str, kind: Kind) -> None:
        self.op = op
        self.collection = collection
        self.kind = kind
        path_params = op.parameters("path")
        self.id_param = path_params[-1].name if path_params else None
        body = spec.schema_name(op.body_schema)
        output = spec.record_schema(op.id)
        # (input, output) schemas for `Call.pick`; a missing one stands in for the other.
        self.schemas = (body or output, output or body)
        self.stored = spec.schema_properties(output) if output else None

    def fields(self, call: Call) -> Record:
        """What a create or update keeps of the body: the fields both schemas declare."""
        body, output = self.schemas
        return {} if body is None or output is None else call.pick(call.fields, body, output)

    def target(self, call: Call) -> Record:
        assert self.id_param is not None, f"{self.op.id} has no path parameter"
        return call.team.collection(self.collection).get(call.path[self.id_param])


def _list(resource: Resource) -> Handler:
    def list_(call: Call) -> PageReply:
        return call.team.collection(resource.collection).page(call.query)

    return list_


def _get(resource: Resource) -> Handler:
    def get(call: Call) -> Reply:
        return Reply(resource.target(call), f"{resource.kind.name} retrieved successfully")

    return get


def _create(resource: Resource) -> Handler:
    message = f"{resource.kind.name} created successfully"
    # 201 where the operation documents it, else the 200 it documents.
    status = 201 if 201 in resource.op.responses else 200

    def create(call: Call) -> Reply:
        collection = call.team.collection(resource.collection)

        def make() -> Record:
            made: Record = {
                "id": new_id(resource.kind.id_prefix),
                "created_at": now(),
                "livemode": call.livemode,
                "team": call.team.id,
            }
            # Only the fields the record schema declares (all four, for today's collections).
            if resource.stored is not None:
                made = {name: value for name, value in made.items() if name in resource.stored}
            return collection.add({**resource.fields(call), **made})

        if resource.op.idempotency is not None:
            return call.create_once(collection, make, message)
        return Reply(make(), message, status)

    return create


def _update(resource: Resource) -> Handler:
    def update(call: Call) -> Reply:
        record = resource.target(call)
        record.update(resource.fields(call))
        return Reply(record, f"{resource.kind.name} updated successfully")

    return update


def _delete(resource: Resource) -> Handler:
    def delete(call: Call) -> Reply:
        assert resource.id_param is not None
        collection = call.team.collection(resource.collection)
        record = collection.remove(call.path[resource.id_param])
        return Reply(
            {"id": record[collection.key], "deleted": True},
            f"{resource.kind.name} deleted successfully",
        )

    return delete


VERBS: dict[str, Factory] = {
    "list": _list,
    "get": _get,
    "create": _create,
    "update": _update,
    "delete": _delete,
}


def crud_handler(spec: Spec, op: Operation) -> Handler | None:
    """The generic handler of `op`, when its public method ends in `<collection>.<verb>` of a
    team collection (`webhooks.get`, `invoices.drafts.list`); None otherwise."""
    if len(op.sdk_method) < 2:
        return None
    collection, verb = op.sdk_method[-2:]
    kind = TEAM_COLLECTIONS.get(collection)
    factory = VERBS.get(verb)
    if kind is None or factory is None:
        return None
    return factory(Resource(spec, op, collection, kind))
