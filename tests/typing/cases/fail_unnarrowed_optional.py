from gigstack_async import Gigstack


async def total(gs: Gigstack) -> float:
    inv = await gs.invoices.income.get("u1")
    return inv.total + 1.0  # error
