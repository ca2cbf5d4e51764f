"""Reaching the raw `httpx.Response` of a call that returns a model."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx

__all__ = ["CapturedResponse", "capture_response"]


class CapturedResponse:
    """Holds the raw response of the last call made inside `capture_response()`, and the
    idempotency key that call sent (None if it sent none), set before the call goes out so that it
    is there even when the call fails or is cancelled."""

    __slots__ = ("idempotency_key", "response")

    def __init__(self) -> None:
        self.response: httpx.Response | None = None
        self.idempotency_key: str | None = None

    def __repr__(self) -> str:
        return f"CapturedResponse({self.response!r}, idempotency_key={self.idempotency_key!r})"


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


def record_idempotency_key(key: str | None) -> None:
    captured = _current.get()
    if captured is not None:
        captured.idempotency_key = key


def record(response: httpx.Response) -> None:
    captured = _current.get()
    if captured is not None:
        captured.response = response
