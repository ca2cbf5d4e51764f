"""The lint log keeps Redocly's findings and loses its Node.js end-of-life banner."""

from __future__ import annotations

import sys

import pytest

from tools.without_node_banner import main, without_banner

BANNER = """
    ╔══════════════════════════════════════════════════════╗
    ║  Deprecation warning: Node.js 20 support is ending   ║
    ║  You are using Node.js v20.20.2.                     ║
    ╚══════════════════════════════════════════════════════╝

"""
FINDINGS = """validating openapi/gigstack-v2.yaml...
  483:3   warning  no-ambiguous-paths  Paths should resolve unambiguously.
You have 1 warning.
"""


def test_the_banner_goes_and_the_findings_stay() -> None:
    assert without_banner(BANNER + FINDINGS) == FINDINGS


def test_any_other_box_stays() -> None:
    other = "╔═══╗\n║  Error: config file invalid ║\n╚═══╝\n" + FINDINGS
    assert without_banner(other) == other


def test_an_unclosed_box_stays() -> None:
    unclosed = "╔═══╗\n║ Node.js 20 support is ending\n"
    assert without_banner(unclosed) == unclosed


def test_the_tool_s_output_and_exit_status_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = "import sys; print('error: bad spec', file=sys.stderr); sys.exit(3)"
    assert main([sys.executable, "-c", code]) == 3
    assert capsys.readouterr().out == "error: bad spec\n"
