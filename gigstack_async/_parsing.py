"""The one exception a response parser raises: where in the JSON a value had the wrong shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

T_co = TypeVar("T_co", covariant=True)


class ParseError(Exception):
    """A response value the models cannot read. `path` says where it sits, relative to the value
    handed to the parser (for example `items[2].taxes[0].rate`); `message` says what was wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


T = TypeVar("T")


class Readable(Protocol[T_co]):
    """A generated model class: `from_dict` builds it from a decoded JSON object."""

    def from_dict(self, src_dict: Mapping[str, Any], /) -> T_co: ...


def read_model(model: Readable[T], payload: object) -> T:
    """`payload` as `model`, or ParseError naming what was wrong."""
    if not isinstance(payload, dict):
        raise ParseError("", f"expected an object, got {json_type(payload)}")
    try:
        return model.from_dict(payload)
    except ParseError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # What a generated `from_dict` raises when a value has a shape its model does not expect.
        raise ParseError("", f"{type(exc).__name__}: {exc}") from exc


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__
