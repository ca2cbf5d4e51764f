"""What the SDK costs before the first call: import time against httpx, and generated code size.

Each import is timed in a fresh interpreter (nothing cached in `sys.modules`), the SDK and httpx
interleaved, so both see the same machine; the ratio is of the medians. Both are timed as installed
packages run: from compiled bytecode (pip compiles httpx when it installs it; the SDK's checkout is
compiled here first, since an editable install is not).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "gigstack_async"
GENERATED_API = PACKAGE / "_generated" / "api"

_TIMER = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def import_seconds(module: str) -> float:
    """Seconds `import module` takes in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMER.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def import_figures(reps: int) -> dict[str, list[float]]:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PACKAGE)], check=True)
    times: dict[str, list[float]] = {"gigstack_async": [], "httpx": []}
    for _ in range(reps):
        for module in times:
            times[module].append(import_seconds(module))
    return times


def import_ratio(times: dict[str, list[float]]) -> float:
    return statistics.median(times["gigstack_async"]) / statistics.median(times["httpx"])


def generated_api_lines(root: Path = GENERATED_API) -> int:
    """Lines of the generated endpoint modules."""
    return sum(len(path.read_text(encoding="utf-8").splitlines()) for path in root.rglob("*.py"))
