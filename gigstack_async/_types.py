"""Small shared types: the `NOT_GIVEN` sentinel (an option left out, as opposed to `None`) and the
types of the per-call options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import httpx


class NotGiven:
    """The type of `NOT_GIVEN`: an option the caller did not pass (None is a real value)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


if TYPE_CHECKING:
    # httpx exports the sentinel `USE_CLIENT_DEFAULT` but not its class; this is the one place
    # that names the class, for type checkers only.
    from httpx._client import UseClientDefault
else:
    UseClientDefault = type(httpx.USE_CLIENT_DEFAULT)

# The timeout of one request: httpx's, the client's own (`httpx.USE_CLIENT_DEFAULT`), or None.
RequestTimeout: TypeAlias = "httpx.Timeout | UseClientDefault | None"

# What a per-call `timeout=` takes: seconds, an httpx.Timeout, or None for no timeout.
TimeoutOption = float | httpx.Timeout | None
# Query parameters added with `extra_query=`.
Query = Mapping[str, str | int | float | bool | None]
