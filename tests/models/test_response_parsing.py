"""Response models read any JSON: a value of the wrong type anywhere is a ParseError naming where
it is (relative to the object read), and nothing else ever escapes `from_dict`."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.prepare import input_schemas
from gigstack_async import models
from gigstack_async._parsing import ParseError
from tests.conftest import SPEC_PATH
from tests.properties.schema_strategies import FREE_FORM, SchemaStrategies

from .spec_walk import Walker, json_type, replace

with Path(SPEC_PATH).open(encoding="utf-8") as fh:
    SPEC: dict[str, Any] = yaml.safe_load(fh)
STRATEGIES = SchemaStrategies(SPEC)
WALKER = Walker(SPEC)
INPUTS = input_schemas(SPEC)
RESPONSE_MODELS = sorted(
    name
    for name, schema in SPEC["components"]["schemas"].items()
    if name not in INPUTS
    and ("properties" in schema or "allOf" in schema)
    and hasattr(models, name)
)
WRONG_VALUES: list[object] = ["x", 7, 2.5, True, [], {"x_unknown": 1}]

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_the_response_models_are_the_schemas_a_response_can_hold() -> None:
    assert {"Invoice", "Item", "Tax", "InvoiceListEnvelope", "GigstackClient"} <= set(
        RESPONSE_MODELS
    )
    assert "InvoiceIncomeInput" not in RESPONSE_MODELS


@pytest.mark.parametrize("name", RESPONSE_MODELS)
@BOUNDED
@given(data=st.data())
def test_a_wrong_type_anywhere_is_a_parse_error_with_its_path(
    name: str, data: st.DataObject
) -> None:
    schema = SPEC["components"]["schemas"][name]
    payload = data.draw(STRATEGIES.component(name), label="payload")
    spots = [(path, allowed) for path, allowed in WALKER.positions(schema, payload) if allowed]
    if not spots:
        return
    path, allowed = data.draw(st.sampled_from(spots), label="position")
    wrong = [v for v in WRONG_VALUES if json_type(v) not in allowed]
    if not wrong:
        return
    value = data.draw(st.sampled_from(wrong), label="wrong value")
    with pytest.raises(ParseError) as caught:
        getattr(models, name).from_dict(replace(payload, path, value))
    assert caught.value.path == path, str(caught.value)
    assert str(caught.value).startswith(f"{path}: expected ")


@pytest.mark.parametrize("name", ["InvoiceListEnvelope", "PaymentEnvelope", "TeamEnvelope"])
@BOUNDED
@given(data=st.data())
def test_nothing_but_parse_error_escapes(name: str, data: st.DataObject) -> None:
    schema = SPEC["components"]["schemas"][name]
    payload = data.draw(STRATEGIES.component(name), label="payload")
    spots = [path for path, _ in WALKER.positions(schema, payload)]
    if spots:
        path = data.draw(st.sampled_from(spots), label="position")
        payload = replace(payload, path, data.draw(FREE_FORM, label="any JSON"))
    with contextlib.suppress(ParseError):  # any other exception fails the test
        getattr(models, name).from_dict(payload)


@pytest.mark.parametrize("value", [None, [], "x", 1, True])
def test_a_body_that_is_not_an_object_is_a_parse_error(value: object) -> None:
    with pytest.raises(ParseError, match="expected object"):
        models.InvoiceEnvelope.from_dict(value)  # type: ignore[arg-type]


def test_the_path_of_a_deep_value_names_every_step() -> None:
    item = {"taxes": [{"rate": 0.16}, {"rate": "0.16"}]}
    page = {"data": [None, {"items": [{}, {}, item]}]}
    with pytest.raises(ParseError) as caught:
        models.InvoiceListEnvelope.from_dict(page)
    assert str(caught.value) == "data[1].items[2].taxes[1].rate: expected number, got str"
    assert caught.value.path == "data[1].items[2].taxes[1].rate"


def test_a_missing_required_key_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match=r"^data\.id: required field is missing$"):
        models.GigstackClientEnvelope.from_dict({"data": {"legal_name": "ACME"}})


def test_scalars_are_checked_and_ints_widened() -> None:
    tax = models.Tax.from_dict({"rate": 16, "withholding": False})
    assert tax.rate == 16.0 and type(tax.rate) is float
    with pytest.raises(ParseError, match=r"^rate: expected number, got bool$"):
        models.Tax.from_dict({"rate": True})
    with pytest.raises(ParseError, match=r"^folio_number: expected integer, got float$"):
        models.Invoice.from_dict({"folio_number": 1.5})
    with pytest.raises(ParseError, match=r"^has_more: expected boolean, got str$"):
        models.InvoiceListEnvelope.from_dict({"has_more": "true", "data": []})
    with pytest.raises(ParseError, match=r"^data: expected array, got dict$"):
        models.InvoiceListEnvelope.from_dict({"data": {}})
