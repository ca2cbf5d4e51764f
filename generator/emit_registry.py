"""Emit the operation registry the core reads (no hand-kept list of operations anywhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.prepare import Operation

TEMPLATE = '''{header}
"""Every operation of the spec, with what the core needs to know about it."""

from dataclasses import dataclass
from typing import Final

SPEC_VERSION: Final = {version!r}
SPEC_SHA256: Final = {digest!r}


@dataclass(frozen=True)
class OperationInfo:
    id: str
    tag: str
    method: str
    path: str
    paginated: bool
    idempotency_key: bool


OPERATIONS: Final[dict[str, OperationInfo]] = {{
{rows}
}}
'''


def write(path: Path, header: str, ops: list[Operation], spec: dict[str, Any], digest: str) -> Path:
    rows = "\n".join(
        f"    {op.id!r}: OperationInfo({op.id!r}, {op.tag!r}, {op.method!r}, {op.path!r}, "
        f"{op.paginated!r}, {op.idempotency_key!r}),"
        for op in ops
    )
    text = TEMPLATE.format(header=header, version=spec["info"]["version"], digest=digest, rows=rows)
    path.write_text(text, encoding="utf-8")
    return path
