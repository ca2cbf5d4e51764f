"""The total deadline of one logical call: every attempt, every wait between them, every byte."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


class Deadline:
    """When a call must have ended, in event-loop time (None: no deadline)."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else asyncio.get_running_loop().time() + seconds

    def allows_wait(self, delay: float) -> bool:
        """Whether waiting `delay` seconds still leaves time for another attempt."""
        return self.at is None or asyncio.get_running_loop().time() + delay < self.at


def check_deadline(value: object) -> float | None:
    """A deadline option: positive seconds, or None for no deadline at all."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"deadline must be a positive number of seconds or None: {value!r}")
    return float(value)


@asynccontextmanager
async def enforced(deadline: Deadline, expired: Callable[[], BaseException]) -> AsyncIterator[None]:
    """Cancel the block when the deadline passes and raise `expired()` instead."""
    if deadline.at is None:
        yield
        return
    if sys.version_info >= (3, 11):
        scope = asyncio.timeout_at(deadline.at)
        try:
            async with scope:
                yield
        except TimeoutError:
            if scope.expired():
                raise expired() from None
            raise
    else:  # pragma: no cover (Python 3.10 has no asyncio.timeout)
        async with _cancel_at(deadline.at, expired):
            yield


@asynccontextmanager
async def _cancel_at(
    at: float, expired: Callable[[], BaseException]
) -> AsyncIterator[None]:  # pragma: no cover (Python 3.10 only)
    task = asyncio.current_task()
    assert task is not None
    fired = False

    def fire() -> None:
        nonlocal fired
        fired = True
        task.cancel()

    handle = asyncio.get_running_loop().call_at(at, fire)
    try:
        yield
    except asyncio.CancelledError:
        if fired:
            raise expired() from None
        raise
    finally:
        handle.cancel()
