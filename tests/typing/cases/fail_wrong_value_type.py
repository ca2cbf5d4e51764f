from gigstack_async import Gigstack


async def invoice(gs: Gigstack) -> None:
    await gs.invoices.income.create({"client": {"id": "c1"}, "items": [], "currency": 5})  # error
