"""Services against Prism, beyond the round trip of tests/contract/test_every_operation.py."""

from __future__ import annotations

import pytest

from gigstack_async import Gigstack, Page, capture_response
from gigstack_async.models import Service

from .recording import assert_lossless

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
