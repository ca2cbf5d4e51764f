"""Checks on the caller's input, made before anything reaches the network."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

import httpx

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


def check_timeout(value: object) -> httpx.Timeout | None:
    """A timeout option: seconds, an httpx.Timeout, or None for none at all."""
    if value is None or isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"timeout must be a positive number, an httpx.Timeout or None: {value!r}")
    return httpx.Timeout(float(value))


def check_headers(headers: object, what: str) -> dict[str, str]:
    """Header names and values as single-line strings: a CR or LF could smuggle a header."""
    if not isinstance(headers, Mapping):
        raise TypeError(f"{what} must be a mapping of header names to values")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"{what}: header names and values must be strings ({name!r})")
        if not name.strip() or any(c in name for c in "\r\n:") or any(c in value for c in "\r\n"):
            raise ValueError(f"{what}: header {name!r} has an empty name or a line break")
        checked[name] = value
    return checked


_SCALARS = (str, int, float, bool)


def check_query(query: object, what: str) -> dict[str, object]:
    """Extra query parameters: string keys and scalar values (None drops the key)."""
    if not isinstance(query, Mapping):
        raise TypeError(f"{what} must be a mapping of parameter names to values")
    checked: dict[str, object] = {}
    for name, value in query.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"{what}: parameter names must be non-empty strings ({name!r})")
        if value is None:
            continue
        if not isinstance(value, _SCALARS):
            raise TypeError(f"{what}: {name!r} must be a string, number or bool")
        checked[name] = value
    return checked


def check_metadata(metadata: object) -> dict[str, object]:
    """`metadata={"key": "value"}` filters, sent as `metadata.key=value`."""
    filters = check_query(metadata, "metadata")
    return {f"metadata.{key}": value for key, value in filters.items()}


def check_path(path: object) -> str:
    """A path under the API's base URL for `Gigstack.request`: it cannot leave the base URL."""
    if not isinstance(path, str):
        raise TypeError(f"path must be a string, not {type(path).__name__}")
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"path must start with a single '/', got {path!r}")
    if any(c in path for c in "?#") or any(c.isspace() or ord(c) < 32 for c in path):
        raise ValueError(f"path {path!r} has a query, a fragment or a blank: pass query=")
    if any(segment in (".", "..") for segment in path.split("/")):
        raise ValueError(f"path {path!r} has a '.' or '..' segment")
    return path


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
    given = getattr(result, "idempotency_key", UNSET)
    if isinstance(given, str) and not given.strip():
        raise ValueError(
            "idempotency_key must be a non-empty string: leave it out and the SDK makes one"
        )
    if mint_idempotency_key and given in (UNSET, None):
        result = copy.copy(result)
        setattr(result, "idempotency_key", str(uuid.uuid4()))  # noqa: B010 (model field)
    return result
