"""`to_datetime` reads every timestamp form gigstack sends."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from gigstack_async import to_datetime
from gigstack_async.models import UNSET

INSTANT = datetime(2023, 3, 1, 6, 13, 54, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "value",
    [1677651234, 1677651234000, 1677651234.0, "1677651234", "1677651234000",
     "2023-03-01T06:13:54Z", "2023-03-01T00:13:54-06:00", "2023-03-01T06:13:54",
     {"_seconds": 1677651234, "_nanoseconds": 0}, {"seconds": 1677651234}],
)  # fmt: skip
def test_every_form_gives_the_same_instant(value: object) -> None:
    assert to_datetime(value) == INSTANT


def test_milliseconds_keep_their_fraction() -> None:
    result = to_datetime(1709090576567)
    assert result is not None and result.microsecond == 567000


@pytest.mark.parametrize("value", [None, "", UNSET])
def test_absent_values_are_none(value: object) -> None:
    assert to_datetime(value) is None


@pytest.mark.parametrize("value", [True, "yesterday", {"when": 1}, [1]])
def test_other_values_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="not a timestamp"):
        to_datetime(value)
