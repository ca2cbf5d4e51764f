from gigstack_async import Gigstack


async def invoice(gs: Gigstack) -> None:
    await gs.invoices.income.create({"items": [{"description": "x", "quantity": 1}]})  # error
