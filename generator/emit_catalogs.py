"""Emit the catalogs (code -> meaning) from every enum of the spec that documents its values."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def constant_name(schema_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", schema_name).upper()


def catalogs(spec: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """schema name -> (description, {code: meaning}) for enums with `x-enum-descriptions`."""
    out = {}
    for name, schema in sorted(spec["components"]["schemas"].items()):
        meanings = schema.get("x-enum-descriptions")
        if "enum" not in schema or meanings is None:
            continue
        if len(meanings) != len(schema["enum"]):
            raise SystemExit(f"{name}: x-enum-descriptions and enum differ in length")
        out[name] = (
            " ".join(schema.get("description", "").split()),
            dict(zip(schema["enum"], meanings, strict=True)),
        )
    return out


def write(path: Path, header: str, spec: dict[str, Any]) -> Path:
    lines = [
        header,
        '"""Each documented enum of the spec as a read-only mapping: code -> meaning."""',
        "",
        "from collections.abc import Mapping",
        "from types import MappingProxyType",
        "from typing import Final",
        "",
    ]
    names = []
    for name, (description, values) in catalogs(spec).items():
        const = constant_name(name)
        names.append(const)
        lines.append(f"{const}: Final[Mapping[str, str]] = MappingProxyType({values!r})")
        lines.append(f'"""{name}: {description}"""'.replace("\\", "\\\\"))
        lines.append("")
    lines.append(f"__all__ = {sorted(names)!r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
