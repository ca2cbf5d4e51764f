"""`SeenEvents`: a small in-memory record of the event ids a process already handled."""

from __future__ import annotations

import threading
from collections import OrderedDict

__all__ = ["SeenEvents"]


class SeenEvents:
    """The ids of the most recent `max_size` events, to skip a delivery already handled.

    gigstack may deliver an event more than once (a retry after a slow answer, a manual resend).
    Call `await seen.check_and_add(event.id)` before acting: True means the id was already
    recorded (skip it), False means it is new and is now recorded. If handling then fails, call
    `await seen.discard(event.id)` so a redelivery is handled.

    The record lives in this process's memory and keeps only the most recently seen ids (the
    oldest are forgotten first), so it does not survive a restart nor span several workers: in
    production, record processed ids in your database (a unique key on the event id). Safe to
    share between tasks and threads.
    """

    def __init__(self, max_size: int = 10_000) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1.")
        self._max_size = max_size
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()  # held only for dict operations, never across an await

    @property
    def max_size(self) -> int:
        """How many ids are kept at most."""
        return self._max_size

    async def check_and_add(self, event_id: str) -> bool:
        """Whether `event_id` was already recorded; records it (as the most recent) either way."""
        with self._lock:
            if event_id in self._ids:
                self._ids.move_to_end(event_id)
                return True
            self._ids[event_id] = None
            if len(self._ids) > self._max_size:
                self._ids.popitem(last=False)
            return False

    async def discard(self, event_id: str) -> None:
        """Forget `event_id` (no error if it is not recorded), so its next delivery is handled."""
        with self._lock:
            self._ids.pop(event_id, None)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"SeenEvents({len(self)} of max_size={self._max_size})"
