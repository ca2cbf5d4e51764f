"""api.md documents every method of `Gigstack` as the code defines it, and `make check-generated`
fails when it is out of date."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from generator import generate
from gigstack_async import Gigstack
from gigstack_async._generated.registry import OPERATIONS, OperationInfo
from tests.docs.conftest import ROOT

API_DOC = (ROOT / "api.md").read_text(encoding="utf-8")
OPTIONS = {"team", "timeout", "deadline", "extra_query", "extra_headers", "extra_body", "metadata",
           "max_pages"}  # fmt: skip


def documented_signature(dotted: str) -> str:
    """The code block under the method's heading."""
    match = re.search(
        rf"^### gs\.{re.escape(dotted)}\n\n```python\n(.*?)\n```", API_DOC, re.M | re.S
    )
    assert match, f"api.md has no entry for gs.{dotted}"
    return match[1]


METHODS = sorted(OPERATIONS.values(), key=lambda op: op.sdk_method)


@pytest.mark.parametrize("op", METHODS, ids=[".".join(op.sdk_method) for op in METHODS])
def test_every_method_is_documented_with_the_parameters_it_takes(op: OperationInfo) -> None:
    method: object = Gigstack(api_key="sk_test_doc", base_url="http://127.0.0.1:9/v2")
    for part in op.sdk_method:
        method = getattr(method, part)
    assert callable(method)
    doc = documented_signature(".".join(op.sdk_method))
    params = inspect.signature(method).parameters
    documented = re.findall(r"(\w+): ", doc.split("(", 1)[1])
    assert documented == [name for name in params if name not in OPTIONS]
    assert doc.startswith(("await gs.", "gs."))
    assert ("AsyncPager[" in doc or "SearchPager[" in doc) == doc.startswith("gs.")
    assert "**options" in doc


def test_every_documented_model_has_a_section() -> None:
    linked = set(re.findall(r"\]\(#([\w-]+)\)", API_DOC))
    headings = re.findall(r"^##+ (.+)$", API_DOC, re.M)
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
    assert linked <= anchors, linked - anchors
    assert {"clientinput", "gsteamsseries", "models"} <= linked


def test_check_generated_reports_a_stale_api_doc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "api.md"
    stale.write_text(API_DOC.replace("gs.teams.series.list", "gs.teams.series_list"))
    monkeypatch.setattr(generate, "API_DOC", stale)
    assert generate.check() == 1
    assert f"out of date: {stale}" in capsys.readouterr().err


def test_the_readme_links_to_the_api_reference() -> None:
    assert "](api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
