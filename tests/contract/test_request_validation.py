"""Prism really validates requests: what the spec forbids is refused, so the accepted calls of
the other contract tests prove the SDK's requests match the spec."""

from __future__ import annotations

import httpx
import pytest

from gigstack_async import Gigstack, UnprocessableEntityError

from .conftest import API_KEY

pytestmark = [pytest.mark.contract, pytest.mark.asyncio]

AUTH = {"Authorization": f"Bearer {API_KEY}"}


def violations(response: httpx.Response) -> str:
    return response.headers.get("sl-violations", "")


async def test_a_wrong_typed_body_field_is_refused(http: httpx.AsyncClient, prism_url: str) -> None:
    response = await http.post(
        f"{prism_url}/clients", json={"legal_name": 5, "tax_id": "EMP010101AAA"}, headers=AUTH
    )
    assert response.status_code == 422
    assert "legal_name" in violations(response)


async def test_a_missing_required_body_field_is_refused(
    http: httpx.AsyncClient, prism_url: str
) -> None:
    body = {"client": {"id": "client_1"}, "items": [{"id": "service_1", "quantity": 1}]}
    response = await http.post(f"{prism_url}/payments/register", json=body, headers=AUTH)
    assert response.status_code == 422
    assert "payment_form" in violations(response)


async def test_an_out_of_range_query_parameter_is_refused(
    http: httpx.AsyncClient, prism_url: str
) -> None:
    response = await http.get(f"{prism_url}/clients", params={"limit": 1000}, headers=AUTH)
    assert response.status_code == 422
    assert "limit" in violations(response)


async def test_a_request_without_the_bearer_token_is_refused(
    http: httpx.AsyncClient, prism_url: str
) -> None:
    response = await http.get(f"{prism_url}/clients")
    assert response.status_code == 401


async def test_the_sdk_surfaces_prism_s_refusal_as_a_typed_error(gs: Gigstack) -> None:
    # The SDK passes catalog codes it does not know (open sets); the spec's enum refuses this one.
    with pytest.raises(UnprocessableEntityError) as caught:
        await gs.clients.create(
            {"legal_name": "ACME", "tax_id": "EMP010101AAA", "tax_system": "999"}
        )
    assert caught.value.status_code == 422
    assert "tax_system" in violations(caught.value.response)
