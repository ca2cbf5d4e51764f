"""The documented error envelopes: 400 from the spec's own schemas, 401, 404, and odd requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
import pytest_asyncio

from gigstack_async import AuthenticationError, BadRequestError, Gigstack, NotFoundError
from gigstack_async.testing import FakeGigstack

from . import bodies

AUTH = {"Authorization": "Bearer sk_test_fake"}


@pytest_asyncio.fixture
async def http(fake: FakeGigstack) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake/v2") as client:
        yield client


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("call", "detail"),
    [
        ("services", "body/unit_price: -5 is less than the minimum of 0"),
        ("receipts", "body/items: [] should be non-empty"),
        ("clients", "body/tax_system: '999' is not one of"),
    ],
)
async def test_bodies_the_spec_rejects_are_400_validation_failed(
    call: str, detail: str, gs: Gigstack
) -> None:
    with pytest.raises(BadRequestError) as refused:
        if call == "services":
            await gs.services.create({"description": "x", "unit_price": -5})
        elif call == "receipts":
            await gs.receipts.create({"items": []})
        else:
            await gs.clients.create(bodies.client(tax_system="999"))
    error = refused.value
    assert (error.status_code, error.code) == (400, "validation_failed")
    assert any(line.startswith(detail) for line in error.body["error"]["details"])
    assert error.body["message"] == "Request validation failed"


@pytest.mark.asyncio
async def test_business_rules_answer_with_their_own_codes(gs: Gigstack) -> None:
    with pytest.raises(BadRequestError) as no_price:
        await gs.receipts.create({"items": [{"description": "Sin precio"}]})
    assert no_price.value.code == "missing_required_field"
    assert no_price.value.body["error"]["details"] == ["body/items/0/unit_price: is required"]
    with pytest.raises(BadRequestError) as no_client:
        await gs.invoices.income.create({"client": {}, "items": [bodies.item()]})
    assert no_client.value.code == "missing_required_field"
    client = await gs.clients.create(bodies.client())
    invoice = await gs.invoices.income.create(bodies.invoice(client.id))
    with pytest.raises(BadRequestError) as bad_type:
        await gs.invoices.files(invoice.uuid, file_type="zip")
    assert bad_type.value.code == "invalid_field_value"


@pytest.mark.asyncio
async def test_unknown_ids_are_404_resource_not_found(gs: Gigstack) -> None:
    lookups: list[Callable[[], Awaitable[object]]] = [
        lambda: gs.clients.get("client_nope"),
        lambda: gs.services.delete("service_nope"),
        lambda: gs.invoices.income.get("00000000-0000-4000-8000-000000000000"),
        lambda: gs.invoices.cancel("nope", {"motive": "02"}),
        lambda: gs.payments.refund("payment_nope", {"amount": 1}),
        lambda: gs.receipts.stamp("receipt_nope"),
        lambda: gs.teams.get("team_nope"),
        lambda: gs.teams.series.update("team_default", "Z", {"live": 2}),
        lambda: gs.users.get("user_nope"),
        lambda: gs.invoices.income.create(bodies.invoice("client_nope")),
        lambda: gs.invoices.income.create(bodies.invoice("x", items=[{"id": "service_nope"}])),
    ]
    for lookup in lookups:
        with pytest.raises(NotFoundError) as missing:
            await lookup()
        assert missing.value.code == "resource_not_found"


@pytest.mark.asyncio
async def test_a_hostile_id_stays_one_path_segment(fake: FakeGigstack, gs: Gigstack) -> None:
    await gs.clients.create(bodies.client())
    for hostile in ("a/b?c", "../clients", "%2e%2e", "client_1#x"):
        with pytest.raises(NotFoundError) as missing:
            await gs.clients.get(hostile)
        assert missing.value.message == f"Client {hostile!r} was not found"
    assert {r.operation_id for r in fake.requests[1:]} == {"clients_get"}


@pytest.mark.asyncio
async def test_keys_are_checked(fake: FakeGigstack, http: httpx.AsyncClient) -> None:
    for headers in ({}, {"Authorization": "sk_test_fake"}, {"Authorization": "Bearer wrong"}):
        response = await http.get("/clients", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    async with fake.client(api_key="sk_test_wrong") as gs:
        with pytest.raises(AuthenticationError):
            await gs.teams.list()


@pytest.mark.asyncio
async def test_malformed_requests(http: httpx.AsyncClient) -> None:
    sent = await http.post(
        "/clients", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}
    )
    assert (sent.status_code, sent.json()["error"]["code"]) == (400, "invalid_request_body")
    huge = await http.post(
        "/services", content=b'{"description": "x", "unit_price": 1e999}', headers=AUTH
    )
    assert huge.json()["error"]["code"] == "invalid_request_body"
    missing = await http.put("/clients/client_1", headers=AUTH)
    assert missing.json()["error"]["details"] == ["body: a JSON request body is required"]
    unknown = await http.get("/nothing/here", headers=AUTH)
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "resource_not_found")
    wrong_method = await http.patch("/clients", headers=AUTH)
    assert wrong_method.status_code == 405
    assert wrong_method.headers["content-type"] == "application/json"


@pytest.mark.asyncio
async def test_invoice_file_urls_serve_the_files(fake: FakeGigstack, gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    invoice = await gs.invoices.income.create(bodies.invoice(client.id))
    files = await gs.invoices.files(invoice.uuid)
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport) as plain:  # no key, like a storage link
        pdf = await plain.get(files.pdf)
        xml = await plain.get(files.xml)
        gone = await plain.get(files.xml.replace(invoice.uuid, "nope"))
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert f'UUID="{invoice.uuid}"'.encode() in xml.content and b'Total="1160.0"' in xml.content
    assert (gone.status_code, gone.json()["error"]["code"]) == (404, "file_not_found")
