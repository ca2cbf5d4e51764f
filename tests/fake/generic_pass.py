"""Operations called once each through the public API against the fake, with the spec's example
bodies: what "every operation answers" needs for operations that no flow of test_operations.py
covers (plain CRUD above all).

Creates run first, then reads, updates, actions and deletes last; the first path id of an
operation is a record of its collection (`/webhooks/{id}` -> `/webhooks`): the one the pass
created there, else the first one listed there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gigstack_async import Gigstack, GigstackError
from gigstack_async._generated.registry import OPERATIONS
from tests import operations
from tests.contract.recording import as_wire


def collection_path(op_id: str) -> str:
    """The path of the collection an operation's first path id belongs to."""
    return OPERATIONS[op_id].path.split("/{", 1)[0]


def creates(op_id: str) -> bool:
    info = OPERATIONS[op_id]
    return info.method == "POST" and not operations.path_parameters(op_id)


def _order(op_id: str) -> tuple[int, str]:
    info = OPERATIONS[op_id]
    if creates(op_id):
        rank = 0
    else:
        rank = {"GET": 1, "PUT": 2, "PATCH": 2, "POST": 3, "DELETE": 4}[info.method]
    return rank, op_id


def _id_of(record: Any) -> str | None:
    wire = as_wire(record)
    value = wire.get("id") if isinstance(wire, dict) else None
    return value if isinstance(value, str) else None


async def _listed_id(gs: Gigstack, path: str) -> str | None:
    lists = [
        op_id
        for op_id, info in OPERATIONS.items()
        if info.method == "GET" and info.path == path and info.pagination
    ]
    for op_id in lists:
        page = await operations.public_method(gs, op_id)(limit=1)
        for item in page.data:
            return _id_of(item)
    return None


async def call_each(gs: Gigstack, op_ids: Iterable[str]) -> dict[str, str]:
    """Call each operation once; returns what went wrong, by operation id (empty: all answered
    with a 2xx)."""
    created: dict[str, str] = {}
    failures: dict[str, str] = {}
    for op_id in sorted(op_ids, key=_order):
        ids = operations.example_ids(op_id)
        try:
            if ids:
                path = collection_path(op_id)
                first = created.get(path) or await _listed_id(gs, path)
                if first is None:
                    failures[op_id] = f"no record of {path} to address"
                    continue
                ids[0] = first
            result = await operations.call(gs, op_id, ids)
        except GigstackError as error:
            failures[op_id] = repr(error)
            continue
        made = _id_of(result) if creates(op_id) else None
        if made is not None:
            created[collection_path(op_id)] = made
    return failures
