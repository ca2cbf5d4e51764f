"""The spec that ships with the SDK, read in one place: its operations, their parameters, request
bodies, responses and documented examples, with local `$ref`s followed.

The fake routes, validates and fills its records from it; the project's tests derive their calls
from it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

METHODS = ("get", "put", "post", "patch", "delete")
JSON_MEDIA = "application/json"
FORM_MEDIA = "multipart/form-data"
BODY_MEDIA = (JSON_MEDIA, FORM_MEDIA)


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # "path", "query" or "header"
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class Example:
    status: int
    name: str
    value: Any


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    tag: str
    sdk_method: tuple[str, ...]  # where the public method lives on `Gigstack`
    idempotency: str | None  # `x-idempotency-key`: "honoured", "sent" or None
    params: tuple[Param, ...]
    body_schema: dict[str, Any] | None
    body_required: bool
    # "application/json" or "multipart/form-data" (None: no request body)
    body_media: str | None = None
    # name -> value of each documented request body example, in the spec's order
    request_examples: dict[str, Any] = field(default_factory=dict)
    # status -> JSON schema of the body (None: no JSON body documented)
    responses: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    # every documented response example, in the spec's order
    response_examples: tuple[Example, ...] = ()
    # the operation object as the document writes it (for the extensions not read above)
    source: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def parameters(self, location: str | None = None) -> tuple[Param, ...]:
        """The declared parameters, all of them or those in `location` ("path", "query")."""
        return tuple(p for p in self.params if location is None or p.location == location)

    def request_example(self, name: str | None = None) -> Any:
        """A copy of the first (or the named) documented request body example; None when the
        operation documents none."""
        if name is not None:
            return copy.deepcopy(self.request_examples[name])
        first = next(iter(self.request_examples.values()), None)
        return copy.deepcopy(first)


@lru_cache(maxsize=1)
def bundled_document() -> dict[str, Any]:
    """The spec the SDK was generated from (`gigstack_async/_generated/openapi.json`)."""
    text = resources.files("gigstack_async._generated").joinpath("openapi.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


class Spec:
    """An OpenAPI document: by default the one bundled with the SDK."""

    def __init__(self, document: dict[str, Any] | None = None) -> None:
        self.document = document if document is not None else bundled_document()

    def resolve(self, node: Any) -> Any:
        """Follow local `$ref`s (components/parameters, responses, schemas) to their target."""
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def component(self, name: str) -> dict[str, Any]:
        schema: dict[str, Any] = self.document["components"]["schemas"][name]
        return schema

    @cached_property
    def operations(self) -> dict[str, Operation]:
        """Every operation of the document, by operation id."""
        found: dict[str, Operation] = {}
        for path, item in self.document["paths"].items():
            for method, raw in item.items():
                if method in METHODS:
                    op = self._operation(path, method, raw)
                    found[op.id] = op
        return found

    def operation(self, op_id: str) -> Operation:
        return self.operations[op_id]

    def _operation(self, path: str, method: str, raw: dict[str, Any]) -> Operation:
        params = tuple(
            Param(p["name"], p["in"], bool(p.get("required")), p.get("schema", {}))
            for p in (self.resolve(entry) for entry in raw.get("parameters", []))
        )
        body = raw.get("requestBody")
        content = body["content"] if body else {}
        media_type = next((name for name in BODY_MEDIA if name in content), None)
        body_media = content.get(media_type, {}) if media_type else {}
        responses: dict[int, dict[str, Any] | None] = {}
        examples: list[Example] = []
        for status, response in raw["responses"].items():
            media = self.resolve(response).get("content", {}).get("application/json")
            responses[int(status)] = media["schema"] if media else None
            for name, example in (media or {}).get("examples", {}).items():
                examples.append(Example(int(status), name, self.resolve(example)["value"]))
        sdk_method = raw.get("x-sdk-method")
        return Operation(
            id=raw["operationId"],
            method=method.upper(),
            path=path,
            tag=(raw.get("tags") or [""])[0],
            sdk_method=tuple(sdk_method.split(".")) if sdk_method else (),
            idempotency=raw.get("x-idempotency-key"),
            params=params,
            body_schema=body_media.get("schema") if media_type else None,
            body_required=bool(body and body.get("required")),
            body_media=media_type,
            request_examples={
                name: self.resolve(example)["value"]
                for name, example in body_media.get("examples", {}).items()
            },
            responses=responses,
            response_examples=tuple(examples),
            source=raw,
        )

    def schema_name(self, schema: dict[str, Any] | None) -> str | None:
        """The component a schema refers to (`{"$ref": "#/components/schemas/X"}` -> X)."""
        if not schema or "$ref" not in schema:
            return None
        ref: str = schema["$ref"]
        return ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else None

    def file_fields(self, schema: dict[str, Any] | None) -> frozenset[str]:
        """The properties of a (multipart) body schema that carry a file (`format: binary`)."""
        resolved = self.resolve(schema) if schema else {}
        return frozenset(
            name
            for name, node in resolved.get("properties", {}).items()
            if self.resolve(node).get("format") == "binary"
        )

    def schema_properties(self, name: str) -> frozenset[str]:
        """The property names a component schema declares, through its `allOf` parts."""
        schema = self.component(name)
        names: set[str] = set(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            names |= self.schema_properties(part["$ref"].rsplit("/", 1)[-1])
        return frozenset(names)

    def record_schema(self, op_id: str) -> str | None:
        """The component of the record(s) a success answer carries in `data` (`Service` for an
        envelope of one service or of a page of them); None when `data` has no fixed shape."""
        op = self.operation(op_id)
        for status in sorted(op.responses):
            schema = op.responses[status]
            if 200 <= status < 300 and schema is not None:
                return self._data_component(self.resolve(schema))
        return None

    def _data_component(self, envelope: dict[str, Any]) -> str | None:
        for part in [envelope, *(self.resolve(p) for p in envelope.get("allOf", []))]:
            data = part.get("properties", {}).get("data")
            if data is None:
                continue
            data = data.get("items", data) if data.get("type") == "array" else data
            for variant in [data, *data.get("oneOf", []), *data.get("anyOf", [])]:
                name = self.schema_name(variant)
                if name is not None:
                    return name
        return None


@lru_cache(maxsize=1)
def bundled_spec() -> Spec:
    """The bundled spec, read once per process and shared."""
    return Spec()
