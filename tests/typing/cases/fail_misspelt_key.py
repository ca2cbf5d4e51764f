from gigstack_async import Gigstack
from gigstack_async.params import TaxParams


async def invoice(gs: Gigstack) -> None:
    tax: TaxParams = {"type": "IVA", "rat": 0.16}  # error
    item = {"description": "x", "quantity": 1.0, "taxes": [tax]}
    await gs.invoices.income.create({"client": {"id": "client_1"}, "items": [item]})  # error
    await gs.clients.create({"legal_name": "Empresa", "tax_idd": "EMP010101AAA"})  # error
