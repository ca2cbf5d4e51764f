"""Flows through the public API against the fake for the operations beyond the core set:
drafts, searches, support documents, payment complements, SAT invoices and bulk download,
webhooks, and the newer team, user and payment calls."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

import pytest

from gigstack_async import (
    BadRequestError,
    Gigstack,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)

from . import bodies

PDF = b"%PDF-1.4\n% contrato firmado\n%%EOF\n"


def today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


async def drafts_flow(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    draft = await gs.invoices.drafts.create({"invoice_type": "I", "use": "G03"})
    assert draft.id.startswith("draft_") and draft.status == "draft" and draft.draft is True
    assert draft.client is None and draft.items is None
    with pytest.raises(UnprocessableEntityError) as incomplete:
        await gs.invoices.drafts.stamp(draft.id)
    assert incomplete.value.code == "business_rule_violation"

    completed = await gs.invoices.drafts.update(
        draft.id, {"client": {"id": client.id}, "items": [bodies.item(2000)], "payment_form": "03"}
    )
    assert (completed.client.id, completed.total, completed.use) == (client.id, 2320, "G03")
    assert [d.id for d in (await gs.invoices.drafts.list()).data] == [draft.id]
    assert (await gs.invoices.drafts.get(draft.id)).total == 2320
    preview = await gs.invoices.drafts.preview(draft.id)
    assert base64.b64decode(preview["pdf"]).startswith(b"%PDF")

    invoice = await gs.invoices.drafts.stamp(draft.id)
    assert (invoice.status, invoice.invoice_type, invoice.total) == ("stamped", "I", 2320)
    stamped = await gs.invoices.income.get(invoice.uuid)
    assert (stamped.client.id, stamped.payment_form) == (client.id, "03")
    with pytest.raises(NotFoundError):
        await gs.invoices.drafts.get(draft.id)  # the draft became the invoice

    spare = await gs.invoices.drafts.create({"invoice_type": "E"})
    await gs.invoices.drafts.delete(spare.id)
    assert (await gs.invoices.drafts.list()).data == []
    with pytest.raises(BadRequestError) as wrong_type:
        await gs.invoices.drafts.create({"invoice_type": "X"})
    assert wrong_type.value.code == "invalid_field_value"


async def searches_flow(gs: Gigstack) -> None:
    names = ["Abarrotes Norte", "Abarrotes Sur", "Ferretería Centro", "Abarrotes Poniente"]
    made = [await gs.clients.create(bodies.client(legal_name=name)) for name in names]
    first = await gs.clients.search(q="abarrotes", limit=2)
    assert (first.found, first.page, first.per_page, first.has_more) == (3, 1, 2, True)
    assert [c.legal_name for c in first.data] == ["Abarrotes Poniente", "Abarrotes Sur"]
    second = await first.next_page()
    assert second is not None and [c.id for c in second.data] == [made[0].id]
    assert second.has_more is False and await second.next_page() is None
    every = [client.id async for client in gs.clients.search(q="abarrotes", limit=1)]
    assert every == [made[3].id, made[1].id, made[0].id]
    assert (await gs.clients.search(q="ferreteria")).found == 0  # the accent is part of the text

    invoice = await gs.invoices.income.create(bodies.invoice(made[2].id))
    assert [i.uuid for i in (await gs.invoices.search(q=invoice.uuid)).data] == [invoice.uuid]
    paid = await gs.payments.register(bodies.payment(made[1].id, payment_form="03"))
    await gs.payments.request(bodies.payment(made[1].id))
    found = await gs.payments.search(q="abarrotes sur", status="succeeded")
    assert [p.id for p in found.data] == [paid.id]
    receipt = await gs.receipts.create(bodies.receipt(client={"id": made[0].id}))
    by_client = await gs.receipts.search(q="norte", fields="client.legal_name")
    assert [r.id for r in by_client.data] == [receipt.id]


async def support_documents_flow(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    document = await gs.clients.support_documents.upload(
        client.id, {"file": PDF, "documentType": "contract", "name": "Contrato 2025"}
    )
    assert document.id.startswith("doc_") and document.document_type == "contract"
    assert (document.file_size, document.mime_type) == (len(PDF), "application/pdf")
    listed = await gs.clients.support_documents.list(client.id)
    assert [(d.id, d.name) for d in listed] == [(document.id, "Contrato 2025")]
    assert document.file_url

    invoice = await gs.invoices.income.create(bodies.invoice(client.id))
    assert await gs.invoices.support_documents.list(invoice.uuid) == []
    await gs.invoices.support_documents.upload(invoice.uuid, {"file": PDF})
    assert len(await gs.invoices.support_documents.list(invoice.uuid)) == 1
    payment = await gs.payments.register(bodies.payment(client.id, payment_form="03"))
    proof = await gs.payments.support_documents.upload(
        payment.id, {"file": PDF, "documentType": "payment_proof"}
    )
    assert [d.id for d in await gs.payments.support_documents.list(payment.id)] == [proof.id]
    assert len(await gs.clients.support_documents.list(client.id)) == 1  # per record

    with pytest.raises(BadRequestError) as not_a_document:
        await gs.clients.support_documents.upload(client.id, {"file": b"just text"})
    assert not_a_document.value.code == "invalid_file_format"
    with pytest.raises(NotFoundError):
        await gs.payments.support_documents.upload("payment_missing", {"file": PDF})


async def complements_flow(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    payment = await gs.payments.register(
        bodies.payment(client.id, payment_form="03", automation_type="ppd_invoice_and_complement")
    )
    ppd = await gs.invoices.income.get(payment.invoice_id)
    assert (ppd.payment_method, ppd.payment_complements, ppd.last_balance) == ("PPD", 1, 0)
    complements = (await gs.invoices.payment.list(invoice_id=ppd.uuid)).data
    assert [c.invoice_type for c in complements] == ["P"]
    complement = await gs.invoices.payment.get(complements[0].uuid)
    assert complement.client.id == client.id and complement.series == "P"
    assert (await gs.invoices.payment.list(invoice_id="otro-uuid")).data == []
    with pytest.raises(NotFoundError):
        await gs.invoices.payment.get(ppd.uuid)  # an income invoice is not a complement

    sent = await gs.invoices.send_email(ppd.uuid, {})
    assert sent.recipients == [client.email] and sent.attachments == ["pdf", "xml"]
    other = await gs.invoices.send_email(ppd.uuid, {"emails": ["conta@empresa.mx"]})
    assert other.recipients == ["conta@empresa.mx"]


async def bulk_download_flow(gs: Gigstack) -> None:
    # A team of its own, so that the CFDI counted are only the ones made here.
    gs = gs.for_team((await gs.teams.create({"brand": {"alias": "Descargas"}})).id)
    status = await gs.invoices.bulk_download.status()
    assert (status.status, status.is_activated) == ("needs_activation", False)
    fiel = {"cert": b"CER", "key": b"KEY", "password": "secreta"}
    with pytest.raises(UnprocessableEntityError):
        await gs.invoices.bulk_download.upload_fiel(fiel)
    await gs.invoices.bulk_download.activate()
    assert (await gs.invoices.bulk_download.status()).status == "active"
    request = {"start_date": today(), "end_date": today(), "rfc_type": "issued"}
    with pytest.raises(UnprocessableEntityError):  # no FIEL yet
        await gs.invoices.bulk_download.create_request(request)
    registered = await gs.invoices.bulk_download.upload_fiel(fiel)
    assert registered.registered is True and registered.serial_number

    client = await gs.clients.create(bodies.client())
    invoice = await gs.invoices.income.create(bodies.invoice(client.id))
    created = await gs.invoices.bulk_download.create_request(request)
    assert (created["status"], created["invoiceCount"]) == ("completed", 1)
    await gs.invoices.bulk_download.create_request(
        {"start_date": today(), "end_date": today(), "request_type": "metadata"}
    )
    history = (await gs.invoices.bulk_download.requests()).history
    assert [r.rfc_type for r in history] == ["received", "issued"]  # newest first

    issued = await gs.invoices.sat.list(direction="issued")
    assert [s.uuid for s in issued] == [invoice.uuid] and issued[0].status == "vigente"
    assert issued[0].receiver.rfc == client.tax_id and issued[0].has_xml is True
    received = await gs.invoices.sat.list(direction="received", limit=1)
    rest = await gs.invoices.sat.list(direction="received", starting_after=received[0].id)
    assert len(received) == 1 and len(rest) == 1 and rest[0].uuid != received[0].uuid
    assert rest[0].has_xml is False  # a metadata request brings no XML
    retried = await gs.invoices.sat.retry_xml(rest[0].uuid)
    assert retried.credit_charged is True
    assert (await gs.invoices.sat.get(rest[0].uuid)).has_xml is True
    with pytest.raises(UnprocessableEntityError):
        await gs.invoices.sat.retry_xml(rest[0].uuid)
    assert (await gs.invoices.sat_pdf(invoice.uuid)).startswith(b"%PDF")

    long_range = {"start_date": "2025-01-01", "end_date": "2025-03-01"}
    with pytest.raises(BadRequestError):
        await gs.invoices.bulk_download.create_request(long_range)
    await gs.invoices.bulk_download.deactivate()
    assert (await gs.invoices.bulk_download.status()).status == "needs_activation"


async def webhooks_flow(gs: Gigstack) -> None:
    made = await gs.webhooks.create(
        {"url": "https://example.com/hooks", "events": ["invoice.created"], "description": "ERP"}
    )
    assert made.id.startswith("wh_") and made.status == "active"
    paused = await gs.webhooks.update(made.id, {"status": "inactive"})
    assert (paused.status, paused.url) == ("inactive", "https://example.com/hooks")
    second = await gs.webhooks.create({"url": "https://example.com/b", "events": []})
    assert [w.id for w in (await gs.webhooks.list(status="active")).data] == [second.id]
    first_page = await gs.webhooks.list(limit=1)
    assert first_page.has_more and first_page.next
    assert [w.id async for w in gs.webhooks.list(limit=1)] == [second.id, made.id]
    assert (await gs.webhooks.get(made.id)).description == "ERP"
    with pytest.raises(BadRequestError):
        await gs.webhooks.create({"url": "http://example.com/plain", "events": []})
    await gs.webhooks.delete(second.id)
    with pytest.raises(NotFoundError):
        await gs.webhooks.get(second.id)


async def teams_extras_flow(gs: Gigstack) -> None:
    home = gs.team or "team_default"
    team = await gs.teams.create({"brand": {"alias": "Sucursal Sur"}})
    assert (await gs.teams.integrations(team=team.id)).sat.completed is False
    await gs.teams.sat_connection(team.id, {"cert": b"CER", "key": b"KEY", "keyPass": "x"})
    assert (await gs.teams.integrations(team=team.id)).sat.completed is True
    signed = await gs.teams.sign_manifest(team.id, {"cer": "Q0VS", "key": "S0VZ", "password": "x"})
    assert signed["signed"] is True

    await gs.teams.delete(team.id)
    assert team.id not in [t.id for t in (await gs.teams.list()).data]
    with pytest.raises(PermissionDeniedError):
        await gs.clients.list(team=team.id)
    with pytest.raises(UnprocessableEntityError):
        await gs.teams.delete(home)

    user = await gs.users.create(bodies.user())
    link = await gs.users.login_link({"user_id": user.id})
    assert link["user_id"] == user.id and link["url"].startswith("http")
    with pytest.raises(NotFoundError):
        await gs.users.login_link({"user_id": "user_missing"})


async def payment_update_flow(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    payment = await gs.payments.register(bodies.payment(client.id, payment_form="03"))
    item_id = payment.items[0].id
    fixed = await gs.payments.update(
        payment.id,
        {"items": [{"id": item_id, "description": "Corregido"}], "client": {"phone": "555"}},
    )
    assert fixed["items"][0]["description"] == "Corregido" and fixed["total"] == 1160
    assert (await gs.clients.get(client.id)).phone == "555"
    invoiced = await gs.payments.update(payment.id, {"automation_type": "pue_invoice"})
    assert (await gs.invoices.income.get(invoiced["invoice_id"])).payment_method == "PUE"
    with pytest.raises(UnprocessableEntityError):
        await gs.payments.update(payment.id, {"automation_type": "pue_invoice"})
    with pytest.raises(BadRequestError):
        await gs.payments.update(payment.id, {"items": [{"id": "item_x", "description": "?"}]})
    unpaid = await gs.payments.request(bodies.payment(client.id))
    with pytest.raises(UnprocessableEntityError):
        await gs.payments.update(unpaid.id, {"items": [{"id": item_id}]})


EXTRA_FLOWS: list[Callable[[Gigstack], Awaitable[None]]] = [
    drafts_flow,
    searches_flow,
    support_documents_flow,
    complements_flow,
    bulk_download_flow,
    webhooks_flow,
    teams_extras_flow,
    payment_update_flow,
]
