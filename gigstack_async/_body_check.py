"""Checks a request body given as a dict against the spec, before anything is sent.

A key the spec does not know is a `ValueError` that says where it was and the closest known key
(a misspelt `rate` would otherwise be dropped by the API and stamp an invoice without tax); a value
of the wrong JSON type is a `TypeError`; a missing required key is a `ValueError`. Fields the spec
does not know yet travel through `extra_body=`, on purpose.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from ._generated.body_fields import FIELDS, OPEN
from ._uploads import is_upload

_JSON_NAMES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
    list: "array",
    tuple: "array",
    dict: "object",
}


def check_body(model_name: str, body: Mapping[str, object]) -> None:
    """Raise if `body` (a request body of schema `model_name`, with wire keys) has a key the spec
    does not know, a missing required key, or a value of the wrong type."""
    if model_name not in FIELDS:
        raise LookupError(f"no request body schema named {model_name!r}")
    _check_object(model_name, body, "")


def _where(path: str) -> str:
    return f" in {path}" if path else ""


def _check_object(schema: str, body: Mapping[str, object], path: str) -> None:
    fields = FIELDS[schema]
    for key, value in body.items():
        spec = fields.get(key) if isinstance(key, str) else None
        if spec is None:
            if schema in OPEN and isinstance(key, str):
                continue
            raise ValueError(_unknown_key(schema, key, fields, path))
        _check_value(spec[1], value, _join(path, key))
    missing = [key for key, (required, _) in fields.items() if required and key not in body]
    if missing:
        names = ", ".join(repr(key) for key in missing)
        raise ValueError(f"{schema}{_where(path)} is missing the required key(s) {names}")


def _unknown_key(schema: str, key: object, fields: Mapping[str, object], path: str) -> str:
    message = f"unknown key {key!r}{_where(path)}: {schema} has no such field"
    close = difflib.get_close_matches(str(key), list(fields), n=1)
    if close:
        message += f"; did you mean {close[0]!r}?"
    return message + " (send fields the SDK does not know yet through extra_body=)"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _check_value(alternatives: tuple[Any, ...], value: object, path: str) -> None:
    for alt in alternatives:
        if _matches(alt, value, path):
            return
    expected = " or ".join(_describe(alt) for alt in alternatives)
    got = _JSON_NAMES.get(type(value), type(value).__name__)
    raise TypeError(f"{path}: expected {expected}, got {got} ({value!r:.60})")


def _matches(alt: Any, value: object, path: str) -> bool:
    """Does `value` fit alternative `alt`? An object alternative that fits is checked in depth
    (its errors are raised from here, with their own path)."""
    if isinstance(alt, tuple):  # ("array", alternatives)
        if not isinstance(value, (list, tuple)):
            return False
        for index, element in enumerate(value):
            _check_value(alt[1], element, f"{path}[{index}]")
        return True
    if alt == "any":
        return True
    if alt == "file":
        return is_upload(value)
    if alt == "string":
        return isinstance(value, str)
    if alt == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if alt == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if alt == "boolean":
        return isinstance(value, bool)
    if alt == "null":
        return value is None
    if alt == "object":
        return isinstance(value, Mapping)
    # A schema name: a mapping with its keys, or an instance of the model of that name.
    if isinstance(value, Mapping):
        _check_object(alt, value, path)
        return True
    return type(value).__name__ == alt and hasattr(value, "to_dict")


def _describe(alt: Any) -> str:
    if isinstance(alt, tuple):
        return "array"
    if alt == "file":
        return "file (bytes, a path or a binary file)"
    if alt in {"string", "integer", "number", "boolean", "null", "object", "any"}:
        return str(alt)
    return f"object ({alt})"
