"""The main job: a backend's invoicing flow with gigstack, from a new customer to a cancellation.

Without GIGSTACK_API_KEY it runs against the in-memory FakeGigstack (no network, no key); with it,
against the real gigstack API, where every step creates real records: use a test key. For the
Connect step against the real API, set GIGSTACK_DEMO_TEAM to a team of your billing account.

    make demo        # or: python examples/quickstart.py
"""

from __future__ import annotations

import asyncio
import os
import uuid
from typing import Any

from gigstack_async import Gigstack
from gigstack_async.params import (
    ClientInputParams,
    ItemParams,
    RegisterPaymentInputParams,
    ServiceInputParams,
    TaxParams,
)

IVA_16: TaxParams = {"type": "IVA", "rate": 0.16, "factor": "Tasa"}
CUSTOMER: ClientInputParams = {
    "legal_name": "Comercializadora del Centro SA de CV",
    "tax_id": "CCE010101AB1",
    "tax_system": "601",
    "email": "facturas@comercializadora.mx",
    "use": "G03",
    "address": {"zip": "06000", "country": "MEX"},
}
CONSULTING: ServiceInputParams = {
    "description": "Consultoría mensual",
    "unit_price": 15000,
    "product_key": "80101500",
    "unit_key": "E48",
    "taxes": [IVA_16],
}
SUPPORT: ItemParams = {
    "description": "Soporte en sitio",
    "unit_price": 2500,
    "quantity": 2,
    "product_key": "80101500",
    "unit_key": "E48",
    "taxes": [IVA_16],
}


def banner(*lines: str) -> None:
    print("\n".join(["#" * 78, *(f"#  {line}" for line in lines), "#" * 78]))


def money(value: Any) -> str:
    return f"${value:,.2f}" if isinstance(value, (int, float)) else "?"


def folio(invoice: Any) -> str:  # the API may leave out fields: show "?" rather than Unset
    parts = (invoice.series, invoice.folio_number)
    return "-".join(str(p) if isinstance(p, (str, int)) else "?" for p in parts)


def connect() -> tuple[Gigstack, bool]:
    if os.environ.get("GIGSTACK_API_KEY"):
        gs = Gigstack()
        banner(f"LIVE: the REAL gigstack API at {gs.base_url}", "Every step creates real records.")
        return gs, True
    from gigstack_async.testing import FakeGigstack

    banner(
        "FAKE: GIGSTACK_API_KEY is not set, so this runs against FakeGigstack,",
        "the in-memory gigstack of gigstack_async.testing. No network, no key.",
        "Set GIGSTACK_API_KEY (a test key) to run the same code against the real API.",
    )
    return FakeGigstack().client(), False


async def main() -> None:
    gs, live = connect()
    async with gs:
        print("\n== 1. Create the customer")
        client = await gs.clients.create(CUSTOMER)
        print(f"client {client.id}: {client.legal_name} (RFC {client.tax_id})")

        print("\n== 2. Validate its fiscal data with the SAT")
        result = await gs.clients.validate(client.id)
        print(f"valid: {result.to_dict().get('is_valid') if result else None}")

        print("\n== 3. Add the service to the catalogue")
        service = await gs.services.create(CONSULTING)
        print(f"service {service.id}: {service.description}, {money(service.unit_price)} + IVA")

        print("\n== 4. Issue the month's income invoice (IVA 16%)")
        invoice = await gs.invoices.income.create(
            {
                "client": {"id": client.id},
                "items": [{"id": service.id, "quantity": 1}],
                "payment_form": "03",
                "payment_method": "PUE",
                "use": "G03",
            }
        )
        print(f"invoice {folio(invoice)}, UUID {invoice.uuid}: {invoice.status}")
        if invoice.uuid is None:  # every stamped invoice has one; the model allows its absence
            raise SystemExit("the invoice came back without a UUID")
        print(f"{money(invoice.subtotal)} + IVA {money(invoice.taxes)} = {money(invoice.total)}")

        print("\n== 5. Fetch its files")
        files = await gs.invoices.files(invoice.uuid)
        print(f"PDF {files.pdf}\nXML {files.xml}")

        print("\n== 6. Register a one-off payment; gigstack stamps its invoice (pue_invoice)")
        body: RegisterPaymentInputParams = {
            "client": {"id": client.id},
            "items": [SUPPORT],
            "payment_form": "03",
            "automation_type": "pue_invoice",
            "idempotency_key": f"order-{uuid.uuid4()}",  # your order id, say
        }
        payment = await gs.payments.register(body)
        print(f"payment {payment.id}: {payment.status}, {money(payment.total)}")
        again = await gs.payments.register(body)  # as a retry after a lost response would
        verdict = "the same payment, nothing stamped twice" if again.id == payment.id else "NEW!"
        print(f"sent again with the same idempotency key -> {again.id}: {verdict}")

        print("\n== 7. List the income invoices, one per page")
        number = 0
        async for page in gs.invoices.income.list(limit=1).pages():
            number += 1
            shown = ", ".join(f"{folio(i)} {money(i.total)}" for i in page.data)
            print(f"page {number} ({page.total_results} invoices in all): {shown}")
            if number == 5:
                print("... and so on")
                break

        print("\n== 8. Act for a second team through gigstack Connect")
        team_id = os.environ.get("GIGSTACK_DEMO_TEAM")
        if not team_id and not live:  # in the fake, open a branch under our account first
            team_id = (await gs.teams.create({"brand": {"alias": "Sucursal Norte"}})).id
        if team_id:
            branch = gs.for_team(team_id)  # same connection pool, `team` on every call
            await branch.clients.create({**CUSTOMER, "legal_name": "Cliente de la sucursal"})
            theirs = (await branch.clients.list()).total_results
            ours = (await gs.clients.list()).total_results
            print(f"team {team_id}: {theirs} client(s); ours: {ours} (each sees only its own)")
        else:
            print("skipped: set GIGSTACK_DEMO_TEAM to a team of your billing account")

        print('\n== 9. Cancel the month\'s invoice (motive "02": issued with errors)')
        canceled = await gs.invoices.cancel(invoice.uuid, {"motive": "02"})
        print(f"invoice {folio(invoice)}: {canceled.status}")
    print("\nDone." + ("" if live else " The fake's records lived only in this process."))


if __name__ == "__main__":
    asyncio.run(main())
