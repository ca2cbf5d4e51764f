"""The table printed by `make bench`, the machine and versions, and bench/results.json."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
from dataclasses import dataclass
from pathlib import Path

from .measure import Series

PACKAGES = (
    "gigstack-async",
    "httpx",
    "httpx-aiohttp",
    "aiohttp",
    "httpcore",
    "h11",
    "anyio",
    "attrs",
    "openai",
    "httpx2",
    "pydantic",
    "pydantic-core",
    "orjson",
    "pyinstrument",
)


@dataclass
class Row:
    figure: str
    median: str
    spread: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""


def micros(series: Series) -> tuple[str, str]:
    return f"{series.median * 1e6:,.0f} us", _spread(series)


def millis(series: Series) -> tuple[str, str]:
    return f"{series.median * 1e3:,.2f} ms", _spread(series)


def per_second(series: Series) -> tuple[str, str]:
    return f"{series.median:,.0f} /s", _spread(series)


def _spread(series: Series) -> str:
    return f"±{series.spread * 50:.1f}%"  # half the interquartile range, relative to the median


def verdict(met: bool | None) -> str:
    return "" if met is None else ("yes" if met else "NO")


def render(rows: list[Row]) -> str:
    table = [("figure", "median", "spread", "ratio", "target", "met?")]
    table += [(r.figure, r.median, r.spread, r.ratio, r.target, r.met) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]

    def line(cells: tuple[str, ...]) -> str:
        padded = [cells[0].ljust(widths[0])]
        padded += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(table[0]), rule, *(line(cells) for cells in table[1:])])


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, object]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
    }


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    from gigstack_async import SPEC_VERSION

    found["gigstack spec"] = SPEC_VERSION
    return found


def write(path: Path, results: dict[str, object]) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
