"""Reaching the raw `httpx.Response` of a call that returns a model."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx

__all__ = ["CapturedResponse", "capture_response"]


class CapturedResponse:
    """Holds the raw response of the last call made inside `capture_response()`."""

    __slots__ = ("response",)

    def __init__(self) -> None:
        self.response: httpx.Response | None = None

    def __repr__(self) -> str:
        return f"CapturedResponse({self.response!r})"


_current: ContextVar[CapturedResponse | None] = ContextVar("gigstack_capture", default=None)


@contextmanager
def capture_response() -> Iterator[CapturedResponse]:
    """Capture the raw response (status, headers) of the calls made in this block.

    Context-local: concurrent tasks each see only their own calls.

        with capture_response() as raw:
            invoice = await gs.invoices.income.get(uuid)
        raw.response.headers
    """
    captured = CapturedResponse()
    token = _current.set(captured)
    try:
        yield captured
    finally:
        _current.reset(token)


def record(response: httpx.Response) -> None:
    captured = _current.get()
    if captured is not None:
        captured.response = response
