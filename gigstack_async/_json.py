"""JSON decoding of response bodies: orjson when it is installed (the `speedups` extra), else the
standard library. Both give the same Python values for the JSON the API sends."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final


def loads_stdlib(data: bytes) -> object:
    """The standard library's decoder (what `loads` is when orjson is not installed)."""
    return json.loads(data)


def _fastest() -> Callable[[bytes], object]:
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised where the extra is absent
        return loads_stdlib
    return orjson.loads


loads: Final[Callable[[bytes], object]] = _fastest()
"""Decode a JSON document (bytes) into Python values."""

USES_ORJSON: Final = loads is not loads_stdlib
