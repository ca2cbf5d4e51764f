"""Benchmarks of the SDK against raw httpx and the best peers: `make bench` (`python -m bench`).

Figures and targets are in `suite.py`, the variants compared in `cases.py`, and the server the
clients talk to (a separate process on 127.0.0.1) in `server.py`. `BENCH_SCALE=smoke` (or
`--scale smoke`) runs everything with tiny counts; `python -m bench.hotspots percall|parse|
throughput` shows where the SDK's time goes (pyinstrument, bench environment only).
"""
