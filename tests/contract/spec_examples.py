"""The spec's own documented request examples, as bodies for the calls of the contract suite."""

from __future__ import annotations

import copy
from typing import Any


def operation(spec: dict[str, Any], op_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == op_id:
                return op
    raise KeyError(op_id)


def request_example(spec: dict[str, Any], op_id: str, name: str | None = None) -> dict[str, Any]:
    """A copy of the operation's first (or named) request body example attached in the spec."""
    content = operation(spec, op_id)["requestBody"]["content"]["application/json"]
    examples = content["examples"]
    chosen = examples[name] if name is not None else next(iter(examples.values()))
    value: dict[str, Any] = copy.deepcopy(chosen["value"])
    return value


def declared_query_parameters(spec: dict[str, Any], op_id: str) -> set[str]:
    """The wire names of the query parameters the operation declares."""
    names: set[str] = set()
    for param in operation(spec, op_id).get("parameters", []):
        if "$ref" in param:
            param = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[-1]]
        if param["in"] == "query":
            names.add(param["name"])
    return names
