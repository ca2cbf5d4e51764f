"""The handler of every operation of the spec: a resource's own, for a business rule, else the
generic CRUD one."""

from __future__ import annotations

from .._calls import Handler
from .._spec import Spec
from . import (
    bulk_download,
    clients,
    drafts,
    invoices,
    payments,
    receipts,
    sat_invoices,
    support_documents,
    teams,
    users,
    webhooks,
)
from ._crud import crud_handler
from ._search import search_handler

SEARCHES: dict[str, Handler] = {
    "clients_search": search_handler("clients"),
    "invoices_search": search_handler("invoices"),
    "payments_search": search_handler("payments"),
    "receipts_search": search_handler("receipts"),
}

BUSINESS_RULES: dict[str, Handler] = {
    **clients.HANDLERS,
    **invoices.HANDLERS,
    **drafts.HANDLERS,
    **sat_invoices.HANDLERS,
    **bulk_download.HANDLERS,
    **payments.HANDLERS,
    **receipts.HANDLERS,
    **teams.HANDLERS,
    **users.HANDLERS,
    **webhooks.HANDLERS,
    **support_documents.HANDLERS,
    **SEARCHES,
}


def handlers(spec: Spec) -> dict[str, Handler]:
    """Operation id -> handler, for the operations of `spec` the fake can serve."""
    found: dict[str, Handler] = {}
    for op in spec.operations.values():
        handler = BUSINESS_RULES.get(op.id) or crud_handler(spec, op)
        if handler is not None:
            found[op.id] = handler
    return found


def generic_operations(spec: Spec) -> frozenset[str]:
    """The operations of `spec` that the generic CRUD handlers serve."""
    return frozenset(
        op.id
        for op in spec.operations.values()
        if op.id not in BUSINESS_RULES and crud_handler(spec, op) is not None
    )
