"""Rules of the newer operations that need the fake itself: uploads retried after a failure,
teams that do not see each other's webhooks, and the multipart forms the fake refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from gigstack_async import Gigstack, NotFoundError
from gigstack_async.testing import FakeGigstack

from . import bodies

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"  # every byte value, CRLFs too
AUTH = {"Authorization": "Bearer sk_test_fake"}


@pytest_asyncio.fixture
async def http(fake: FakeGigstack) -> AsyncIterator[httpx.AsyncClient]:
    """Raw HTTP to the fake, for requests the SDK would never send."""
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport, base_url=fake.base_url) as client:
        yield client


@pytest.mark.asyncio
async def test_a_retried_upload_stores_one_document_with_the_same_bytes(
    fake: FakeGigstack, gs: Gigstack, http: httpx.AsyncClient
) -> None:
    client = await gs.clients.create(bodies.client())
    fake.fail_next(503)
    document = await gs.clients.support_documents.upload(
        client.id, {"file": PDF, "documentType": "contract"}
    )
    attempts = [r for r in fake.requests if r.operation_id == "clients_support_documents_upload"]
    assert [(r.status, r.injected) for r in attempts] == [(503, True), (200, False)]
    listed = await gs.clients.support_documents.list(client.id)
    assert [d.id for d in listed] == [document.id] and document.file_size == len(PDF)
    stored = await http.get(document.file_url)
    assert stored.status_code == 200 and stored.content == PDF


@pytest.mark.asyncio
async def test_webhooks_belong_to_their_team(fake: FakeGigstack) -> None:
    fake.add_team("team_norte")
    async with fake.client() as gs:
        norte = gs.for_team("team_norte")
        hook = await norte.webhooks.create({"url": "https://norte.mx/h", "events": []})
        assert (await gs.webhooks.list()).data == []
        with pytest.raises(NotFoundError):
            await gs.webhooks.get(hook.id)
        with pytest.raises(NotFoundError):
            await gs.webhooks.delete(hook.id)
        assert [w.id for w in (await norte.webhooks.list()).data] == [hook.id]


@pytest.mark.asyncio
async def test_a_search_page_past_the_end_is_empty_and_q_is_required(
    gs: Gigstack, http: httpx.AsyncClient
) -> None:
    await gs.clients.create(bodies.client(legal_name="Tienda Uno"))
    past = await gs.clients.search(q="tienda", page=3, limit=1)
    assert (past.data, past.found, past.page, past.has_more) == ([], 1, 3, False)
    refused = await http.get("/clients/search", headers=AUTH)
    assert refused.status_code == 400
    assert refused.json()["error"]["details"] == ["query/q: is required"]


def _error(response: httpx.Response) -> tuple[int, str, list[str]]:
    error = response.json()["error"]
    return response.status_code, error["code"], error.get("details", [])


@pytest.mark.asyncio
async def test_upload_forms_are_checked_against_the_spec(
    gs: Gigstack, http: httpx.AsyncClient
) -> None:
    client = await gs.clients.create(bodies.client())
    path = f"/clients/{client.id}/support-documents"
    no_file = await http.post(path, headers=AUTH, files={"name": (None, "Contrato")})
    assert _error(no_file)[:2] == (400, "validation_failed")
    assert any("'file' is a required property" in line for line in _error(no_file)[2])
    as_text = await http.post(path, headers=AUTH, files={"file": (None, "%PDF-1.4")})
    assert _error(as_text) == (
        400,
        "validation_failed",
        ["body/file: must be a file part (with a filename)"],
    )
    wrong_kind = {"file": ("a.pdf", PDF), "documentType": (None, "selfie")}
    assert _error(await http.post(path, headers=AUTH, files=wrong_kind))[:2] == (
        400,
        "validation_failed",
    )
    as_json = await http.post(path, headers=AUTH, json={"file": "JVBERi0="})
    assert _error(as_json)[:2] == (400, "invalid_request_body")
    huge = {"file": ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))}
    assert _error(await http.post(path, headers=AUTH, files=huge))[:2] == (
        400,
        "file_upload_error",
    )
    assert await gs.clients.support_documents.list(client.id) == []


@pytest.mark.asyncio
async def test_the_fiel_form_needs_every_file(gs: Gigstack, http: httpx.AsyncClient) -> None:
    await gs.invoices.bulk_download.activate()
    only_cert = {"cert": ("f.cer", b"CER"), "password": (None, "x")}
    response = await http.post("/invoices/download/fiel", headers=AUTH, files=only_cert)
    assert _error(response)[:2] == (400, "validation_failed")
    assert any("'key' is a required property" in line for line in _error(response)[2])
