"""The handler of every operation of the spec: a resource's own, for a business rule, else the
generic CRUD one."""

from __future__ import annotations

from .._calls import Handler
from .._spec import Spec
from . import clients, invoices, payments, receipts, teams, users
from ._crud import crud_handler

BUSINESS_RULES: dict[str, Handler] = {
    **clients.HANDLERS,
    **invoices.HANDLERS,
    **payments.HANDLERS,
    **receipts.HANDLERS,
    **teams.HANDLERS,
    **users.HANDLERS,
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
