"""The calls the fault matrix makes: a GET, a plain POST, and two POSTs that carry an idempotency
key, each through the public API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from gigstack_async import Gigstack

CLIENT = {"legal_name": "Empresa SA de CV", "tax_id": "EMP010101AAA", "tax_system": "601"}
PAYMENT = {
    "client": {"id": "client_1"},
    "items": [{"id": "service_1", "quantity": 1, "unit_price": 1000}],
    "payment_form": "03",
}
INVOICE = {
    "client": {"id": "client_1"},
    "items": [
        {
            "description": "Consultoría",
            "quantity": 1,
            "unit_price": 1000,
            "product_key": "80101500",
            "unit_key": "E48",
        }
    ],
    "payment_form": "03",
    "payment_method": "PUE",
    "use": "G03",
}

CALLS: dict[str, Callable[[Gigstack], Awaitable[Any]]] = {
    "clients_get": lambda gs: gs.clients.get("client_1"),
    "clients_create": lambda gs: gs.clients.create(CLIENT),
    "payments_register": lambda gs: gs.payments.register(PAYMENT),
    "invoices_income_create": lambda gs: gs.invoices.income.create(INVOICE),
}
