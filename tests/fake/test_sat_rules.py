"""The SAT rules of CFDI 4.0 the fake enforces when stamping and cancelling, as a user of the SDK
meets them: the error class, `err.code`, the message and the field in `error.details`."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gigstack_async import BadRequestError, Gigstack, NotFoundError
from gigstack_async.testing import FakeGigstack

from . import bodies

AUTH = {"Authorization": "Bearer sk_test_fake"}
MORAL_RFC = "EDE010101AB1"  # 12 characters: a company
FISICA_RFC = "LOPA800101AB1"  # 13 characters: a person
RFC_RULE = (
    "is not valid: a persona moral's has 12 characters (3 letters, a YYMMDD date, a 3-character"
    " homoclave), a persona física's 13 (4 letters, date, homoclave); use XAXX010101000 for the"
    " general public, XEXX010101000 for a foreign receiver"
)


def _with(body: dict[str, Any], changes: dict[str, Any]) -> Any:
    """`body` with `changes`, a None removing its key."""
    merged = {**body, **changes}
    return {key: value for key, value in merged.items() if value is not None}


async def stamp_for(gs: Gigstack, client: dict[str, Any], **invoice: Any) -> Any:
    """An income invoice to a client stored with `client`'s fiscal data (a None removes a
    field of the test's realistic defaults)."""
    stored = await gs.clients.create(_with(bodies.client(), client))
    return await gs.invoices.income.create(_with(bodies.invoice(stored.id), invoice))


async def refusal(gs: Gigstack, client: dict[str, Any], **invoice: Any) -> BadRequestError:
    with pytest.raises(BadRequestError) as refused:
        await stamp_for(gs, client, **invoice)
    return refused.value


def details(error: BadRequestError) -> list[str]:
    return list(error.body["error"]["details"])


# --- RFC format ----------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "rfc",
    [
        "EDE01010AB1",  # 11 characters
        "LOPAZ800101AB1",  # 14 characters
        "EDE011301AB1",  # month 13
        "LOPA800230AB1",  # 30 February
        "ED1010101AB1",  # a digit among the letters
        "EDE010101-B1",  # a symbol in the homoclave
    ],
)
async def test_a_malformed_rfc_is_refused_at_stamping(gs: Gigstack, rfc: str) -> None:
    error = await refusal(gs, {"tax_id": rfc, "tax_system": "601"})
    assert (error.status_code, error.code) == (400, "invalid_field_value")
    assert error.message == f"RFC {rfc!r} {RFC_RULE}"
    assert details(error) == [f"client.tax_id: RFC {rfc!r} {RFC_RULE}"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("rfc", "regime", "use"),
    [
        (MORAL_RFC, "601", "G03"),
        (FISICA_RFC, "612", "G03"),
        (FISICA_RFC, "605", "D01"),
        ("EKU9003173C9", "601", "G01"),  # the SAT's own test RFC
        ("ÑAÑ&900101AB1", "626", "G03"),  # Ñ and & are letters of RFCs
        ("ede010101ab1", "601", "G03"),  # case is not held against the caller
        ("XAXX010101000", "616", "S01"),
        ("XEXX010101000", "616", "S01"),
    ],
)
async def test_well_formed_receivers_are_stamped(
    gs: Gigstack, rfc: str, regime: str, use: str
) -> None:
    invoice = await stamp_for(gs, {"tax_id": rfc, "tax_system": regime, "use": use}, use=use)
    assert invoice.status == "stamped" and invoice.client.tax_id == rfc


@pytest.mark.asyncio
async def test_an_inline_client_is_checked_too(gs: Gigstack) -> None:
    inline = {"legal_name": "Sin Homoclave SA", "tax_id": "SHO010101", "tax_system": "601"}
    with pytest.raises(BadRequestError) as refused:
        await gs.invoices.income.create({"client": inline, "items": [bodies.item()]})
    assert refused.value.code == "invalid_field_value"
    assert refused.value.message.startswith("RFC 'SHO010101' is not valid")


@pytest.mark.asyncio
async def test_a_receipt_stamped_with_a_bad_rfc_is_refused_and_stays_pending(
    gs: Gigstack,
) -> None:
    receipt = await gs.receipts.create(bodies.receipt())
    fiscal = {"legal_name": "Ana López", "tax_id": "LOPA8001", "tax_system": "612"}
    with pytest.raises(BadRequestError) as refused:
        await gs.receipts.stamp(receipt.id, {"fiscal_information": fiscal})
    assert refused.value.code == "invalid_field_value"
    assert refused.value.message == f"RFC 'LOPA8001' {RFC_RULE}"
    assert (await gs.receipts.get(receipt.id)).status == "pending"


# --- tax regime for the RFC's kind ---------------------------------------------------------


