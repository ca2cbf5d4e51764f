"""JSON decoding of response bodies: orjson when it is installed (the `speedups` extra), else the
standard library. Both give the same Python values for the JSON the API sends."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Final


def loads_stdlib(data: bytes) -> object:
    """The standard library's decoder (what `loads` is when orjson is not installed). Like orjson,
    it refuses NaN, Infinity and numbers too large for a float: they are not JSON."""
    return json.loads(data, parse_constant=_not_json, parse_float=_finite)


def _not_json(constant: str) -> float:
    raise ValueError(f"{constant} is not a JSON value")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large for a float")
    return value


def _fastest() -> Callable[[bytes], object]:
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised where the extra is absent
        return loads_stdlib
    return orjson.loads


loads: Final[Callable[[bytes], object]] = _fastest()
"""Decode a JSON document (bytes) into Python values."""

USES_ORJSON: Final = loads is not loads_stdlib
