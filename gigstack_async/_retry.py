"""When to try again, and how long to wait first."""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable

import httpx

from ._constants import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RETRYABLE_STATUSES,
    UNPROCESSED_STATUSES,
)
from ._transport_errors import failed_to_connect

# The wait between two attempts. A seam of its own, so that a test can record the waits without
# replacing asyncio.sleep for everything else that runs.
sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


def status_is_retryable(status: int, *, repeatable: bool) -> bool:
    """A repeatable request (GET/PUT/DELETE, or a POST with an idempotency key) retries on every
    transient status; any other POST only where the status proves nothing was processed."""
    return status in (RETRYABLE_STATUSES if repeatable else UNPROCESSED_STATUSES)


def error_is_retryable(exc: httpx.HTTPError, *, repeatable: bool) -> bool:
    if failed_to_connect(exc):
        return True  # the request never reached the server
    return repeatable and isinstance(exc, (httpx.TimeoutException, httpx.TransportError))


def backoff(attempt: int) -> float:
    """Full jitter: uniform(0, min(MAX, INITIAL * 2**attempt))."""
    return random.uniform(0, min(MAX_RETRY_DELAY, INITIAL_RETRY_DELAY * 2**attempt))


def retry_after(response: httpx.Response | None) -> float | None:
    """Seconds the server asked us to wait (`Retry-After` in seconds or as an HTTP date)."""
    if response is None:
        return None
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
