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
    paginated: bool
    idempotency_key: bool
    has_body: bool
    summary: str


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
            ops.append(
                Operation(
                    id=op["operationId"],
                    tag=op["tags"][0],
                    method=method.upper(),
                    path=path,
                    paginated=op.get("x-pagination") == "cursor",
                    idempotency_key=bool(op.get("x-idempotency-key", False)),
                    has_body="requestBody" in op,
                    summary=op.get("summary", ""),
                )
            )
    return sorted(ops, key=lambda o: o.id)


def generator_input(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the generator should see it: success responses only."""
    out = copy.deepcopy(spec)
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
