"""A record of the requests the fake answered, for assertions in tests."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

# Enough for any test; a long-running served fake keeps only the latest.
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # as sent, percent-encoded, without the query
    operation_id: str | None  # None for a route the spec does not have
    team: str | None  # the team acted for, once the key was accepted
    status: int
    idempotency_key: str | None
    injected: bool  # answered by `fail_next` without being processed


class Journal:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: deque[RecordedRequest] = deque(maxlen=MAX_ENTRIES)

    def add(self, entry: RecordedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
