"""`python -m bench [--scale full|smoke] [--output PATH]`: run, print the table, write the JSON."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import report, suite
from .scale import SCALES, from_env

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), help="default: $BENCH_SCALE or full")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    scale = SCALES[args.scale] if args.scale else from_env()
    results, rows = suite.run(scale)
    machine = results["machine"]
    print()
    print(
        f"{machine['cpu']}, {machine['cores_usable']} cores usable, {machine['python']}; "
        f"concurrency {results['concurrency']}; scale {scale.name}"
    )
    print(report.render(rows))
    for reason in results["skipped"]:
        print(f"skipped {reason}")
    report.write(args.output, results)
    print(f"results: {os.path.relpath(args.output)} ({results['elapsed_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