@pytest.mark.asyncio
async def test_a_moral_regime_for_a_persona_fisica_is_refused(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": FISICA_RFC, "tax_system": "601"})
    assert (error.status_code, error.code) == (400, "invalid_field_value")
    assert error.message == (
        "Tax regime 601 (General de Ley Personas Morales (general law, legal entities)) is for "
        f"personas morales, but RFC {FISICA_RFC} is a persona física's (13 characters)"
    )
    assert details(error)[0].startswith("client.tax_system: Tax regime 601")


@pytest.mark.asyncio
async def test_a_fisica_regime_for_a_persona_moral_is_refused(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": MORAL_RFC, "tax_system": "612"}, use="G03")
    assert error.code == "invalid_field_value"
    assert error.message.startswith("Tax regime 612 (Personas Físicas con Actividades")
    assert error.message.endswith(
        f"is for personas físicas, but RFC {MORAL_RFC} is a persona moral's (12 characters)"
    )


@pytest.mark.asyncio
async def test_resico_fits_both_kinds(gs: Gigstack) -> None:
    for rfc in (MORAL_RFC, FISICA_RFC):
        invoice = await stamp_for(gs, {"tax_id": rfc, "tax_system": "626"})
        assert invoice.status == "stamped"


@pytest.mark.asyncio
async def test_a_generic_rfc_takes_regime_616(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": "XAXX010101000", "tax_system": "612"}, use="S01")
    assert error.code == "invalid_field_value"
    assert error.message == (
        "RFC XAXX010101000 (público en general) takes tax regime "
        "616 (Sin obligaciones fiscales (no tax obligations)), not 612"
    )


# --- CFDI use for the receiver's regime ----------------------------------------------------


@pytest.mark.asyncio
async def test_a_use_the_regime_does_not_allow_is_refused(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": MORAL_RFC, "tax_system": "601"}, use="D01")
    assert (error.status_code, error.code) == (400, "invalid_field_value")
    assert error.message.startswith("CFDI use D01 (Honorarios médicos")
    assert error.message.endswith(
        "is not allowed for a receiver in tax regime 601 (General de Ley Personas Morales "
        "(general law, legal entities)); that regime allows: G01, G02, G03, I01, I02, I03, I04, "
        "I05, I06, I07, I08, S01, CP01"
    )
    assert details(error)[0].startswith("use: CFDI use D01")


@pytest.mark.asyncio
async def test_an_employee_cannot_take_general_expenses(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": FISICA_RFC, "tax_system": "605"}, use="G03")
    assert error.message.endswith(
        "that regime allows: D01, D02, D03, D04, D05, D06, D07, D08, D09, D10, S01, CP01, CN01"
    )


@pytest.mark.asyncio
async def test_the_clients_default_use_is_checked_when_the_invoice_names_none(
    gs: Gigstack,
) -> None:
    client = {"tax_id": MORAL_RFC, "tax_system": "601", "use": "D04"}
    error = await refusal(gs, client, use=None)
    assert error.message.startswith("CFDI use D04 (Donativos (donations")
    # The invoice's own use wins over the client's default.
    assert (await stamp_for(gs, client, use="G03")).status == "stamped"


@pytest.mark.asyncio
async def test_a_personal_use_for_a_company_without_a_regime_is_refused(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": MORAL_RFC, "tax_system": None}, use="D10")
    assert error.message.startswith("CFDI use D10 (Pagos por servicios educativos")
    assert error.message.endswith(
        f"is only for personas físicas, but RFC {MORAL_RFC} is a persona moral's"
    )


@pytest.mark.asyncio
async def test_a_generic_rfc_takes_use_s01(gs: Gigstack) -> None:
    error = await refusal(gs, {"tax_id": "XEXX010101000", "tax_system": "616"}, use="G03")
    assert error.message == "RFC XEXX010101000 (foreign receiver) takes CFDI use S01, not G03"


@pytest.mark.asyncio
async def test_p01_is_tolerated_as_the_apis_own_examples_send_it(gs: Gigstack) -> None:
    assert (await stamp_for(gs, {}, use="P01")).status == "stamped"


# --- PPD and payment form 99 ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_ppd_with_a_payment_form_other_than_99_is_refused(gs: Gigstack) -> None:
    error = await refusal(gs, {}, payment_method="PPD", payment_form="03")
    assert (error.status_code, error.code) == (400, "invalid_field_value")
    assert error.message == "Payment method PPD takes payment form 99 (por definir), not 03"
    assert details(error) == [f"payment_form: {error.message}"]


@pytest.mark.asyncio
@pytest.mark.parametrize("method", ["PUE", None])
async def test_payment_form_99_without_ppd_is_refused(gs: Gigstack, method: str | None) -> None:
    error = await refusal(gs, {}, payment_method=method, payment_form="99")
    assert error.code == "invalid_field_value"
    assert error.message == (
        "Payment form 99 (por definir) is only for payment method PPD; this CFDI is PUE (the "
        "default when payment_method is not sent)"
    )


@pytest.mark.asyncio
async def test_ppd_with_99_is_stamped_with_its_balance_open(gs: Gigstack) -> None:
    invoice = await stamp_for(gs, {}, payment_method="PPD", payment_form="99")
    assert (invoice.payment_method, invoice.payment_form) == ("PPD", "99")
    assert invoice.last_balance == invoice.total == 1160


@pytest.mark.asyncio
async def test_every_broken_rule_is_listed_in_the_details(gs: Gigstack) -> None:
    client = {"tax_id": FISICA_RFC, "tax_system": "601"}
    error = await refusal(gs, client, payment_method="PPD", payment_form="01", use="D01")
    fields = [line.split(":", 1)[0] for line in details(error)]
    assert fields == ["payment_form", "client.tax_system", "use"]
    assert error.message == details(error)[0].split(": ", 1)[1]


# --- what the rules mean elsewhere ---------------------------------------------------------


@pytest.mark.asyncio
async def test_validate_reports_a_regime_and_use_that_do_not_fit(gs: Gigstack) -> None:
    client = await gs.clients.create(bodies.client(tax_id=FISICA_RFC, tax_system="601", use="D01"))
    result = await gs.clients.validate(client.id)
    assert result is not None and result["is_valid"] is False
    assert [line.split(" (", 1)[0] for line in result["errors"]] == [
        "Tax regime 601",
        "CFDI use D01",
    ]


@pytest.mark.asyncio
async def test_pending_receipts_of_a_client_that_breaks_a_rule_fail_and_stay_pending(
    gs: Gigstack,
) -> None:
    client = await gs.clients.create(bodies.client(tax_id=FISICA_RFC, tax_system="601"))
    receipt = await gs.receipts.create(bodies.receipt(client={"id": client.id}))
    summary = await gs.clients.stamp_pending_receipts(client.id)
    assert (summary.stamped, summary.failed) == (0, 1)
    assert [(r.id, r.status) for r in summary.results] == [(receipt.id, "failed")]
    assert (await gs.receipts.get(receipt.id)).status == "pending"


# --- cancellation --------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_motive_01_needs_a_substitution(gs: Gigstack) -> None:
    invoice = await stamp_for(gs, {})
    with pytest.raises(BadRequestError) as refused:
        await gs.invoices.cancel(invoice.uuid, {"motive": "01"})
    error = refused.value
    assert (error.status_code, error.code) == (400, "validation_failed")
    assert error.message == (
        "Motive 01 needs the substitution_uuid of the CFDI that replaces this one"
    )
    assert details(error) == ["body/substitution_uuid: is required when motive is 01"]
    assert (await gs.invoices.income.get(invoice.uuid)).status == "stamped"


@pytest.mark.asyncio
async def test_motive_01_needs_the_substitutes_uuid_not_its_id(gs: Gigstack) -> None:
    invoice = await stamp_for(gs, {})
    replacement = await gs.invoices.income.create(bodies.invoice(invoice.client.id))
    with pytest.raises(BadRequestError) as refused:
        await gs.invoices.cancel(
            invoice.uuid, {"motive": "01", "substitution_uuid": replacement.id}
        )
    assert refused.value.code == "validation_failed"
    assert refused.value.message.startswith(
        f"substitution_uuid {replacement.id!r} is not a CFDI UUID (folio fiscal)"
    )
    canceled = await gs.invoices.cancel(
        invoice.uuid, {"motive": "01", "substitution_uuid": replacement.uuid}
    )
    assert canceled.status == "canceled"


@pytest.mark.asyncio
async def test_motives_other_than_01_need_no_substitution(gs: Gigstack) -> None:
    for motive in ("02", "03", "04"):
        invoice = await stamp_for(gs, {})
        assert (await gs.invoices.cancel(invoice.uuid, {"motive": motive})).status == "canceled"


@pytest.mark.asyncio
async def test_the_older_replacement_field_counts_as_the_substitution(
    fake: FakeGigstack, gs: Gigstack
) -> None:
    invoice = await stamp_for(gs, {})
    replacement = await stamp_for(gs, {})
    # The SDK sends only `substitution_uuid`; `replacement` arrives from other HTTP clients.
    body = {"motive": "01", "replacement": replacement.uuid}
    transport = httpx.ASGITransport(app=fake.app)
    async with httpx.AsyncClient(transport=transport, base_url=fake.base_url + "/") as http:
        answer = await http.request("DELETE", f"invoices/{invoice.uuid}", json=body, headers=AUTH)
    assert answer.status_code == 200 and answer.json()["data"]["status"] == "canceled"


# --- reading an invoice back ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_income_invoice_is_read_back_by_its_uuid_or_its_id(gs: Gigstack) -> None:
    invoice = await stamp_for(gs, {})
    assert invoice.id != invoice.uuid
    by_uuid = await gs.invoices.income.get(invoice.uuid)
    by_id = await gs.invoices.income.get(invoice.id)
    assert by_uuid.to_dict() == by_id.to_dict() == invoice.to_dict()
    assert (await gs.invoices.files(invoice.id)).pdf.endswith(f"{invoice.uuid}.pdf")
    with pytest.raises(NotFoundError):
        await gs.invoices.egress.get(invoice.id)  # an income invoice is not an egress one
