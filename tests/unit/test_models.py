"""Tolerant parsing: unknown fields and codes are kept, catalogs are readable."""

from __future__ import annotations

import pytest
import respx

from gigstack_async import Gigstack, catalogs
from gigstack_async.models import Invoice
from tests.unit.conftest import envelope


@pytest.mark.asyncio
async def test_unknown_fields_and_catalog_codes_pass_through(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/invoices/income/u1").respond(
        200,
        json=envelope(
            {
                "uuid": "u1",
                "status": "stamped_v9",
                "payment_form": "77",
                "use": "Z99",
                "brand_new_field": {"nested": [1, 2]},
                "items": [{"description": "x", "taxes": [{"type": "IVA", "rate": 0.16}]}],
            }
        ),
    )
    invoice = await gs.invoices.income.get("u1")
    assert isinstance(invoice, Invoice)
    assert (invoice.payment_form, invoice.status) == ("77", "stamped_v9")
    assert invoice.additional_properties["use"] == "Z99"
    assert invoice.additional_properties["brand_new_field"] == {"nested": [1, 2]}
    assert invoice.to_dict()["brand_new_field"] == {"nested": [1, 2]}


def test_catalogs_are_read_only_mappings() -> None:
    assert catalogs.PAYMENT_METHOD["PUE"]
    with pytest.raises(TypeError):
        catalogs.PAYMENT_METHOD["XXX"] = "nope"  # type: ignore[index]
