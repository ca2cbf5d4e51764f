"""What the generated models call while reading JSON: the slow paths of their type checks.

The generated `from_dict` checks the common case inline (`value.__class__ is str`) and calls one of
these only when that check fails, so a well-formed response never pays for a function call here.
Every failure is a `ParseError` whose path is relative to the object being read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any, Final, Protocol

from ._generated.types import File
from ._parsing import ParseError


class _Missing:
    """A required key that is not in the object (distinct from an explicit `null`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


class Readable(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Any: ...


def _got(value: object) -> str:
    return "null" if value is None else type(value).__name__


def bad(path: str, expected: str, value: object) -> ParseError:
    if value is MISSING:
        return ParseError(path, "required field is missing")
    return ParseError(path, f"expected {expected}, got {_got(value)}")


def within(error: ParseError, prefix: str) -> ParseError:
    """The same error, its path now starting at `prefix` (a field name or `name[3]`)."""
    path = error.path
    if not path:
        joined = prefix
    elif path.startswith("["):
        joined = prefix + path
    else:
        joined = f"{prefix}.{path}"
    return ParseError(joined, error.message)


def as_str(value: object, path: str) -> str:
    if isinstance(value, str):
        return value
    raise bad(path, "string", value)


def as_code(value: object, path: str) -> Any:
    """A catalog code (an open set): any string passes; typed as the field's literal codes."""
    return as_str(value, path)


def as_int(value: object, path: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise bad(path, "integer", value)


def as_float(value: object, path: str) -> float:
    """A number: an integer is widened, a boolean is never taken for one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise bad(path, "number", value)


def as_number(value: object, path: str) -> float:
    """A number in a request body: kept as given (an integer stays one), never a boolean."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise bad(path, "number", value)


def as_bool(value: object, path: str) -> bool:
    if isinstance(value, bool):
        return value
    raise bad(path, "boolean", value)


def as_mapping(value: object, path: str) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    raise bad(path, "object", value)


def as_model(value: object, model: type[Readable], path: str) -> Any:
    """A nested object given as something other than a plain dict: a model instance (in a body
    built by hand) or another mapping."""
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        try:
            return model.from_dict(value)
        except ParseError as error:
            raise within(error, path) from None
    raise bad(path, f"object ({model.__name__})", value)


class Shape:
    """What a value may be, for the shapes the generated code does not check inline: list
    elements and unions. `scalars` are exact classes (so `bool` is never an `int`); `widen` turns
    an `int` into a `float`; a `null` element of a list whose elements are not nullable is
    skipped (the API is known to send them)."""

    __slots__ = ("expected", "items", "model", "nullable", "scalars", "widen")

    def __init__(
        self,
        expected: str,
        *,
        scalars: tuple[type, ...] = (),
        model: type[Readable] | None = None,
        items: Shape | None = None,
        nullable: bool = False,
        widen: bool = False,
    ) -> None:
        self.expected = expected
        self.scalars = frozenset(scalars)
        self.model = model
        self.items = items
        self.nullable = nullable
        self.widen = widen


def as_shape(value: object, shape: Shape, path: str) -> Any:
    """A value of a union (or a list element): whichever alternative its JSON type selects."""
    cls = value.__class__
    if cls in shape.scalars:
        return value
    if value is None and shape.nullable:
        return None
    if shape.widen and cls is int:
        return float(value)  # type: ignore[arg-type]
    if shape.model is not None and isinstance(value, (Mapping, shape.model)):
        if cls is dict:
            try:
                return shape.model.from_dict(value)  # type: ignore[arg-type]
            except ParseError as error:
                raise within(error, path) from None
        return as_model(value, shape.model, path)
    if shape.items is not None and isinstance(value, (list, tuple)):
        return as_list(value, shape.items, path)
    if str in shape.scalars and isinstance(value, str):
        return value
    raise bad(path, shape.expected, value)


def as_list(value: object, items: Shape, path: str) -> list[Any]:
    """A JSON array whose elements are `items`; `null` elements are kept where the spec allows
    them and skipped where it does not."""
    if not isinstance(value, (list, tuple)):
        raise bad(path, "array", value)
    out: list[Any] = []
    append = out.append
    scalars = items.scalars
    model = items.model
    for index, element in enumerate(value):
        cls = element.__class__
        if cls is dict and model is not None:
            try:
                append(model.from_dict(element))
            except ParseError as error:
                raise within(error, f"{path}[{index}]") from None
        elif cls in scalars:
            append(element)
        elif element is None:
            if items.nullable:
                append(None)
        else:
            append(as_shape(element, items, f"{path}[{index}]"))
    return out


def dump(value: Any) -> Any:
    """The wire form of a field value: models through `to_dict()`, lists element by element."""
    if value.__class__ is list:
        return [dump(element) for element in value]
    to_dict = getattr(value, "to_dict", None)
    return value if to_dict is None else to_dict()


def as_file(value: object, path: str) -> File:
    """A file field of an upload body: a `File`, or its content as bytes."""
    if isinstance(value, File):
        return value
    if isinstance(value, (bytes, bytearray)):
        return File(payload=io.BytesIO(bytes(value)))
    raise bad(path, "file (bytes)", value)


def form_field(value: object) -> tuple[None, bytes, str]:
    """A text part of a multipart form: strings as they are, other values as JSON."""
    text = value if isinstance(value, str) else json.dumps(dump(value))
    return (None, text.encode(), "text/plain")
