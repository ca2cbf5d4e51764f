"""Memory of `async for` over a long list, measured in a fresh process of its own.

    python -m bench.paging --base-url http://127.0.0.1:PORT --limit 100

prints one JSON object: items read, the time taken, and the growth of the peak resident
set (VmHWM in /proc/self/status; ru_maxrss where /proc is missing) from just before the loop.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from gigstack_async import Gigstack

from .cases import API_KEY

_STATUS = Path("/proc/self/status")


def _status_kib(field: str) -> int | None:
    try:
        lines = _STATUS.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def _reset_peak() -> bool:
    """Linux resets VmHWM to the current RSS when 5 is written to clear_refs."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_kib() -> int:
    peak = _status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def walk(base_url: str, limit: int) -> dict[str, object]:
    async with Gigstack(API_KEY, base_url=f"{base_url}/v2") as gs:
        # Warm up (lazy imports, the connection, first-use caches) on a one-item page.
        await gs.invoices.income.list(limit=1)
        gc.collect()
        reset = _reset_peak()
        current = _status_kib("VmRSS")
        baseline = current if reset and current is not None else _peak_kib()
        items = 0
        start = time.perf_counter()
        async for _invoice in gs.invoices.income.list(limit=limit):
            items += 1
        seconds = time.perf_counter() - start
        peak = _peak_kib()
    return {
        "items": items,
        "seconds": seconds,
        "baseline_kib": baseline,
        "peak_kib": peak,
        "peak_growth_mib": (peak - baseline) / 1024,
        "method": "VmHWM after clear_refs" if reset else "peak RSS delta (no reset)",
    }


def run(base_url: str, limit: int) -> dict[str, Any]:
    """Run the walk in a child process so that nothing measured before skews its peak."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.paging", "--base-url", base_url, "--limit", str(limit)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(walk(args.base_url, args.limit))))


if __name__ == "__main__":
    main()
