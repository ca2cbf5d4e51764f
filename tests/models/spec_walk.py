"""Walks a wire payload alongside its schema: which JSON types each position may hold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SCALAR_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return SCALAR_TYPES[type(value)]


class Walker:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.schemas: dict[str, Any] = spec["components"]["schemas"]

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def members(self, schema: dict[str, Any]) -> list[dict[str, Any]]:
        """The alternatives of a schema, each with a single JSON type (or none: anything)."""
        schema = self.resolve(schema)
        if "allOf" in schema:
            return [self.merged(schema)]
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants:
            return [m for variant in variants for m in self.members(variant)]
        kind = schema.get("type")
        if isinstance(kind, list):
            return [{**schema, "type": one} for one in kind]
        if "enum" in schema:
            return [{"type": "string"}]
        return [schema]

    def merged(self, schema: dict[str, Any]) -> dict[str, Any]:
        props: dict[str, Any] = {}
        required: list[str] = []
        for part in schema["allOf"]:
            part = self.resolve(part)
            if "allOf" in part:
                part = self.merged(part)
            props.update(part.get("properties", {}))
            required += part.get("required", [])
        return {"type": "object", "properties": props, "required": required}

    def allowed(self, schema: dict[str, Any]) -> set[str] | None:
        """JSON types a position may hold; None for anything."""
        found: set[str] = set()
        for member in self.members(schema):
            kind = member.get("type")
            if kind is None:
                return None
            found.add(kind)
            if kind == "number":
                found.add("integer")
            if kind == "object" and "properties" not in member:
                return None  # free-form
        return found

    def positions(
        self, schema: dict[str, Any], value: object, path: str = ""
    ) -> Iterator[tuple[str, set[str] | None]]:
        """(path, allowed JSON types) of every position below `value`."""
        kind = json_type(value)
        for member in self.members(schema):
            if member.get("type") != kind:
                continue
            if kind == "object" and isinstance(value, dict):
                props = member.get("properties", {})
                required = set(member.get("required", []))
                for key, child in value.items():
                    if key not in props:
                        continue
                    sub = f"{path}.{key}" if path else key
                    allowed = self.allowed(props[key])
                    if allowed is not None and key not in required:
                        allowed = allowed | {"null"}  # an optional field reads null as absent
                    yield sub, allowed
                    yield from self.positions(props[key], child, sub)
            elif kind == "array" and isinstance(value, list):
                items = member.get("items", {})
                allowed = self.allowed(items)
                for index, element in enumerate(value):
                    sub = f"{path}[{index}]"
                    # null elements are kept where allowed and skipped elsewhere
                    yield sub, None if allowed is None else allowed | {"null"}
                    yield from self.positions(items, element, sub)
            return


def replace(payload: Any, path: str, value: object) -> Any:
    """A copy of `payload` with the position at `path` set to `value`."""
    import copy
    import re

    out = copy.deepcopy(payload)
    steps = re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)
    node = out
    for i, (key, index) in enumerate(steps):
        last = i == len(steps) - 1
        ref: Any = int(index) if index else key
        if last:
            node[ref] = value
        else:
            node = node[ref]
    return out
