"""Emit the operation registry the core reads (no hand-kept list of operations anywhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openapi_python_client.strings import PythonIdentifier

from generator.prepare import Operation

TEMPLATE = '''{header}
"""Every operation of the spec, with what the core needs to know to send it and retry it."""

from dataclasses import dataclass
from typing import Final

SPEC_VERSION: Final = {version!r}
SPEC_SHA256: Final = {digest!r}


@dataclass(frozen=True, slots=True)
class OperationInfo:
    id: str
    tag: str
    method: str
    path: str
    module: str  # the endpoint module, relative to this package
    sdk_method: tuple[str, ...]  # where the public method lives on `Gigstack`
    pagination: str | None  # "cursor", "page" or None
    idempotency: str | None  # "honoured" (retried like a GET), "sent" (minted, sent) or None
    retry: bool  # False: never retried (a side effect behind a safe-looking method)
    body: str | None  # "required", "optional" or None (no request body)
    uploads: tuple[tuple[str, str], ...]  # (wire name, model attribute) of an upload's files
    result: tuple[str, str] | None  # (field, decoding): the result is a top-level body field

    @property
    def repeatable(self) -> bool:
        """Safe to send again after the server may have processed it."""
        return self.method != "POST" or self.idempotency == "honoured"


OPERATIONS: Final[dict[str, OperationInfo]] = {{
{rows}
}}
'''


def endpoint_module(op: Operation) -> str:
    """The module the pinned generator writes for an operation, relative to the package."""
    return f".api.{PythonIdentifier(op.tag, '')}.{PythonIdentifier(op.id, '')}"


def _uploads(op: Operation) -> tuple[tuple[str, str], ...]:
    return tuple((wire, str(PythonIdentifier(wire, ""))) for wire in op.uploads)


def write(path: Path, header: str, ops: list[Operation], spec: dict[str, Any], digest: str) -> Path:
    rows = "\n".join(
        f"    {op.id!r}: OperationInfo({op.id!r}, {op.tag!r}, {op.method!r}, {op.path!r}, "
        f"{endpoint_module(op)!r}, {op.sdk_method!r}, {op.pagination!r}, {op.idempotency!r}, "
        f"{op.retry!r}, {op.body!r}, {_uploads(op)!r}, {op.result!r}),"
        for op in ops
    )
    text = TEMPLATE.format(header=header, version=spec["info"]["version"], digest=digest, rows=rows)
    path.write_text(text, encoding="utf-8")
    return path
