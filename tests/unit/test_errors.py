"""Every failure becomes a typed `GigstackError`, with gigstack's machine code when there is one."""

from __future__ import annotations

import httpx
import pytest
import respx

import gigstack_async as g
from gigstack_async import Gigstack
from tests.unit.conftest import envelope

STATUSES = [
    (400, g.BadRequestError),
    (401, g.AuthenticationError),
    (403, g.PermissionDeniedError),
    (404, g.NotFoundError),
    (409, g.ConflictError),
    (422, g.UnprocessableEntityError),
    (429, g.RateLimitError),
    (500, g.InternalServerError),
    (502, g.InternalServerError),
    (418, g.APIStatusError),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("status", "cls"), STATUSES)
async def test_status_maps_to_its_exception_with_code_from_the_error_object(
    router: respx.MockRouter, status: int, cls: type[g.APIStatusError]
) -> None:
    body = {"success": False, "error": {"code": "validation_failed", "message": "tax_id invalid"}}
    router.get("/clients/c1").respond(status, json=body)
    async with Gigstack(api_key="k", max_retries=0) as gs:
        with pytest.raises(cls) as info:
            await gs.clients.get("c1")
    error = info.value
    assert type(error) is cls
    assert (error.status_code, error.code, error.message) == (
        status,
        "validation_failed",
        "tax_id invalid",
    )
    assert error.body == body and error.response.status_code == status


@pytest.mark.asyncio
async def test_code_string_shape(gs: Gigstack, router: respx.MockRouter) -> None:
    router.get("/clients/c1").respond(
        404, json={"message": "Client not found", "error": "resource_not_found"}
    )
    with pytest.raises(g.NotFoundError) as info:
        await gs.clients.get("c1")
    assert (info.value.code, info.value.message) == ("resource_not_found", "Client not found")


@pytest.mark.asyncio
async def test_free_text_error_string_becomes_the_message(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/clients/c1").respond(400, json={"error": "Specific error details"})
    with pytest.raises(g.BadRequestError) as info:
        await gs.clients.get("c1")
    assert (info.value.code, info.value.message) == (None, "Specific error details")


@pytest.mark.asyncio
async def test_success_false_on_a_2xx_is_an_error(gs: Gigstack, router: respx.MockRouter) -> None:
    router.get("/clients/c1").respond(
        200, json={"success": False, "error": {"code": "cfdi_service_error", "message": "PAC down"}}
    )
    with pytest.raises(g.APIStatusError) as info:
        await gs.clients.get("c1")
    assert (info.value.status_code, info.value.code) == (200, "cfdi_service_error")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "content",
    [b"<html><body>Bad gateway</body></html>", b"", b'{"message": "ok", "data": {"id": "c'],
)
async def test_unreadable_2xx_bodies_are_response_validation_errors(
    gs: Gigstack, router: respx.MockRouter, content: bytes
) -> None:
    router.get("/clients/c1").respond(200, content=content, headers={"content-type": "text/html"})
    with pytest.raises(g.APIResponseValidationError) as info:
        await gs.clients.get("c1")
    assert info.value.body == content.decode() and info.value.status_code == 200


@pytest.mark.asyncio
async def test_data_of_the_wrong_shape_is_a_response_validation_error(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/clients/c1").respond(200, json=envelope("not a client"))
    with pytest.raises(g.APIResponseValidationError, match="GigstackClient"):
        await gs.clients.get("c1")
    router.get("/clients").respond(200, json=envelope({"id": "x"}))
    with pytest.raises(g.APIResponseValidationError, match="list"):
        await gs.clients.list()


@pytest.mark.asyncio
async def test_a_wrong_value_inside_data_is_named_by_its_path_from_the_body(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    client = {"id": "c1", "address": {"city": 37160}}
    router.get("/clients/c1").respond(200, json=envelope(client))
    with pytest.raises(g.APIResponseValidationError, match=r"data\.address\.city: expected string"):
        await gs.clients.get("c1")
    router.get("/clients/c1").respond(200, json=envelope({"address": {}}))
    with pytest.raises(g.APIResponseValidationError, match=r"data\.id: required field is missing"):
        await gs.clients.get("c1")


@pytest.mark.asyncio
async def test_an_undeclared_success_status_is_a_response_validation_error(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/clients/c1").respond(204)
    with pytest.raises(g.APIResponseValidationError, match=r"GigstackClient .*\(HTTP 204\)"):
        await gs.clients.get("c1")


@pytest.mark.asyncio
async def test_a_bodiless_success_is_fine_where_no_model_is_promised(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.delete("/clients/c1").respond(204)
    assert await gs.clients.delete("c1") is None
    router.get("/teams/t1/series").respond(204)
    assert await gs.teams.series.list("t1") == []


@pytest.mark.asyncio
async def test_html_error_page_and_odd_status(router: respx.MockRouter) -> None:
    router.get("/clients/c1").respond(520, content=b"<html><h1>Web server is down</h1></html>")
    async with Gigstack(api_key="k", max_retries=0) as gs:
        with pytest.raises(g.InternalServerError) as info:
            await gs.clients.get("c1")
    assert info.value.status_code == 520 and info.value.code is None
    assert "Web server is down" in info.value.message


@pytest.mark.asyncio
async def test_empty_error_body_uses_the_reason_phrase(router: respx.MockRouter) -> None:
    router.get("/clients/c1").respond(403)
    async with Gigstack(api_key="k", max_retries=0) as gs:
        with pytest.raises(g.PermissionDeniedError, match="Forbidden"):
            await gs.clients.get("c1")


@pytest.mark.asyncio
async def test_transport_errors_are_connection_errors(router: respx.MockRouter) -> None:
    router.get("/clients/c1").mock(side_effect=httpx.ConnectError("refused"))
    router.get("/clients/c2").mock(side_effect=httpx.ReadTimeout("slow"))
    async with Gigstack(api_key="k", max_retries=0) as gs:
        with pytest.raises(g.APIConnectionError) as info:
            await gs.clients.get("c1")
        assert not isinstance(info.value, g.APITimeoutError)
        assert isinstance(info.value.__cause__, httpx.ConnectError)
        with pytest.raises(g.APITimeoutError) as timeout:
            await gs.clients.get("c2")
        assert isinstance(timeout.value.__cause__, httpx.ReadTimeout)


@pytest.mark.asyncio
async def test_an_empty_transport_message_still_says_what_happened(
    router: respx.MockRouter,
) -> None:
    router.get("/clients/c1").mock(side_effect=httpx.ReadError(""))
    async with Gigstack(api_key="k", max_retries=0) as gs:
        with pytest.raises(g.APIConnectionError, match="ReadError: the connection failed"):
            await gs.clients.get("c1")
