"""gigstack timestamps come as epoch seconds, epoch milliseconds, ISO-8601 strings or (rarely)
Firestore objects `{"_seconds": ...}`; `to_datetime` reads them all as an aware UTC datetime."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone

from ._generated.types import Unset

__all__ = ["to_datetime"]

# Epoch values below this are seconds, above it milliseconds (1e12 s is the year 33658).
_MILLISECONDS_FROM = 1e12


def to_datetime(value: object) -> datetime | None:
    """The instant a gigstack timestamp denotes, in UTC; None for None/UNSET/empty values.

    Raises ValueError for a value that is not a timestamp in any of the documented forms.
    """
    if value is None or value == "" or isinstance(value, Unset):
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a timestamp: {value!r}")
    if isinstance(value, (int, float)):
        seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").replace(".", "", 1).isdigit():
            return to_datetime(float(text))
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"not a timestamp: {value!r}") from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if isinstance(value, Mapping):
        seconds = value.get("_seconds", value.get("seconds"))
        if isinstance(seconds, (int, float)) and not isinstance(seconds, bool):
            nanos = value.get("_nanoseconds", value.get("nanoseconds", 0))
            return to_datetime(seconds + (nanos if isinstance(nanos, int) else 0) / 1e9)
    raise ValueError(f"not a timestamp: {value!r}")
