"""parse_event on arbitrary input: it returns an event or raises WebhookVerificationError, nothing
else; and any resource the spec allows comes back as its model, in both payload shapes."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gigstack_async.webhooks import (
    WebhookEvent,
    WebhookEventType,
    WebhookVerificationError,
    parse_event,
)
from tests.conftest import SPEC_PATH
from tests.properties.schema_strategies import SchemaStrategies

from .test_webhooks_parse import FAMILIES

BOUNDED = settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
NAMES = st.sampled_from(sorted(WebhookEventType.known())) | st.text(max_size=20)
ENVELOPES = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON,
        "type": NAMES | JSON,
        "event": NAMES | JSON,
        "created": JSON | st.integers(-(10**20), 10**20),
        "timestamp": JSON | st.datetimes().map(lambda d: d.isoformat()),
        "livemode": JSON,
        "data": JSON | st.fixed_dictionaries({"object": JSON}),
    },
)


def parses_or_refuses(body: bytes | str) -> None:
    try:
        event = parse_event(body)
    except WebhookVerificationError:
        return
    assert isinstance(event, WebhookEvent)
    assert isinstance(event.type, WebhookEventType)


@BOUNDED
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise_anything_else(body: bytes) -> None:
    parses_or_refuses(body)


@BOUNDED
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_anything_else(body: str) -> None:
    parses_or_refuses(body)


@BOUNDED
@given(JSON)
def test_arbitrary_json_never_raises_anything_else(value: Any) -> None:
    parses_or_refuses(json.dumps(value))


@BOUNDED
@given(ENVELOPES)
def test_envelope_shaped_json_never_raises_anything_else(envelope: dict[str, Any]) -> None:
    parses_or_refuses(json.dumps(envelope))


with SPEC_PATH.open(encoding="utf-8") as fh:
    STRATEGIES = SchemaStrategies(yaml.safe_load(fh))

MODELLED = sorted(name for name in WebhookEventType.known() if FAMILIES[name.resource][1])


@pytest.mark.parametrize("name", MODELLED)
@settings(BOUNDED, max_examples=25)
@given(data=st.data(), primary_shape=st.booleans())
def test_any_resource_the_spec_allows_comes_back_as_its_model(
    name: str, data: st.DataObject, primary_shape: bool
) -> None:
    event_class, model, _ = FAMILIES[WebhookEventType(name).resource]
    assert model is not None
    resource = data.draw(STRATEGIES.component(model.__name__), label=model.__name__)
    if primary_shape:
        body = {
            "id": "evt_1",
            "type": name,
            "created": 1_767_225_600_000,
            "data": {"object": resource},
        }
    else:
        body = {"event": name, "timestamp": "2026-01-01T00:00:00Z", "data": resource}

    event = parse_event(json.dumps(body))

    assert type(event) is event_class
    assert event.data.to_dict() == model.from_dict(resource).to_dict()
