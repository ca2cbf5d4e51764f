"""One handler per operation of the spec, by operation id."""

from __future__ import annotations

from .._calls import Handler
from . import clients, invoices, payments, receipts, services, teams, users

HANDLERS: dict[str, Handler] = {
    **clients.HANDLERS,
    **services.HANDLERS,
    **invoices.HANDLERS,
    **payments.HANDLERS,
    **receipts.HANDLERS,
    **teams.HANDLERS,
    **users.HANDLERS,
}
