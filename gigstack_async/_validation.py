"""Checks on the caller's input, made before anything reaches the network."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from ._body_check import check_body
from ._constants import PAGE_SIZE_MAX, PAGE_SIZE_MIN
from ._generated.types import UNSET
from ._parsing import ParseError


class Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=Model)


def check_id(name: str, value: object) -> str:
    """A path parameter: a non-empty string. It is percent-encoded later, so `a/b?c` stays one
    segment; `.` and `..` are refused because URL normalisation would turn them into a route."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    if value in (".", ".."):
        raise ValueError(f"{name} {value!r} is not a valid id")
    return value


def check_team(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"team must be a string, not {type(value).__name__}")
    if not value.strip():
        raise ValueError("team must be a non-empty string")
    return value


def check_limit(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"limit must be an int, not {type(value).__name__}")
    if not PAGE_SIZE_MIN <= value <= PAGE_SIZE_MAX:
        raise ValueError(f"limit must be between {PAGE_SIZE_MIN} and {PAGE_SIZE_MAX}, got {value}")
    return value


def coerce_body(body: object, model: type[M], *, mint_idempotency_key: bool) -> M:
    """The body as the generated input model: the model itself, or a mapping with its wire keys.

    Where the operation takes `idempotency_key` and none was given, one is minted here, once per
    logical call, so every retry of it carries the same key. The caller's object is never changed.
    """
    if isinstance(body, model):
        result = body
    elif isinstance(body, Mapping):
        check_body(model.__name__, body)
        from_dict = getattr(model, "from_dict")  # noqa: B009 (generated classmethod, not on Model)
        try:
            result = from_dict(body)
        except KeyError as exc:
            raise ValueError(f"{model.__name__} is missing the required field {exc}") from None
        except (ParseError, TypeError, ValueError, AttributeError) as exc:
            raise TypeError(f"{model.__name__} body could not be read: {exc}") from None
    else:
        raise TypeError(f"body must be a {model.__name__} or a mapping, not {type(body).__name__}")
    if mint_idempotency_key and getattr(result, "idempotency_key", UNSET) in (UNSET, None):
        result = copy.copy(result)
        setattr(result, "idempotency_key", str(uuid.uuid4()))  # noqa: B010 (model field)
    return result
