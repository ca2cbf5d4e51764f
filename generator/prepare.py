"""Read the spec and derive what the generator and the core need from it.

The generator's input is the spec without non-2xx responses: error bodies never go through generated
parsers (a non-JSON 502 would raise inside generated code); the core maps errors itself.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Operation:
    id: str
    tag: str
    method: str
    path: str
    sdk_method: tuple[str, ...]  # where the public method lives: ("invoices", "income", "create")
    pagination: str | None  # "cursor" | "page" | None
    idempotency: str | None  # "honoured" | "sent" | None
    retry: bool  # False for `x-retry: never`
    body: str | None  # "required", "optional" or None (no request body)
    uploads: tuple[str, ...]  # wire names of the binary fields of a multipart (upload) body
    result: tuple[str, str] | None  # (field, decoding) of a result read from the body's top level


ALLOWED = {
    "x-pagination": {"cursor", "page"},
    "x-idempotency-key": {"honoured", "sent"},
    "x-retry": {"never"},
}
DECODINGS = {"base64"}


def _check_extensions(op_id: str, op: dict[str, Any]) -> None:
    for key, allowed in ALLOWED.items():
        if key in op and op[key] not in allowed:
            raise SystemExit(f"{op_id}: {key} must be one of {sorted(allowed)}, not {op[key]!r}")
    result = op.get("x-sdk-result")
    if result is not None and (
        not isinstance(result, dict)
        or not isinstance(result.get("field"), str)
        or result.get("decode") not in DECODINGS
    ):
        raise SystemExit(f"{op_id}: x-sdk-result must be {{field: <name>, decode: base64}}")
    if not isinstance(op.get("x-sdk-method"), str):
        raise SystemExit(f"{op_id}: x-sdk-method (e.g. clients.list) is required")


def _body(op: dict[str, Any]) -> str | None:
    if "requestBody" not in op:
        return None
    return "required" if op["requestBody"].get("required") else "optional"


def _uploads(spec: dict[str, Any], op: dict[str, Any]) -> tuple[str, ...]:
    form = op.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    if form is None:
        return ()
    schema = spec["components"]["schemas"][form["schema"]["$ref"].rsplit("/", 1)[-1]]
    binary = [
        name
        for name, field in schema.get("properties", {}).items()
        if field.get("format") == "binary"
    ]
    if not binary:
        raise SystemExit(f"{op['operationId']}: a multipart body needs a `format: binary` field")
    return tuple(sorted(binary))


def _result(value: dict[str, str] | None) -> tuple[str, str] | None:
    return None if value is None else (value["field"], value["decode"])


def load_spec(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = yaml.safe_load(fh)
    return spec


def spec_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def operations(spec: dict[str, Any]) -> list[Operation]:
    ops = []
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            _check_extensions(op["operationId"], op)
            ops.append(
                Operation(
                    id=op["operationId"],
                    tag=op["tags"][0],
                    method=method.upper(),
                    path=path,
                    sdk_method=tuple(op["x-sdk-method"].split(".")),
                    pagination=op.get("x-pagination"),
                    idempotency=op.get("x-idempotency-key"),
                    retry=op.get("x-retry") != "never",
                    body=_body(op),
                    uploads=_uploads(spec, op),
                    result=_result(op.get("x-sdk-result")),
                )
            )
    return sorted(ops, key=lambda o: o.id)


def _refs(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.rsplit("/", 1)[-1])
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def _closure(schemas: dict[str, Any], roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(_refs(schemas[name], set()))
    return seen


def input_schemas(spec: dict[str, Any]) -> set[str]:
    """Schemas reached only from request bodies. Every other schema is read from responses (or may
    be), so it gets the response shape: `None` for absent, checked while parsing."""
    schemas = spec.get("components", {}).get("schemas", {})
    requests: set[str] = set()
    responses: set[str] = set()
    for item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            _refs(op.get("requestBody", {}), requests)
            for code, resp in op["responses"].items():
                if str(code).startswith("2"):
                    _refs(resp, responses)
    return _closure(schemas, requests) - _closure(schemas, responses)


def generator_input(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the generator should see it: success responses only, and each object schema
    marked `x-sdk-model: input | response` for our model template."""
    out = copy.deepcopy(spec)
    inputs = input_schemas(spec)
    for name, schema in out.get("components", {}).get("schemas", {}).items():
        if "enum" not in schema:
            schema["x-sdk-model"] = "input" if name in inputs else "response"
    for item in out.get("paths", {}).values():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            op["responses"] = {
                code: resp for code, resp in op["responses"].items() if str(code).startswith("2")
            }
    out.get("components", {}).pop("responses", None)
    return out


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
