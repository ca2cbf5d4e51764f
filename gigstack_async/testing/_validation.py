"""Requests and responses checked against the spec that ships with the SDK.

Every check here is the spec's own JSON Schema (Draft 2020-12, which OpenAPI 3.1 uses), run by
`jsonschema` over the components of the bundled `openapi.json`; nothing is re-stated by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ._errors import bad_request

SPEC_URI = "urn:gigstack:openapi"
_MAX_DETAILS = 10
_INTEGER = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class Param:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    params: tuple[Param, ...]
    body_schema: dict[str, Any] | None
    body_required: bool
    # status -> JSON schema of the body (None: no JSON body documented)
    responses: dict[int, dict[str, Any] | None] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    text = resources.files("gigstack_async._generated").joinpath("openapi.json").read_text("utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _error_lines(errors: list[Any], prefix: str) -> list[str]:
    lines = []
    for error in sorted(errors, key=lambda e: list(e.absolute_path))[:_MAX_DETAILS]:
        where = "/".join(str(part) for part in error.absolute_path)
        where = f"{prefix}/{where}" if where else prefix
        message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
        lines.append(f"{where}: {message}")
    return lines


class Spec:
    """The operations of the spec and the validators of their parts."""

    def __init__(self, document: dict[str, Any] | None = None) -> None:
        self.document = document if document is not None else load_spec()
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._validators: dict[str, Any] = {}

    # -- reading the document ------------------------------------------------------------------

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow a local `$ref` (components/parameters, responses, schemas)."""
        while "$ref" in node:
            pointer = node["$ref"].removeprefix("#/").split("/")
            target: Any = self.document
            for part in pointer:
                target = target[part]
            node = target
        return node

    @cached_property
    def operations(self) -> dict[str, Operation]:
        found: dict[str, Operation] = {}
        for path, item in self.document["paths"].items():
            for method, op in item.items():
                if method == "parameters":
                    continue
                params = tuple(
                    Param(p["name"], p["in"], bool(p.get("required")), p.get("schema", {}))
                    for p in (self.resolve(raw) for raw in op.get("parameters", []))
                )
                body = op.get("requestBody")
                body_schema = body["content"]["application/json"]["schema"] if body else None
                responses: dict[int, dict[str, Any] | None] = {}
                for status, raw in op["responses"].items():
                    content = self.resolve(raw).get("content", {})
                    json_body = content.get("application/json")
                    responses[int(status)] = json_body["schema"] if json_body else None
                found[op["operationId"]] = Operation(
                    op["operationId"],
                    method.upper(),
                    path,
                    params,
                    body_schema,
                    bool(body and body.get("required")),
                    responses,
                )
        return found

    def schema_properties(self, name: str) -> frozenset[str]:
        """The property names a component schema declares, through its `allOf` parts."""
        schema = self.resolve({"$ref": f"#/components/schemas/{name}"})
        names: set[str] = set(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            names |= self.schema_properties(part["$ref"].rsplit("/", 1)[-1])
        return frozenset(names)

    # -- validation ----------------------------------------------------------------------------

    def _validator(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            rooted = _rebase(schema)
            validator = Draft202012Validator(rooted, registry=self._registry)
            self._validators[key] = validator
        return validator

    def errors(self, schema: dict[str, Any], value: Any, prefix: str) -> list[str]:
        return _error_lines(list(self._validator(schema).iter_errors(value)), prefix)

    def check_request(
        self, op: Operation, query: Mapping[str, str], body: Any, has_body: bool
    ) -> dict[str, Any]:
        """The declared query parameters, typed; raises 400 `validation_failed` when the query or
        the body breaks the spec. Undeclared query parameters are ignored, as the API does."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for param in op.params:
            if param.location != "query":
                continue
            if param.name not in query:
                if param.required:
                    problems.append(f"query/{param.name}: is required")
                continue
            value, problem = self._coerce(param, query[param.name])
            if problem is None:
                problems += self.errors(param.schema, value, f"query/{param.name}")
                values[param.name] = value
            else:
                problems.append(problem)
        if op.body_schema is not None:
            if has_body:
                problems += self.errors(op.body_schema, body, "body")
            elif op.body_required:
                problems.append("body: a JSON request body is required")
        if problems:
            raise bad_request("validation_failed", "Request validation failed", problems)
        return values

    def _coerce(self, param: Param, raw: str) -> tuple[Any, str | None]:
        types = self.resolve(param.schema).get("type", "string")
        types = types if isinstance(types, list) else [types]
        if "integer" in types:
            if not _INTEGER.match(raw):
                return None, f"query/{param.name}: {raw!r} is not an integer"
            return int(raw), None
        if "number" in types:
            try:
                return float(raw), None
            except ValueError:
                return None, f"query/{param.name}: {raw!r} is not a number"
        if "boolean" in types:
            if raw not in ("true", "false"):
                return None, f"query/{param.name}: {raw!r} is not true or false"
            return raw == "true", None
        return raw, None

    def response_problems(self, op: Operation, status: int, body: Any) -> list[str]:
        if status not in op.responses:
            return [f"status {status} is not documented for {op.id}"]
        schema = op.responses[status]
        return [] if schema is None else self.errors(schema, body, "response")


def _rebase(schema: dict[str, Any]) -> dict[str, Any]:
    """Point the local refs of a schema taken out of the document at the registered document."""
    text = json.dumps(schema).replace('"$ref": "#/', f'"$ref": "{SPEC_URI}#/')
    rebased: dict[str, Any] = json.loads(text)
    return rebased
