"""What must type-check: dict bodies as the spec describes them, and results narrowed by `None`."""

import io
from pathlib import Path

from gigstack_async import Gigstack
from gigstack_async.models import InvoiceIncomeInput
from gigstack_async.params import InvoiceIncomeInputParams


async def invoice(gs: Gigstack) -> float:
    body: InvoiceIncomeInputParams = {
        "client": {"id": "client_1"},
        "items": [
            {
                "description": "Consultoría",
                "quantity": 1,
                "unit_price": 100.0,
                "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa"}],
            }
        ],
        "payment_form": "03",
        "payment_method": "PUE",
    }
    inv = await gs.invoices.income.create(body)
    await gs.invoices.income.create(InvoiceIncomeInput.from_dict(dict(body)))
    if inv.uuid is not None:
        inv.uuid.upper()
    if inv.total is not None:
        return inv.total + 1.0
    return 0.0


async def pages(gs: Gigstack) -> list[str]:
    ids = []
    async for client in gs.clients.list(limit=10, metadata={"order": "42"}):
        ids.append(client.id)
    return ids


async def upload(gs: Gigstack, path: Path) -> str | None:
    document = await gs.payments.support_documents.upload("payment_1", {"file": path})
    await gs.payments.support_documents.upload("payment_1", {"file": io.BytesIO(b"%PDF-1.7")})
    await gs.payments.support_documents.upload("payment_1", {"file": b"%PDF-1.7"})
    return document.name
