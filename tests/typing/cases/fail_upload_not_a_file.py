from gigstack_async import Gigstack


async def upload(gs: Gigstack) -> None:
    await gs.payments.support_documents.upload("payment_1", {"file": 42})  # error
