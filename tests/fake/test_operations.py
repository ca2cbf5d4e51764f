"""Every operation of the spec, called through the public `Gigstack` API against the fake."""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable

import pytest

from gigstack_async import (
    BadRequestError,
    Gigstack,
    NotFoundError,
    UnprocessableEntityError,
    capture_response,
)
from gigstack_async._generated.registry import OPERATIONS
from gigstack_async.testing import FakeGigstack
from gigstack_async.testing._resources import generic_operations
from tests.operations import SPEC, path_parameters

from . import bodies, generic_pass
from .extras_flows import EXTRA_FLOWS


async def clients_flow(gs: Gigstack) -> None:
    with capture_response() as raw:
        client = await gs.clients.create(bodies.client())
    assert raw.response is not None and raw.response.status_code == 201
    assert client.id.startswith("client_") and client.tax_system == "601"
    assert (await gs.clients.get(client.id)).legal_name == "Empresa Demo SA de CV"

    updated = await gs.clients.update(client.id, {"phone": "+52 55 1234 5678"})
    assert updated.phone == "+52 55 1234 5678" and updated.legal_name == client.legal_name
    assert client.id in [c.id for c in (await gs.clients.list(limit=100)).data]

    # Upsert: a search that matches returns the existing client (200), updated on request.
    search = {"on_key": "tax_id", "on_value": "EDE010101AB1", "update": True}
    with capture_response() as raw:
        same = await gs.clients.create({"legal_name": "Empresa Nueva SA", "search": search})
    assert raw.response is not None and raw.response.status_code == 200
    assert same.id == client.id and same.legal_name == "Empresa Nueva SA"

    validation = await gs.clients.validate(client.id)
    assert validation is not None and validation.to_dict() == {
        "id": client.id,
        "is_valid": True,
        "errors": [],
    }
    checked = await gs.clients.get(client.id)
    assert checked.is_valid is True and checked.efos_status == "valid"
    sloppy = await gs.clients.create({"legal_name": "Sin RFC"})
    result = await gs.clients.validate(sloppy.id)
    assert result["is_valid"] is False and "tax_id is not a valid RFC" in result["errors"]

    portal = await gs.clients.customer_portal({"id": client.id})
    assert portal.session_id.startswith("otpcustomerportal_")
    assert portal.expires_at > time.time() * 1000  # milliseconds
    assert (await gs.clients.customer_portal({"email": client.email})).url

    first = await gs.receipts.create(bodies.receipt(client={"id": client.id}))
    second = await gs.receipts.create(bodies.receipt(client={"id": client.id}))
    other = await gs.receipts.create(bodies.receipt())
    summary = await gs.clients.stamp_pending_receipts(client.id)
    assert (summary.stamped, summary.failed, summary.remaining) == (2, 0, 0)
    assert {r.id for r in summary.results} == {first.id, second.id}
    assert (await gs.receipts.get(first.id)).status == "invoiced"
    assert (await gs.receipts.get(other.id)).status == "pending"

    assert (await gs.clients.delete(sloppy.id))["deleted"] is True
    with pytest.raises(NotFoundError) as missing:
        await gs.clients.get(sloppy.id)
    assert missing.value.code == "resource_not_found"


async def services_flow(gs: Gigstack) -> None:
    service = await gs.services.create(
        {
            "description": "Hosting mensual",
            "unit_price": 250,
            "sku": "HOST-1",
            "taxes": [bodies.IVA_16],
        }
    )
    assert service.id.startswith("service_")
    assert (await gs.services.get(service.id)).unit_price == 250
    assert (await gs.services.update(service.id, {"unit_price": 300})).unit_price == 300
    assert [s.id for s in (await gs.services.list()).data] == [service.id]

    # An item naming a service takes its price and taxes from it.
    client = await gs.clients.create(bodies.client())
    invoice = await gs.invoices.income.create(
        bodies.invoice(client.id, items=[{"id": service.id, "quantity": 2}])
    )
    assert (invoice.subtotal, invoice.taxes, invoice.total) == (600, 96, 696)
    by_sku = {"search": {"on_key": "sku", "on_value": "HOST-1"}, "quantity": 1}
    invoice = await gs.invoices.income.create(bodies.invoice(client.id, items=[by_sku]))
    assert invoice.total == 348

    await gs.services.delete(service.id)
    with pytest.raises(NotFoundError):
        await gs.services.get(service.id)


