"""WebhookEventType: every name gigstack is known to use is a constant; other names still work."""

from __future__ import annotations

import pytest

from gigstack_async.webhooks import WebhookEventType

from .test_webhooks_parse import ALL_NAMES


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_known_name_is_a_constant(name: str) -> None:
    constant = getattr(WebhookEventType, name.upper().replace(".", "_"))

    assert constant == name
    assert isinstance(constant, WebhookEventType)
    assert constant.is_known


def test_the_constants_are_exactly_the_known_names() -> None:
    assert WebhookEventType.known() == set(ALL_NAMES)


def test_an_unknown_name_is_accepted_and_compares_as_text() -> None:
    custom = WebhookEventType("payment.disputed")

    assert custom == "payment.disputed"
    assert not custom.is_known
    assert custom.resource == "payment"
    assert f"{custom}" == "payment.disputed"
    assert repr(custom) == "WebhookEventType('payment.disputed')"
    assert {custom: 1}["payment.disputed"] == 1


def test_both_spellings_of_cancellation_are_listed_together() -> None:
    both = {"payment.canceled", "payment.cancelled", "invoice.canceled", "invoice.cancelled"}
    both |= {"receipt.canceled", "receipt.cancelled"}

    assert both == WebhookEventType.CANCELED_TYPES


def test_resource_is_the_part_before_the_first_dot() -> None:
    assert WebhookEventType.TEAMS_SAT_MANIFEST_SIGNED.resource == "teams"
    assert WebhookEventType.INVOICE_BATCH_COMPLETED.resource == "invoice_batch"
    assert WebhookEventType.CUSTOMER_DELETED.resource == "customer"
