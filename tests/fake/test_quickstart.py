"""`make demo`: examples/quickstart.py, against the in-process fake and, with a key, over HTTP."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

QUICKSTART = Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"


@pytest.mark.asyncio
async def test_without_a_key_it_runs_against_the_fake_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GIGSTACK_API_KEY", raising=False)
    await runpy.run_path(str(QUICKSTART))["main"]()
    out = capsys.readouterr().out
    assert "FAKE: GIGSTACK_API_KEY is not set" in out
    assert "valid: True" in out and "stamped" in out
    assert "$15,000.00 + IVA $2,400.00 = $17,400.00" in out
    assert "the same payment, nothing stamped twice" in out
    assert "page 2 (2 invoices in all)" in out and "page 3" not in out
    assert "1 client(s); ours: 1" in out
    assert "invoice A-1: canceled" in out


def test_with_a_key_it_talks_to_the_api_it_is_pointed_at(served_fake: str) -> None:
    env = {
        **os.environ,
        "GIGSTACK_API_KEY": "sk_test_fake",
        "GIGSTACK_BASE_URL": served_fake,  # the real API's place, taken by the served fake
        "GIGSTACK_DEMO_TEAM": "team_norte",
    }
    result = subprocess.run(
        [sys.executable, str(QUICKSTART)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"LIVE: the REAL gigstack API at {served_fake}" in result.stdout
    assert "team team_norte: 1 client(s)" in result.stdout
    assert ": canceled" in result.stdout
