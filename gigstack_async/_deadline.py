"""The total deadline of one logical call: every attempt, every wait between them, every byte."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any


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


class enforced:
    """`async with enforced(deadline, expired):` cancels the block when the deadline passes and
    raises `expired()` instead. A class rather than a generator: it runs on every call."""

    __slots__ = ("_deadline", "_expired", "_scope")

    def __init__(self, deadline: Deadline, expired: Callable[[], BaseException]) -> None:
        self._deadline = deadline
        self._expired = expired
        self._scope: Any = None

    async def __aenter__(self) -> None:
        at = self._deadline.at
        if at is None:
            return
        if sys.version_info >= (3, 11):
            self._scope = asyncio.timeout_at(at)
        else:  # pragma: no cover (Python 3.10 has no asyncio.timeout)
            self._scope = _CancelAt(at)
        await self._scope.__aenter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        scope = self._scope
        if scope is None:
            return
        try:
            await scope.__aexit__(exc_type, exc, tb)
        except (TimeoutError, asyncio.CancelledError):
            if scope.expired():
                raise self._expired() from None
            raise


class _CancelAt:  # pragma: no cover (Python 3.10 has no asyncio.timeout)
    """What `asyncio.timeout_at` does, for Python 3.10: cancel the task at `at`, and turn that
    cancellation into a TimeoutError."""

    __slots__ = ("_at", "_fired", "_handle")

    def __init__(self, at: float) -> None:
        self._at = at
        self._fired = False
        self._handle: asyncio.TimerHandle | None = None

    def expired(self) -> bool:
        return self._fired

    async def __aenter__(self) -> None:
        task = asyncio.current_task()
        assert task is not None

        def fire() -> None:
            self._fired = True
            task.cancel()

        self._handle = asyncio.get_running_loop().call_at(self._at, fire)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._handle is not None:
            self._handle.cancel()
        if self._fired and exc_type is asyncio.CancelledError:
            raise TimeoutError from None
