"""Models built from any wire payload the spec allows give the same payload back, and survive a
second trip unchanged: unknown fields, unknown enum codes, nulls and nesting included."""

from __future__ import annotations

import os
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gigstack_async import models
from tests.conftest import SPEC_PATH

from .schema_strategies import SchemaStrategies

with SPEC_PATH.open(encoding="utf-8") as fh:
    SPEC: dict[str, Any] = yaml.safe_load(fh)
STRATEGIES = SchemaStrategies(SPEC)

# The five the API revolves around, then the other response models and the main request bodies.
MODELS = [
    "GigstackClient",
    "Service",
    "Invoice",
    "Payment",
    "Receipt",
    "Team",
    "User",
    "TeamSeries",
    "TeamIntegrations",
    "CustomerPortalSession",
    "PendingReceiptsSummary",
    "InvoiceFiles",
    "ClientInput",
    "InvoiceIncomeInput",
    "RegisterPaymentInput",
    "RequestPaymentInput",
    "ReceiptInput",
    "TeamSettingsInput",
]

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),  # CI replays the same examples every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", MODELS)
@BOUNDED
@given(data=st.data())
def test_from_dict_to_dict_round_trips(name: str, data: st.DataObject) -> None:
    model = getattr(models, name)
    payload = data.draw(STRATEGIES.component(name), label=name)
    first = model.from_dict(payload)
    wire = first.to_dict()
    assert wire == payload  # nothing dropped, renamed or coerced
    assert model.from_dict(wire).to_dict() == wire


def test_every_listed_model_is_a_spec_component_with_a_model() -> None:
    for name in MODELS:
        assert name in SPEC["components"]["schemas"]
        assert hasattr(models, name)
