"""Fault injection: the next requests answer with an error instead of being processed."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from ._errors import FakeAPIError, default_code


@dataclass(frozen=True)
class Fault:
    status: int
    code: str
    retry_after: float | None

    def error(self) -> FakeAPIError:
        headers = {}
        if self.retry_after is not None:
            seconds = self.retry_after
            headers["Retry-After"] = str(int(seconds)) if seconds == int(seconds) else str(seconds)
        message = f"Injected failure ({self.status}); the request was not processed"
        return FakeAPIError(self.status, self.code, message, headers=headers)


class FaultQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: deque[Fault] = deque()

    def add(self, status: int, times: int, retry_after: float | None, code: str | None) -> None:
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599), got {status!r}")
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError(f"times must be an int >= 1, got {times!r}")
        if retry_after is not None and retry_after < 0:
            raise ValueError(f"retry_after must be >= 0 or None, got {retry_after!r}")
        fault = Fault(status, code or default_code(status), retry_after)
        with self._lock:
            self._pending.extend([fault] * times)

    def take(self) -> Fault | None:
        with self._lock:
            return self._pending.popleft() if self._pending else None

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
