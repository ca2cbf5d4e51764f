"""Services operations through the public API against Prism."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import Service, ServiceUpdateInput

from .recording import assert_lossless, wire_data
from .spec_examples import request_example

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]


async def test_services_list(gs: Gigstack) -> None:
    with capture_response() as raw:
        page = await gs.services.list(limit=25, sort="asc", created_lte=1700000000)
    assert isinstance(page, Page)
    (service,) = page.data
    assert isinstance(service, Service)
    assert service.id == "service_1234567890" and service.unit_price == 1000
    assert service.taxes and service.taxes[0].type_ == "IVA"
    assert_lossless(page, raw)


async def test_services_create_get_update_delete(spec, gs: Gigstack) -> None:
    with capture_response() as raw:
        created = await gs.services.create(request_example(spec, "services_create"))
    assert isinstance(created, Service) and isinstance(created.id, str)
    assert_lossless(created, raw)

    with capture_response() as raw:
        fetched = await gs.services.get("service_1234567890")
    assert isinstance(fetched, Service)
    assert_lossless(fetched, raw)

    with capture_response() as raw:
        updated = await gs.services.update(
            "service_1234567890", ServiceUpdateInput(unit_price=1750.0, unit_name="Servicio")
        )
    assert isinstance(updated, Service)
    assert_lossless(updated, raw)

    with capture_response() as raw:
        deleted = await gs.services.delete("service_1234567890")
    assert deleted == wire_data(raw)
