"""Uploads (multipart, read whole, size-capped), page-numbered searches, decoded results, and
resources three levels deep."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import httpx
import pytest
import respx

import gigstack_async as g
from gigstack_async import Gigstack
from gigstack_async._constants import MAX_UPLOAD_BYTES
from gigstack_async._generated.types import File
from gigstack_async.models import UploadSupportDocumentInput
from tests.unit.conftest import envelope

PDF = b"%PDF-1.7 support document"


def _parts(request: httpx.Request) -> bytes:
    return request.read()


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["bytes", "path", "file"])
async def test_an_upload_sends_the_file_as_multipart(
    gs: Gigstack, router: respx.MockRouter, tmp_path: Path, kind: str
) -> None:
    route = router.post("/payments/payment_1/support-documents").respond(
        200, json=envelope({"id": "doc_1", "name": "receipt.pdf"})
    )
    path = tmp_path / "receipt.pdf"
    path.write_bytes(PDF)
    file: object = {"bytes": PDF, "path": path, "file": io.BytesIO(PDF)}[kind]
    document = await gs.payments.support_documents.upload(
        "payment_1", {"file": file, "documentType": "invoice"}, extra_body={"note": "x"}
    )
    assert document.id == "doc_1"
    request = route.calls.last.request
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    body = _parts(request)
    assert PDF in body and b'name="documentType"' in body and b"invoice" in body
    assert b'name="note"' in body
    if kind == "path":
        assert b'filename="receipt.pdf"' in body and b"application/pdf" in body


@pytest.mark.asyncio
async def test_a_retried_upload_sends_the_same_bytes_again(
    gs: Gigstack, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/teams/team_1/sat-connection").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=envelope({}))]
    )
    upload = {"cert": io.BytesIO(b"CERT-BYTES"), "key": b"KEY-BYTES", "keyPass": "secret"}
    await gs.teams.sat_connection("team_1", upload)
    first, second = (_parts(call.request) for call in route.calls)
    assert route.call_count == 2
    for part in (b"CERT-BYTES", b"KEY-BYTES", b'name="keyPass"'):
        assert part in first and part in second


@pytest.mark.asyncio
async def test_a_file_over_the_limit_is_refused_before_the_network(
    gs: Gigstack, router: respx.MockRouter, tmp_path: Path
) -> None:
    route = router.route().respond(200, json=envelope({}))
    big = tmp_path / "big.pdf"
    big.write_bytes(b"0" * (MAX_UPLOAD_BYTES + 1))
    for value in (big, big.read_bytes(), io.BytesIO(big.read_bytes())):
        with pytest.raises(ValueError, match="larger than 10 MiB"):
            await gs.invoices.support_documents.upload("inv_1", {"file": value})
    with pytest.raises(FileNotFoundError):
        await gs.invoices.support_documents.upload("inv_1", {"file": tmp_path / "none.pdf"})
    with pytest.raises(TypeError, match="binary mode"):
        await gs.invoices.support_documents.upload("inv_1", {"file": io.StringIO("text")})
    with pytest.raises(ValueError, match="file"):
        await gs.invoices.support_documents.upload("inv_1", {"documentType": "invoice"})
    assert not route.called


@pytest.mark.asyncio
async def test_an_upload_body_may_be_its_model_with_a_file_named_and_typed(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.post("/clients/client_1/support-documents").respond(
        200, json=envelope({"id": "doc_1"})
    )
    file = File(payload=io.BytesIO(PDF), file_name="acta.pdf", mime_type="application/pdf")
    body = UploadSupportDocumentInput(file=file, name="Acta constitutiva")
    await gs.clients.support_documents.upload("client_1", body)
    sent = _parts(route.calls.last.request)
    assert PDF in sent and b'filename="acta.pdf"' in sent and b"Acta constitutiva" in sent
    assert body.file is file  # the caller's model is left as it was


@pytest.mark.asyncio
async def test_the_same_file_object_or_model_can_be_sent_twice(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.post("/clients/client_1/support-documents").respond(
        200, json=envelope({"id": "doc_1"})
    )
    stream = io.BytesIO(b"header " + PDF)
    stream.read(len(b"header "))  # the caller's position is where the file starts
    body = UploadSupportDocumentInput(file=File(payload=stream, file_name="acta.pdf"))
    await gs.clients.support_documents.upload("client_1", body)
    await gs.clients.support_documents.upload("client_1", {"file": stream})
    first, second = (_parts(call.request) for call in route.calls)
    assert PDF in first and PDF in second and b"header" not in first + second
    assert stream.tell() == len(b"header ")


@pytest.mark.asyncio
async def test_an_upload_of_another_kind_is_a_type_error_before_the_network(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.route().respond(200, json=envelope({}))
    with pytest.raises(TypeError, match="must be bytes, a file path or a binary file object"):
        await gs.clients.support_documents.upload("client_1", {"file": 42})
    with pytest.raises(TypeError, match="body must be a UploadSupportDocumentInput or a mapping"):
        await gs.clients.support_documents.upload("client_1", [("file", PDF)])  # type: ignore[arg-type]
    assert not route.called


def _search_page(ids: list[str], page: int, has_more: bool) -> httpx.Response:
    data = [{"id": i} for i in ids]
    return httpx.Response(
        200,
        json=envelope(data, page=page, per_page=2, found=5, has_more=has_more),
    )


@pytest.mark.asyncio
async def test_a_search_walks_numbered_pages_to_the_last(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/clients/search").mock(
        side_effect=[
            _search_page(["c1", "c2"], 1, True),
            _search_page(["c3", "c4"], 2, True),
            _search_page(["c5"], 3, False),
        ]
    )
    found = [c.id async for c in gs.clients.search(q="acme", limit=2)]
    assert found == ["c1", "c2", "c3", "c4", "c5"]
    pages = [call.request.url.params.get("page") for call in route.calls]
    assert pages == [None, "2", "3"]
    assert all(call.request.url.params["q"] == "acme" for call in route.calls)


@pytest.mark.asyncio
async def test_a_search_page_awaited_and_a_page_that_repeats_ends_the_walk(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    router.get("/payments/search").mock(
        side_effect=[
            _search_page(["p1", "p2"], 1, True),
            _search_page(["p1", "p2"], 1, True),  # the server ignored `page`
        ]
    )
    first = await gs.payments.search(q="x")
    assert (first.page, first.found, first.per_page, len(first)) == (1, 5, 2, 2)
    router.get("/payments/search").mock(
        side_effect=[_search_page(["p1", "p2"], 1, True), _search_page(["p1", "p2"], 1, True)]
    )
    assert [p.id async for p in gs.payments.search(q="x")] == ["p1", "p2"]


@pytest.mark.asyncio
async def test_the_sat_pdf_comes_back_as_bytes(gs: Gigstack, router: respx.MockRouter) -> None:
    encoded = base64.b64encode(PDF).decode()
    router.post("/invoices/sat/u-1/pdf").respond(200, json={"success": True, "pdf": encoded})
    assert await gs.invoices.sat_pdf("u-1") == PDF
    router.post("/invoices/sat/u-2/pdf").respond(200, json={"success": True, "pdf": "%%%"})
    with pytest.raises(g.APIResponseValidationError, match="base64"):
        await gs.invoices.sat_pdf("u-2")
    router.post("/invoices/sat/u-3/pdf").respond(200, json={"success": True})
    with pytest.raises(g.APIResponseValidationError, match="`pdf`"):
        await gs.invoices.sat_pdf("u-3")


@pytest.mark.asyncio
async def test_a_list_may_name_its_cursor_next_cursor(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/webhooks").mock(
        side_effect=[
            httpx.Response(200, json=envelope([{"id": "wh_1"}], has_more=True, next_cursor="k2")),
            httpx.Response(200, json=envelope([{"id": "wh_2"}], has_more=False)),
        ]
    )
    assert [w.id async for w in gs.webhooks.list()] == ["wh_1", "wh_2"]
    assert route.calls.last.request.url.params["next"] == "k2"


@pytest.mark.asyncio
async def test_resources_nest_as_the_spec_names_them(
    gs: Gigstack, router: respx.MockRouter
) -> None:
    route = router.get("/invoices/download/activate/status").respond(200, json=envelope({}))
    await gs.invoices.bulk_download.status()
    assert route.called
