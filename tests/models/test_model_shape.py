"""What users type against: response models hold `X | None` (never Unset), show clean reprs, and
give back the wire form, explicit nulls and unknown keys included."""

from __future__ import annotations

import sys
import typing

import pytest

from generator.prepare import input_schemas
from gigstack_async import models
from gigstack_async._generated.models import __all__ as generated

from .spec_examples import EXAMPLES, SPEC

INPUTS = input_schemas(SPEC)
MODEL_CLASSES = [
    getattr(models, name) for name in generated if hasattr(getattr(models, name), "from_dict")
]
RESPONSE_CLASSES = [cls for cls in MODEL_CLASSES if cls.__name__ not in INPUTS]


def test_both_shapes_are_generated() -> None:
    assert len(RESPONSE_CLASSES) > 50 and len(MODEL_CLASSES) - len(RESPONSE_CLASSES) > 20


@pytest.mark.parametrize("cls", RESPONSE_CLASSES, ids=lambda cls: cls.__name__)
def test_response_fields_never_mention_unset(cls: type) -> None:
    annotations = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    for name, hint in annotations.items():
        assert "Unset" not in str(hint), f"{cls.__name__}.{name}: {hint}"


@pytest.mark.parametrize(("label", "schema", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_reprs_of_every_example_show_no_unset(label: str, schema: str, value: object) -> None:
    name = "InvoiceIncomeInput" if schema == "InvoiceEgressInput" else schema
    if name in INPUTS:
        return
    text = repr(getattr(models, name).from_dict(value))
    assert "Unset" not in text and "_wire" not in text


def test_absent_and_null_stay_apart_and_unknown_keys_are_kept() -> None:
    wire = {"uuid": "u1", "series": None, "brand_new": {"a": [1]}, "items": [{"taxes": None}]}
    invoice = models.Invoice.from_dict(wire)
    assert invoice.series is None and invoice.total is None
    assert invoice.to_dict() == wire
    assert invoice.additional_properties == {"brand_new": {"a": [1]}}
    assert invoice["brand_new"] == {"a": [1]} and "brand_new" in invoice
    invoice.total = 116.0
    invoice["note"] = "x"
    assert invoice.to_dict() == {**wire, "total": 116.0, "note": "x"}


def test_a_model_built_by_hand_sends_only_what_was_set() -> None:
    item = models.Item(description="x", taxes=[models.Tax(type_="IVA", rate=0.16)])
    assert item.to_dict() == {"description": "x", "taxes": [{"type": "IVA", "rate": 0.16}]}
    assert repr(item).startswith("Item(created_at=None, description='x'")


def test_input_models_keep_unset_for_fields_not_sent() -> None:
    body = models.CancelInvoiceInput(motive="02")
    assert isinstance(body.substitution_uuid, models.Unset)
    assert body.to_dict() == {"motive": "02"}
