"""Every example of the spec reads into its model and gives back exactly the same wire form, and
decodes to the same values with orjson as with the standard library."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gigstack_async import _json, models

from .spec_examples import EXAMPLES

# The spec's allOf alias for egress bodies is the income model.
MODEL_OF = {"InvoiceEgressInput": "InvoiceIncomeInput"}


def test_the_spec_documents_examples_for_requests_and_responses() -> None:
    labels = [label for label, _, _ in EXAMPLES]
    assert any(".request." in label for label in labels)
    assert sum(".200." in label or ".201." in label for label in labels) >= 10


@pytest.mark.parametrize(("label", "schema", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_round_trips_exactly(label: str, schema: str, value: Any) -> None:
    model = getattr(models, MODEL_OF.get(schema, schema))
    parsed = model.from_dict(value)
    assert parsed.to_dict() == value
    assert model.from_dict(parsed.to_dict()).to_dict() == value  # and again, unchanged


@pytest.mark.parametrize(("label", "schema", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_orjson_and_the_standard_library_decode_alike(label: str, schema: str, value: Any) -> None:
    raw = json.dumps(value, ensure_ascii=False).encode()
    assert _json.USES_ORJSON  # the dev environment installs the `speedups` extra
    assert _json.loads(raw) == _json.loads_stdlib(raw) == value
    model = getattr(models, MODEL_OF.get(schema, schema))
    assert (
        model.from_dict(_json.loads(raw)).to_dict()
        == model.from_dict(_json.loads_stdlib(raw)).to_dict()
    )
