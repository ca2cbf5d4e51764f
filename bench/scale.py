"""How much work each figure gets: `full` for `make bench`, `smoke` for the test that runs it."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    percall_calls: int  # calls in one batch at concurrency 1
    percall_reps: int
    throughput_calls: int  # calls in one batch at `concurrency`
    throughput_reps: int
    concurrency: int
    retries_reps: int  # the retries figure gets its own, longer, two-variant run
    parse_runs: int  # page parses in one batch
    parse_reps: int
    paging_pages: int
    page_limit: int
    import_reps: int  # fresh interpreters per module for the import figure


SCALES = {
    "full": Scale(
        name="full",
        percall_calls=400,
        percall_reps=15,
        throughput_calls=800,
        throughput_reps=15,
        concurrency=50,
        retries_reps=31,
        parse_runs=20,
        parse_reps=15,
        paging_pages=1000,
        page_limit=100,
        import_reps=15,
    ),
    "smoke": Scale(
        name="smoke",
        percall_calls=5,
        percall_reps=2,
        throughput_calls=60,
        throughput_reps=2,
        concurrency=50,
        retries_reps=2,
        parse_runs=1,
        parse_reps=2,
        paging_pages=3,
        page_limit=100,
        import_reps=2,
    ),
}


def from_env(default: str = "full") -> Scale:
    name = os.environ.get("BENCH_SCALE", default)
    if name not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of {sorted(SCALES)}, got {name!r}")
    return SCALES[name]
