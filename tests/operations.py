"""Any operation of the registry, called through the public API with the spec's own examples.

`gs.<sdk_method>` takes the path parameters positionally, then the body, then keyword options:
the calls here are derived from the registry and the spec, so a new operation needs no edit.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from gigstack_async import Gigstack
from gigstack_async._generated.registry import OPERATIONS
from gigstack_async.testing._spec import Operation, Spec, bundled_spec

SPEC: Spec = bundled_spec()
_PATH_PARAMETER = re.compile(r"\{([^}]+)\}")
# Query parameters every call or every list takes, passed on their own.
NOT_FILTERS = frozenset({"team", "limit", "next", "order_by", "sort"})


def operation(op_id: str) -> Operation:
    return SPEC.operation(op_id)


def public_method(gs: Gigstack, op_id: str) -> Callable[..., Awaitable[Any]]:
    """`gs.invoices.income.create` for `invoices_income_create`."""
    method: Callable[..., Awaitable[Any]] = functools.reduce(
        getattr, OPERATIONS[op_id].sdk_method, gs
    )
    return method


def returns_none(gs: Gigstack, op_id: str) -> bool:
    """Whether the public method promises no result (the operation documents no content)."""
    hints = inspect.get_annotations(public_method(gs, op_id))
    return hints.get("return") == "None"


def path_parameters(op_id: str) -> list[str]:
    """The operation's path parameters, in the order the public method takes them."""
    return _PATH_PARAMETER.findall(OPERATIONS[op_id].path)


def example_ids(op_id: str) -> list[str]:
    return [f"{name}_1234567890" for name in path_parameters(op_id)]


def example_body(op_id: str, name: str | None = None) -> Any:
    """The operation's first (or named) documented request example; when it documents none, the
    smallest body its schema accepts. None for operations without a body."""
    op = operation(op_id)
    if op.body_schema is None:
        return None
    if op.request_examples or name is not None:
        return op.request_example(name)
    return minimal_value(op.body_schema)


def minimal_value(schema: dict[str, Any]) -> Any:
    """The smallest value a schema accepts: required properties only, the schema's own example,
    first enum value or lower bound where it has one."""
    schema = SPEC.resolve(schema)
    for key in ("const", "example"):
        if key in schema:
            return schema[key]
    if schema.get("examples"):
        return schema["examples"][0]
    if schema.get("enum"):
        return schema["enum"][0]
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = minimal_value(part)
            merged.update(value if isinstance(value, dict) else {})
        return merged
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants:
        real = [v for v in variants if SPEC.resolve(v).get("type") != "null"]
        return minimal_value((real or variants)[0])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    return _minimal_of_type(kind, schema)


def _minimal_of_type(kind: str, schema: dict[str, Any]) -> Any:
    if kind == "object":
        properties = schema.get("properties", {})
        return {
            name: minimal_value(properties.get(name, {})) for name in schema.get("required", [])
        }
    if kind == "array":
        return [minimal_value(schema.get("items", {})) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1)
        return int(low) if kind == "integer" else low
    if kind == "boolean":
        return True
    if kind == "string":
        return "x" * max(1, schema.get("minLength", 1))
    return None


def example_query(op_id: str) -> dict[str, tuple[str, Any]]:
    """keyword -> (wire name, value) for every declared query parameter other than the team and
    paging ones (`created[gte]` is the keyword `created_gte`)."""
    return {
        _keyword(param.name): (param.name, minimal_value(param.schema))
        for param in operation(op_id).parameters("query")
        if param.name not in NOT_FILTERS
    }


def _keyword(wire_name: str) -> str:
    return re.sub(r"\W+", "_", wire_name).strip("_")


async def call(
    gs: Gigstack,
    op_id: str,
    ids: Sequence[str] | None = None,
    body: Any = None,
    **options: Any,
) -> Any:
    """Call the operation's public method: with `ids` (else example ids) for its path, `body`
    (else its example body) and keyword `options` (`team=`, filters...)."""
    args: list[Any] = list(example_ids(op_id) if ids is None else ids)
    body = example_body(op_id) if body is None else body
    if body is not None:
        args.append(body)
    return await public_method(gs, op_id)(*args, **options)
