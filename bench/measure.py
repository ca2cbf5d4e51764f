"""Timing: variants run in interleaved batches, figures are medians of batches, ratios are paired.

Each repetition runs one batch of every variant, in an order rotated by one each time so no variant
always runs first or last. A ratio A/B is the median of the per-repetition ratios, so slow drift of
the machine (frequency, noisy neighbours) hits both sides of each pair alike; throughput, whose
batches each start a fresh client, compares medians instead.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

AsyncCall = Callable[[], Awaitable[object]]
SyncCall = Callable[[], object]


@dataclass
class Series:
    """One figure per repetition for one variant (seconds per call, or calls per second)."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> float:
        """Interquartile range relative to the median (0.03 = 3 %)."""
        if len(self.values) < 2:
            return 0.0
        q1, _, q3 = statistics.quantiles(self.values, n=4, method="inclusive")
        return (q3 - q1) / self.median if self.median else 0.0


def paired_ratio(a: Series, b: Series) -> float:
    return statistics.median(x / y for x, y in zip(a.values, b.values, strict=True))


def ratio_of_medians(a: Series, b: Series) -> float:
    """For figures whose batches are independent draws (a fresh client each), not drifting."""
    return a.median / b.median


def _rotated(names: list[str], rep: int) -> list[str]:
    shift = rep % len(names)
    return names[shift:] + names[:shift]


async def interleave(
    batches: Mapping[str, Callable[[], Awaitable[float]]], reps: int
) -> dict[str, Series]:
    results = {name: Series() for name in batches}
    for rep in range(reps):
        for name in _rotated(list(batches), rep):
            gc.collect()  # a collection owed by the previous batch must not land in this one
            results[name].values.append(await batches[name]())
    return results


def interleave_sync(batches: Mapping[str, Callable[[], float]], reps: int) -> dict[str, Series]:
    results = {name: Series() for name in batches}
    for rep in range(reps):
        for name in _rotated(list(batches), rep):
            gc.collect()
            results[name].values.append(batches[name]())
    return results


async def seconds_per_call(call: AsyncCall, calls: int) -> float:
    """One call at a time (concurrency 1)."""
    start = time.perf_counter()
    for _ in range(calls):
        await call()
    return (time.perf_counter() - start) / calls


async def calls_per_second(call: AsyncCall, calls: int, concurrency: int) -> float:
    """`concurrency` tasks sharing one client take calls from a common budget until it is spent."""
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return calls / (time.perf_counter() - start)


def seconds_per_run(run: SyncCall, runs: int) -> float:
    start = time.perf_counter()
    for _ in range(runs):
        run()
    return (time.perf_counter() - start) / runs
