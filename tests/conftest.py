from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "gigstack-v2.yaml"
SPEC_DATA = Path(__file__).resolve().parent / "spec_data"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.safe_load(fh)
    return loaded


@pytest.fixture(scope="session")
def core_operations() -> list[dict[str, str]]:
    """The core operations of the API reference (a copy of its operations.yaml): the spec holds
    at least these."""
    loaded: list[dict[str, str]] = json.loads((SPEC_DATA / "core_operations.json").read_text())
    return loaded


@pytest.fixture(scope="session")
def reference_operations() -> dict[str, list[dict[str, str | None]]]:
    """The reference's non-core operations (documented extras, client-only, legacy): id, tag,
    method, path; a copy of its operations.yaml."""
    text = (SPEC_DATA / "reference_operations.json").read_text()
    loaded: dict[str, list[dict[str, str | None]]] = json.loads(text)
    return loaded
