"""Where the time goes: pyinstrument over the SDK's per-call path and its page parse.

    python -m bench.hotspots [percall|parse|throughput] [--calls N]   (bench environment only)

Prints pyinstrument's call tree (frames under 2 % hidden), to read next to the bench table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable

from gigstack_async import Gigstack
from gigstack_async.models import InvoiceListEnvelope

from . import measure, payloads, server
from .cases import API_KEY


def _profiler() -> object:
    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        raise SystemExit(
            "pyinstrument is not installed: run this in the bench environment"
        ) from exc
    return Profiler(interval=0.0002, async_mode="disabled")


def _show(profiler: object) -> None:
    text = profiler.output_text(  # type: ignore[attr-defined]
        unicode=True, color=False, show_all=False, time="percent_of_total"
    )
    print(text)


async def _calls(base_url: str, calls: int, concurrency: int) -> None:
    async with Gigstack(API_KEY, base_url=f"{base_url}/v2") as gs:

        def call() -> Awaitable[object]:
            return gs.clients.get(payloads.CLIENT_ID)

        await measure.calls_per_second(call, 500, concurrency)
        profiler = _profiler()
        profiler.start()  # type: ignore[attr-defined]
        if concurrency == 1:
            await measure.seconds_per_call(call, calls)
        else:
            await measure.calls_per_second(call, calls, concurrency)
        profiler.stop()  # type: ignore[attr-defined]
    _show(profiler)


def _parse(runs: int) -> None:
    body = payloads.invoice_page(payloads.PAGE_LIMIT)
    profiler = _profiler()
    profiler.start()  # type: ignore[attr-defined]
    for _ in range(runs):
        InvoiceListEnvelope.from_dict(json.loads(body))
    profiler.stop()  # type: ignore[attr-defined]
    _show(profiler)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hotspots", description=__doc__)
    parser.add_argument("what", choices=("percall", "parse", "throughput"))
    parser.add_argument("--calls", type=int, default=3000)
    args = parser.parse_args()
    if args.what == "parse":
        _parse(max(1, args.calls // 20))
        return
    with server.running(pages=1) as base_url:
        asyncio.run(_calls(base_url, args.calls, 1 if args.what == "percall" else 50))


if __name__ == "__main__":
    main()
