"""`make bench` stays runnable: the suite at smoke scale, and the pieces its figures rest on.

The figures themselves are read by people, never asserted: nothing here depends on timing.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import payloads
from bench.measure import Series, paired_ratio, ratio_of_medians
from bench.server import Routes

ROOT = Path(__file__).resolve().parents[2]

RATIO_KEYS = (
    "percall_ratio_vs_httpx",
    "percall_ratio_vs_stock_httpx",
    "percall_ratio_vs_generated",
    "throughput_ratio_vs_httpx",
    "throughput_ratio_vs_stock_httpx",
    "parse_ratio_vs_json_loads",
    "retries_overhead_ratio",
    "import_ratio_vs_httpx",
)
PEER_KEYS = ("percall_ratio_openai_vs_httpx", "parse_ratio_vs_pydantic")


@pytest.fixture(scope="module")
def smoke_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("bench") / "results.json"
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "smoke", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "figure" in completed.stdout and "met?" in completed.stdout  # the table was printed
    loaded: dict[str, Any] = json.loads(output.read_text())
    return loaded


def test_smoke_run_reports_every_figure(smoke_results: dict[str, Any]) -> None:
    for key in RATIO_KEYS:
        value = smoke_results[key]
        assert isinstance(value, float) and value > 0, key
    lines = smoke_results["generated_api_lines"]
    assert isinstance(lines, int) and lines > 0
    growth = smoke_results["paging_peak_rss_growth_mib"]
    assert isinstance(growth, float) and growth >= 0
    paging = smoke_results["figures"]["paging"]
    assert paging["items"] == 3 * payloads.PAGE_LIMIT  # every item of every page was walked
    assert {"percall_ratio_vs_httpx", "throughput_ratio_vs_httpx", "retries_overhead_ratio"} <= set(
        smoke_results["targets_met"]
    )


def test_smoke_run_skips_missing_peers_and_names_them(smoke_results: dict[str, Any]) -> None:
    skipped = " ".join(smoke_results["skipped"])
    for key, module in zip(PEER_KEYS, ("openai", "pydantic"), strict=True):
        value = smoke_results[key]
        if importlib.util.find_spec(module) is None:
            assert value is None
            assert module in skipped
        else:
            assert isinstance(value, float) and value > 0


def test_smoke_run_records_machine_and_versions(smoke_results: dict[str, Any]) -> None:
    machine = smoke_results["machine"]
    versions = smoke_results["versions"]
    assert isinstance(machine, dict) and machine["cpu"] and machine["cores"]
    assert str(machine["python"]).split()[-1] == ".".join(map(str, sys.version_info[:3]))
    assert isinstance(versions, dict) and versions["httpx"] and versions["gigstack-async"]


def test_server_chains_cursor_pages_to_the_last() -> None:
    routes = Routes(pages=3)
    cursors = []
    query = "limit=2"
    for _ in range(3):
        raw = routes.answer(b"GET", f"/v2/invoices/income?{query}".encode())
        head, body = raw.split(b"\r\n\r\n", 1)
        assert f"Content-Length: {len(body)}".encode() in head
        page = json.loads(body)
        assert len(page["data"]) == 2 and page["total_results"] == 6
        cursors.append(page["next"])
        query = f"limit=2&next={page['next']}"
    assert cursors == ["c1", "c2", None]


def test_server_rejects_a_limit_out_of_range_and_unknown_paths() -> None:
    routes = Routes(pages=1)
    assert routes.answer(b"GET", b"/v2/invoices/income?limit=101").startswith(b"HTTP/1.1 400")
    assert routes.answer(b"GET", b"/v2/nothing").startswith(b"HTTP/1.1 404")
    assert routes.answer(b"POST", b"/v2/clients/x").startswith(b"HTTP/1.1 404")


def test_payloads_have_the_documented_size() -> None:
    assert 35 <= payloads.count_fields(payloads.client_object()) <= 45
    invoices = payloads.invoices(10)
    mean = sum(map(payloads.count_fields, invoices)) / len(invoices)
    assert 45 <= mean <= 75
    assert all(invoice["items"] and invoice["items"][0]["taxes"] for invoice in invoices)


def test_ratios_pair_repetitions_or_compare_medians() -> None:
    a = Series([2.0, 4.0, 6.0])
    b = Series([1.0, 4.0, 3.0])
    assert paired_ratio(a, b) == 2.0  # per-repetition ratios 2, 1, 2
    assert ratio_of_medians(a, b) == pytest.approx(4.0 / 3.0)
    assert Series([1.0, 2.0, 3.0, 4.0, 5.0]).spread == pytest.approx(2.0 / 3.0)
