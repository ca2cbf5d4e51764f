"""What goes on the wire: routes, encoding, query parameters, bodies, idempotency keys."""

from __future__ import annotations

import json

import pytest
import respx

from gigstack_async import Gigstack, capture_response
from gigstack_async.models import CancelInvoiceInput, RegisterPaymentInput
from tests.unit.conftest import envelope


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("hostile", "encoded"),
    [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("a?limit=1", "a%3Flimit%3D1"),
        ("x#frag", "x%23frag"),
        ("100%", "100%25"),
        ("ñandú ü", "%C3%B1and%C3%BA%20%C3%BC"),
    ],
)
async def test_hostile_ids_never_change_the_route(
    gs: Gigstack, router: respx.MockRouter, hostile: str, encoded: str
) -> None:
    route = router.get(url__regex=r".*").respond(200, json=envelope({"id": hostile}))
    client = await gs.clients.get(hostile)
    request = route.calls.last.request
    assert request.url.raw_path.decode() == f"/v2/clients/{encoded}"
    assert dict(request.url.params) == {}
    assert client.id == hostile


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("bad", "error"), [("", ValueError), ("  ", ValueError), (".", ValueError), ("..", ValueError),
                       (None, TypeError), (12, TypeError)]
)  # fmt: skip
async def test_bad_ids_fail_before_the_network(
    gs: Gigstack, router: respx.MockRouter, bad: object, error: type[Exception]
) -> None:
    route = router.route().respond(200, json=envelope({}))
    with pytest.raises(error):
        await gs.clients.get(bad)  # type: ignore[arg-type]
    assert not route.called


@pytest.mark.asyncio
async def test_team_travels_only_as_an_encoded_query_value(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/clients/c1").respond(200, json=envelope({"id": "c1"}))
    await gs.clients.get("c1", team="t&limit=5\r\nX-Evil: 1")
    request = route.calls.last.request
    assert list(request.url.params.keys()) == ["team"]
    assert request.url.params["team"] == "t&limit=5\r\nX-Evil: 1"
    assert "x-evil" not in request.headers


@pytest.mark.asyncio
async def test_query_parameters_use_wire_names_and_skip_none(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/invoices/income").respond(200, json=envelope([], has_more=False))
    await gs.invoices.income.list(limit=5, created_gte=1704067200, sort="asc", status=None)
    params = route.calls.last.request.url.params
    assert dict(params) == {"limit": "5", "created[gte]": "1704067200", "sort": "asc"}
    files = router.get("/invoices/inv_1/files").respond(200, json=envelope({"pdf": "https://x/p"}))
    await gs.invoices.files("inv_1", file_type="pdf")
    assert files.calls.last.request.url.params["file_type"] == "pdf"


@pytest.mark.asyncio
@pytest.mark.parametrize(("limit", "error"), [(0, ValueError), (101, ValueError), (True, TypeError),
                                              ("10", TypeError)])  # fmt: skip
async def test_limit_outside_1_to_100_fails_before_the_network(
    gs: Gigstack, router: respx.MockRouter, limit: object, error: type[Exception]
) -> None:
    route = router.route().respond(200, json=envelope([]))
    with pytest.raises(error, match="limit"):
        gs.clients.list(limit=limit)  # type: ignore[arg-type]
    assert not route.called


@pytest.mark.asyncio
async def test_unknown_keyword_is_refused(gs: Gigstack) -> None:
    with pytest.raises(TypeError):
        await gs.clients.get("c1", colour="red")  # type: ignore[call-arg]


@pytest.mark.asyncio
async def test_body_as_dict_or_model_sends_the_same_wire_keys(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.delete("/invoices/u-1").respond(200, json=envelope({"uuid": "u-1"}))
    await gs.invoices.cancel("u-1", {"motive": "01", "substitution_uuid": "u-2"})
    from_dict = json.loads(route.calls.last.request.content)
    await gs.invoices.cancel("u-1", CancelInvoiceInput(motive="02"))
    from_model = json.loads(route.calls.last.request.content)
    assert from_dict == {"motive": "01", "substitution_uuid": "u-2"}
    assert from_model == {"motive": "02"}
    assert route.calls.last.request.headers["content-type"] == "application/json"


@pytest.mark.asyncio
@pytest.mark.parametrize(("body", "error"), [(["motive"], TypeError), ("02", TypeError),
                                             ({}, ValueError)])  # fmt: skip
async def test_bad_bodies_fail_before_the_network(
    gs: Gigstack, router: respx.MockRouter, body: object, error: type[Exception]
) -> None:
    route = router.route().respond(200, json=envelope({}))
    with pytest.raises(error, match="CancelInvoiceInput"):
        await gs.invoices.cancel("u-1", body)  # type: ignore[arg-type]
    assert not route.called


@pytest.mark.asyncio
async def test_an_idempotency_key_is_minted_when_missing_and_a_callers_key_kept(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.post("/payments/register").respond(200, json=envelope({"id": "payment_1"}))
    body = {"client": {"id": "c1"}, "items": [{"id": "s1", "quantity": 1}], "payment_form": "03"}
    await gs.payments.register(body)
    minted = json.loads(route.calls.last.request.content)["idempotency_key"]
    assert len(minted) == 36 and "idempotency_key" not in body  # the caller's dict is untouched
    await gs.payments.register(body)
    assert json.loads(route.calls.last.request.content)["idempotency_key"] != minted
    await gs.payments.register({**body, "idempotency_key": "mine-1"})
    assert json.loads(route.calls.last.request.content)["idempotency_key"] == "mine-1"
    model = RegisterPaymentInput.from_dict(body)
    await gs.payments.register(model)
    assert json.loads(route.calls.last.request.content)["idempotency_key"]
    assert not model.idempotency_key  # the caller's model is untouched


@pytest.mark.asyncio
async def test_plain_posts_get_no_idempotency_key(gs: Gigstack, router: respx.MockRouter) -> None:
    route = router.post("/clients").respond(201, json=envelope({"id": "client_1"}))
    created = await gs.clients.create({"legal_name": "ACME", "tax_id": "AAA010101AAA"})
    assert created.id == "client_1"
    assert "idempotency_key" not in json.loads(route.calls.last.request.content)


@pytest.mark.asyncio
async def test_optional_body_may_be_left_out(gs: Gigstack, router: respx.MockRouter) -> None:
    route = router.post("/receipts/r1/stamp").respond(200, json=envelope({"uuid": "u"}))
    result = await gs.receipts.stamp("r1")
    assert route.calls.last.request.content == b""
    assert result.to_dict() == {"uuid": "u"}


@pytest.mark.asyncio
async def test_capture_response_exposes_the_raw_response(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/teams/t1/onboarding-url").respond(
        200, json=envelope("https://onboard.example/x"), headers={"x-request-id": "req_9"}
    )
    with capture_response() as raw:
        url = await gs.teams.onboarding_url("t1")
    assert url == "https://onboard.example/x"
    assert raw.response is not None and raw.response.headers["x-request-id"] == "req_9"
    assert "200" in repr(raw)
