"""Dict bodies are checked against the spec before anything is sent: a misspelt key is refused
with the closest known key, a wrong value type and a missing required key too."""

from __future__ import annotations

import json
from typing import Any

import pytest
import respx

from gigstack_async import Gigstack
from gigstack_async._body_check import check_body
from gigstack_async.models import Item, Tax
from tests.unit.conftest import envelope


def invoice(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": {"id": "client_1"},
        "items": [
            {
                "description": "Consultoría",
                "quantity": 1,
                "unit_price": 100,
                "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa"}],
            }
        ],
        "payment_form": "03",
    }
    body.update(changes)
    return body


TYPOS = [
    (
        invoice(items=[{"description": "x", "taxes": [{"type": "IVA", "rat": 0.16}]}]),
        r"unknown key 'rat' in items\[0\]\.taxes\[0\]: Tax has no such field; "
        r"did you mean 'rate'\?",
    ),
    (
        {**invoice(), "paymnet_form": "03"},
        r"unknown key 'paymnet_form': InvoiceIncomeInput .*did you mean 'payment_form'\?",
    ),
    (
        invoice(client={"tax_idd": "EKU9003173C9", "legal_name": "ESCUELA"}),
        r"unknown key 'tax_idd' in client: .*did you mean 'tax_id'\?",
    ),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("body", "message"), TYPOS)
async def test_a_misspelt_key_is_refused_before_the_network(
    gs: Gigstack, router: respx.MockRouter, body: dict[str, Any], message: str
) -> None:
    route = router.route().respond(200, json=envelope({"uuid": "u1"}))
    with pytest.raises(ValueError, match=message):
        await gs.invoices.income.create(body)  # type: ignore[arg-type]
    assert not route.called


@pytest.mark.asyncio
async def test_a_wrong_value_type_is_a_type_error_and_a_missing_key_a_value_error(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.route().respond(200, json=envelope({"uuid": "u1"}))
    wrong = invoice(items=[{"description": "x", "quantity": "1"}])
    with pytest.raises(TypeError, match=r"^items\[0\]\.quantity: expected number or null, got"):
        await gs.invoices.income.create(wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^payment_form: expected string, got boolean"):
        await gs.invoices.income.create(invoice(payment_form=True))  # type: ignore[arg-type]
    no_client = invoice()
    del no_client["client"]
    with pytest.raises(ValueError, match=r"missing the required key.*'client'"):
        await gs.invoices.income.create(no_client)  # type: ignore[arg-type]
    assert not route.called


@pytest.mark.asyncio
async def test_a_correct_body_goes_out_as_given_and_models_may_sit_inside_it(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.post("/invoices/income").respond(200, json=envelope({"uuid": "u1"}))
    item = Item(description="Consultoría", quantity=1.0, taxes=[Tax(type_="IVA", rate=0.16)])
    await gs.invoices.income.create(invoice(items=[item]))  # type: ignore[arg-type]
    sent = json.loads(route.calls.last.request.content)
    assert sent["items"] == [
        {"description": "Consultoría", "quantity": 1.0, "taxes": [{"type": "IVA", "rate": 0.16}]}
    ]
    assert sent["client"] == {"id": "client_1"} and sent["payment_form"] == "03"


def test_open_schemas_accept_keys_they_do_not_list_and_unknown_schemas_are_an_error() -> None:
    check_body("TeamSettingsInput", {"taxes": [{"type": "IVA", "anything": 1}]})
    with pytest.raises(LookupError):
        check_body("NoSuchInput", {})


@pytest.mark.asyncio
async def test_a_body_of_open_fields_goes_out_with_any_key(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    # The manifest body declares no field names: every key the caller gives is sent.
    route = router.post("/teams/team_1/manifest/sign").respond(200, json=envelope({}))
    await gs.teams.sign_manifest("team_1", {"cer": "Q0VS", "key": "S0VZ", "password": "x"})
    assert json.loads(route.calls.last.request.content) == {
        "cer": "Q0VS",
        "key": "S0VZ",
        "password": "x",
    }
