"""Every JSON example the spec documents (request and success-response bodies), with the model
that reads it."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import SPEC_PATH

with SPEC_PATH.open(encoding="utf-8") as fh:
    SPEC: dict[str, Any] = yaml.safe_load(fh)


def _schema_name(media: dict[str, Any]) -> str | None:
    ref = media.get("schema", {}).get("$ref")
    return None if ref is None else str(ref).rsplit("/", 1)[-1]


def examples() -> list[tuple[str, str, Any]]:
    """(label, schema name, example value) for every example of the spec."""
    found = []
    for item in SPEC["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            bodies = [("request", op.get("requestBody", {}))]
            bodies += [
                (status, resp) for status, resp in op["responses"].items() if status.startswith("2")
            ]
            for where, body in bodies:
                media = body.get("content", {}).get("application/json", {})
                name = _schema_name(media)
                for label, example in media.get("examples", {}).items():
                    if name is not None:
                        found.append(
                            (f"{op['operationId']}.{where}.{label}", name, example["value"])
                        )
    return found


EXAMPLES = examples()