async def invoices_flow(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    invoice = await gs.invoices.income.create(bodies.invoice(client.id))
    assert uuid.UUID(invoice.uuid).version == 4
    assert (invoice.status, invoice.invoice_type, invoice.series) == ("stamped", "I", "A")
    assert (invoice.subtotal, invoice.taxes, invoice.total) == (1000, 160, 1160)
    assert invoice.client.id == client.id
    following = await gs.invoices.income.create(bodies.invoice(client.id))
    assert following.folio_number == invoice.folio_number + 1

    assert (await gs.invoices.income.get(invoice.uuid)).total == 1160
    listed = await gs.invoices.income.list(client_id=client.id)
    assert [i.uuid for i in listed.data] == [following.uuid, invoice.uuid]  # newest first

    files = await gs.invoices.files(invoice.uuid)
    assert files.pdf.endswith(f"{invoice.uuid}.pdf") and files.xml.endswith(".xml")
    only_xml = await gs.invoices.files(invoice.uuid, file_type="xml")
    assert only_xml.xml and not only_xml.pdf

    related = [{"relationship": "01", "documents": [invoice.uuid]}]
    credit = await gs.invoices.egress.create(
        bodies.invoice(client.id, items=[bodies.item(100)], use="G02", related_documents=related)
    )
    assert (credit.invoice_type, credit.series, credit.status) == ("E", "E", "stamped")
    assert (await gs.invoices.egress.get(credit.uuid)).total == 116
    assert [i.uuid for i in (await gs.invoices.egress.list()).data] == [credit.uuid]
    with pytest.raises(NotFoundError):
        await gs.invoices.income.get(credit.uuid)  # an egress invoice is not an income one

    with pytest.raises(BadRequestError) as refused:
        await gs.invoices.cancel(invoice.uuid, {"motive": "01"})
    assert refused.value.code == "validation_failed"
    canceled = await gs.invoices.cancel(invoice.uuid, {"motive": "02"})
    assert canceled.status == "canceled"
    assert (await gs.invoices.cancel(invoice.uuid, {"motive": "02"})).status == "canceled"
    replaced = await gs.invoices.cancel(
        following.uuid, {"motive": "01", "substitution_uuid": credit.uuid}
    )
    assert replaced.status == "canceled"
    assert len((await gs.invoices.income.list(status="canceled", client_id=client.id)).data) == 2


async def payments_flow(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client())
    requested = await gs.payments.request(bodies.payment(client.id))
    assert requested.id.startswith("payment_") and requested.status == "requires_payment_method"
    assert requested.short_url and requested.total == 1160 and requested.client.id == client.id

    paid = await gs.payments.mark_paid(requested.id, {"payment_form": "03"})
    assert paid.status == "succeeded" and paid.payment_form == "03"
    with pytest.raises(UnprocessableEntityError):
        await gs.payments.mark_paid(requested.id, {"payment_form": "03"})

    partial = await gs.payments.refund(requested.id, {"amount": 160, "reason": "descuento"})
    assert partial.status == "succeeded" and [r.amount for r in partial.refunds] == [160]
    with pytest.raises(UnprocessableEntityError) as too_much:
        await gs.payments.refund(requested.id, {"amount": 5000})
    assert too_much.value.code == "business_rule_violation"
    assert (await gs.payments.refund(requested.id, {"amount": 1000})).status == "refunded"

    registered = await gs.payments.register(
        bodies.payment(client.id, payment_form="01", automation_type="pue_invoice")
    )
    assert registered.status == "succeeded" and registered.invoice_id
    stamped = await gs.invoices.income.get(registered.invoice_id)
    assert (stamped.payment_method, stamped.total) == ("PUE", 1160)

    unpaid = await gs.payments.request(bodies.payment(client.id))
    assert (await gs.payments.cancel(unpaid.id)).status == "canceled"
    with pytest.raises(UnprocessableEntityError):
        await gs.payments.cancel(registered.id)

    assert (await gs.payments.get(registered.id)).id == registered.id
    succeeded = (await gs.payments.list(status="succeeded")).data
    assert [p.id for p in succeeded] == [registered.id]


async def receipts_flow(gs: Gigstack) -> None:
    receipt = await gs.receipts.create(bodies.receipt(periodicity="week"))
    assert receipt.id.startswith("receipt_") and receipt.status == "pending"
    assert receipt.url and receipt.total == 580 and receipt.client is None
    assert receipt.valid_until - receipt.created == 7 * 24 * 3600

    assert (await gs.receipts.get(receipt.id)).total == 580
    assert receipt.id in [r.id for r in (await gs.receipts.list(limit=100)).data]

    invoice = await gs.receipts.stamp(receipt.id, {"stamp_to": "general_public_national"})
    assert invoice["client"]["tax_id"] == "XAXX010101000" and invoice["total"] == 580
    stamped = await gs.receipts.get(receipt.id)
    assert stamped.status == "invoiced" and stamped.invoice_id == invoice["uuid"]
    with pytest.raises(UnprocessableEntityError):
        await gs.receipts.stamp(receipt.id)
    with pytest.raises(UnprocessableEntityError):
        await gs.receipts.cancel(receipt.id)

    spare = await gs.receipts.create(bodies.receipt())
    assert (await gs.receipts.cancel(spare.id))["status"] == "canceled"


async def teams_flow(gs: Gigstack) -> None:
    home = gs.team or "team_default"
    assert home in [t.id for t in (await gs.teams.list()).data]
    assert (await gs.teams.get(home)).id == home
    renamed = await gs.teams.update(home, {"brand": {"alias": "Demo", "primary_color": "#123"}})
    assert renamed.brand.alias == "Demo" and renamed.name == "Demo"

    team = await gs.teams.create(
        {"brand": {"alias": "Sucursal Norte"}, "tax_system": "601", "generate_onboarding_url": True}
    )
    assert team.id.startswith("team_") and team.onboarding_url
    first = await gs.teams.onboarding_url(team.id)
    assert isinstance(first, str) and first != await gs.teams.onboarding_url(team.id)
    integrations = await gs.teams.integrations()
    assert integrations.sat.provider == "sat" and integrations.stripe.completed is False

    series = await gs.teams.series.create(home, {"series": "F", "live": 1, "test": 100})
    assert (series.series, series.test) == ("F", 100)
    assert "F" in [s.series for s in await gs.teams.series.list(home)]
    assert (await gs.teams.series.update(home, "F", {"test": 500})).test == 500
    client = await gs.clients.create(bodies.client())
    invoice = await gs.invoices.income.create(bodies.invoice(client.id, series="F"))
    assert invoice.folio_number == 500  # test keys use the test counter

    await gs.teams.settings.update(
        home, {"pdf_language": "en", "emails": {"avoid_invoice_emails": True}}
    )
    await gs.teams.settings.update(home, {"emails": {}, "product_key": "80101500"})
    settings = (await gs.teams.get(home)).settings
    assert (settings.pdf_language, settings.product_key) == ("en", "80101500")
    assert settings.emails.avoid_invoice_emails is True

    user = await gs.users.create(bodies.user())
    added = await gs.teams.members.add(team.id, {"id": user.id, "role": "editor"})
    assert added is not None and added.to_dict() == {}
    memberships = (await gs.users.get(user.id)).teams
    assert [(m.team_id, m.role) for m in memberships] == [(team.id, "editor")]
    removed = await gs.teams.members.remove(team.id, {"id": user.id})
    assert removed is not None and removed.to_dict() == {}
    with pytest.raises(NotFoundError):
        await gs.teams.members.remove(team.id, {"id": user.id})


async def users_flow(gs: Gigstack) -> None:
    user = await gs.users.create(bodies.user(auto_join=True, role="admin"))
    assert user.id.startswith("user_") and user.invitation_sent is True
    assert [m.role for m in user.teams] == ["admin"]
    assert (await gs.users.get(user.id)).email == user.email
    assert user.id in [u.id for u in (await gs.users.list(limit=100)).data]
    assert (await gs.users.update(user.id, {"last_name": "Pérez"})).last_name == "Pérez"
    assert (await gs.users.reset_password({"email": user.email}))["sent"] is True
    with pytest.raises(NotFoundError):
        await gs.users.reset_password({"email": "nadie@empresa.mx"})


FLOWS: list[Callable[[Gigstack], Awaitable[None]]] = [
    clients_flow,
    services_flow,
    invoices_flow,
    payments_flow,
    receipts_flow,
    teams_flow,
    users_flow,
    *EXTRA_FLOWS,
]


@pytest.mark.asyncio
@pytest.mark.parametrize("flow", FLOWS, ids=lambda flow: flow.__name__)
async def test_flow(flow: Callable[[Gigstack], Awaitable[None]], gs: Gigstack) -> None:
    await flow(gs)


@pytest.mark.asyncio
async def test_every_operation_of_the_spec_answers_through_the_sdk(fake: FakeGigstack) -> None:
    async with fake.client() as gs:
        for flow in FLOWS:
            await flow(gs)
        flowed = {r.operation_id for r in fake.requests if 200 <= r.status < 300}
        failures = await generic_pass.call_each(gs, set(OPERATIONS) - flowed)
    assert failures == {}
    succeeded = {r.operation_id for r in fake.requests if 200 <= r.status < 300}
    assert succeeded == set(OPERATIONS)
    assert set(OPERATIONS) == set(SPEC.operations)


@pytest.mark.asyncio
async def test_plain_crud_operations_answer_without_a_flow(fake: FakeGigstack) -> None:
    """The generic pass alone, on an empty fake, answers every operation the generic CRUD
    handlers serve, where it can make the records they address itself."""
    plain = generic_operations(SPEC)
    made_plainly = {
        generic_pass.collection_path(op_id) for op_id in plain if generic_pass.creates(op_id)
    }
    expected = {
        op_id
        for op_id in plain
        if not path_parameters(op_id) or generic_pass.collection_path(op_id) in made_plainly
    }
    assert expected  # services are plain CRUD today
    async with fake.client() as gs:
        failures = await generic_pass.call_each(gs, expected)
    assert failures == {}
    succeeded = {r.operation_id for r in fake.requests if 200 <= r.status < 300}
    assert succeeded == expected
