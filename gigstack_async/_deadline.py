"""The total deadline of one logical call: every attempt, every wait between them, every byte.

Every call has a deadline (300 s by default), so its cost is paid on every call. Rather than one
event-loop timer per call (what `asyncio.timeout_at` schedules and cancels), the deadlines of one
event loop share a single timer, armed for the earliest of them: entering and leaving a deadline
is then a heap push and a flag.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import sys
import weakref
from collections.abc import Callable
from types import TracebackType

# A deadline's states.
_WAITING = 0  # in the loop's heap, not yet passed
_EXPIRED = 1  # passed while its block ran: the task was cancelled
_LEFT = 2  # its block ended


class Deadline:
    """When a call must have ended, in event-loop time (None: no deadline).

    `with deadline:` (inside a task) cancels the block when the deadline passes and raises
    `expired()` instead of the cancellation; an outer cancellation that arrives as well is let
    through. A plain `with`, not `async with`: entering and leaving never wait.
    """

    __slots__ = ("_cancelling", "_expired", "_state", "_task", "_watcher", "at")
    _watcher: _Watcher  # set on entering a deadline that has a time

    def __init__(
        self, seconds: float | None, expired: Callable[[], BaseException] = TimeoutError
    ) -> None:
        self.at = None if seconds is None else asyncio.get_running_loop().time() + seconds
        self._expired = expired
        self._state = _LEFT
        self._task: asyncio.Task[object] | None = None
        self._cancelling = 0

    def allows_wait(self, delay: float) -> bool:
        """Whether waiting `delay` seconds still leaves time for another attempt."""
        return self.at is None or asyncio.get_running_loop().time() + delay < self.at

    def __enter__(self) -> None:
        at = self.at
        if at is None:
            return
        loop = asyncio.get_running_loop()
        task = asyncio.current_task(loop)
        if task is None:  # pragma: no cover (a coroutine always runs in a task under asyncio)
            raise RuntimeError("a call's deadline needs to run inside an asyncio task")
        self._task = task
        if sys.version_info >= (3, 11):
            self._cancelling = task.cancelling()
        self._state = _WAITING
        self._watcher = watcher = _watcher(loop)
        watcher.add(self, at)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        state, task = self._state, self._task
        self._state, self._task = _LEFT, None
        if state == _WAITING:
            # Its heap entry may outlive the call for a while: it keeps nothing of the call.
            self._expired = TimeoutError
            self._watcher.left()
            return
        if state != _EXPIRED or task is None:
            return
        # The loop's timer cancelled the task. That cancellation becomes the deadline's error,
        # unless someone else cancelled the task too (then the cancellation goes on).
        if sys.version_info >= (3, 11):
            if task.uncancel() > self._cancelling:
                return
        if exc_type is not None and issubclass(exc_type, asyncio.CancelledError):
            raise self._expired() from None

    def _expire(self) -> None:
        self._state = _EXPIRED
        if self._task is not None:
            self._task.cancel()


class _Watcher:
    """The deadlines of one event loop, in a heap, served by one timer armed for the earliest.

    A deadline whose block ended stays in the heap until it reaches the top or the heap is
    rebuilt, so leaving costs no search; the heap is rebuilt once it is mostly such entries.
    """

    __slots__ = ("__weakref__", "_heap", "_order", "_timer", "_timer_at", "_waiting")

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()  # breaks ties between equal times, first in first out
        self._waiting = 0
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at: float | None = None

    def add(self, deadline: Deadline, at: float) -> None:
        heap = self._heap
        heapq.heappush(heap, (at, next(self._order), deadline))
        self._waiting += 1
        if self._timer_at is None or at < self._timer_at:
            self._arm(at)
        elif len(heap) > 2 * self._waiting + 64:
            self._rebuild()

    def left(self) -> None:
        """A waiting deadline's block ended (its state is already `_LEFT`)."""
        self._waiting -= 1
        heap = self._heap
        while heap and heap[0][2]._state != _WAITING:
            heapq.heappop(heap)

    def _rebuild(self) -> None:
        self._heap = [entry for entry in self._heap if entry[2]._state == _WAITING]
        heapq.heapify(self._heap)

    def _arm(self, at: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_at(at, self._fire)
        self._timer_at = at

    def _fire(self) -> None:
        # The loop runs a timer up to one clock tick early: everything due by the time the timer
        # was armed for has passed.
        due = max(self._timer_at or 0.0, asyncio.get_running_loop().time())
        self._timer = self._timer_at = None
        heap = self._heap
        while heap and heap[0][0] <= due:
            deadline = heapq.heappop(heap)[2]
            if deadline._state == _WAITING:
                self._waiting -= 1
                deadline._expire()
        while heap and heap[0][2]._state != _WAITING:
            heapq.heappop(heap)
        if heap:
            self._arm(heap[0][0])


_watchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Watcher] = (
    weakref.WeakKeyDictionary()
)
# The last loop asked about and its watcher, in one tuple so that threads read them together.
_last: tuple[weakref.ref[asyncio.AbstractEventLoop] | None, _Watcher | None] = (None, None)


def _watcher(loop: asyncio.AbstractEventLoop) -> _Watcher:
    global _last
    ref, watcher = _last
    if ref is not None and watcher is not None and ref() is loop:
        return watcher
    watcher = _watchers.get(loop)
    if watcher is None:
        watcher = _watchers.setdefault(loop, _Watcher())
    _last = (weakref.ref(loop), watcher)
    return watcher


def check_deadline(value: object) -> float | None:
    """A deadline option: positive seconds, or None for no deadline at all."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"deadline must be a positive number of seconds or None: {value!r}")
    return float(value)
