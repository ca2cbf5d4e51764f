"""Every fault on a real socket: the typed outcome, how many attempts the server saw, and how many
records a real server would have created (never more than one per logical call)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from gigstack_async import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    Gigstack,
    InternalServerError,
    RateLimitError,
)
from gigstack_async.models import GigstackClient, Invoice, Payment

from .calls import CALLS
from .fault_server import Action, CutBody, FaultServer, HangUp, Reply, Reset, StallAfterHeaders

NOW = {"Retry-After": "0"}  # keeps the retries of the matrix immediate


def status(code: int, *, wait: bool = True) -> Reply:
    body = {"error": {"code": "upstream_error", "message": f"status {code}"}}
    return Reply(code, body, headers=NOW if wait else {})


@dataclass(frozen=True)
class Case:
    op: str
    script: tuple[Action, ...]
    outcome: type
    attempts: int
    records: int | None = None  # for POSTs: what a server with idempotency keys would store
    max_retries: int = 2


CASES: dict[str, Case] = {
    # GET: safe to repeat after anything transient.
    "get reset twice then ok": Case("clients_get", (Reset(), Reset()), GigstackClient, 3),
    "get reset every time": Case("clients_get", (Reset(),) * 3, APIConnectionError, 3),
    "get stall then ok": Case("clients_get", (StallAfterHeaders(),), GigstackClient, 2),
    "get stall every time": Case(
        "clients_get", (StallAfterHeaders(),) * 2, APITimeoutError, 2, max_retries=1
    ),
    "get hang-up then ok": Case("clients_get", (HangUp(),), GigstackClient, 2),
    "get body cut short then ok": Case("clients_get", (CutBody(),), GigstackClient, 2),
    "get 429 then ok": Case("clients_get", (status(429),), GigstackClient, 2),
    "get 500 502 then ok": Case("clients_get", (status(500), status(502)), GigstackClient, 3),
    "get 503 504 then ok (backoff)": Case(
        "clients_get", (status(503, wait=False), status(504, wait=False)), GigstackClient, 3
    ),
    "get 503 burst longer than the retries": Case(
        "clients_get", (status(503),) * 3, InternalServerError, 3
    ),
    "get 520 is not retried": Case("clients_get", (status(520),), InternalServerError, 1),
    "get html 502 page": Case(
        "clients_get",
        (Reply(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", NOW, "text/html"),) * 3,
        InternalServerError,
        3,
    ),
    "get 200 html": Case(
        "clients_get",
        (Reply(200, b"<html><body>maintenance</body></html>", content_type="text/html"),),
        APIResponseValidationError,
        1,
    ),
    "get 200 empty body": Case("clients_get", (Reply(200, b""),), APIResponseValidationError, 1),
    "get 200 truncated json": Case(
        "clients_get", (Reply(200, b'{"data": {"id": "cl'),), APIResponseValidationError, 1
    ),
    "get 200 success false": Case(
        "clients_get",
        (Reply(200, {"success": False, "error": {"code": "validation_failed", "message": "x"}}),),
        APIStatusError,
        1,
    ),
    # A plain POST repeats only where the server provably did nothing.
    "create reset": Case("clients_create", (Reset(),), APIConnectionError, 1, records=1),
    # The connection closes after the whole body was sent (a transport may call this a connect
    # failure): the server may have done the work, so it is not sent again.
    "create hang-up after the body": Case(
        "clients_create", (HangUp(),), APIConnectionError, 1, records=1
    ),
    "create no answer": Case("clients_create", (Reply(delay=1.0),), APITimeoutError, 1, records=1),
    "create stall": Case("clients_create", (StallAfterHeaders(),), APITimeoutError, 1, records=1),
    "create body cut short": Case("clients_create", (CutBody(),), APIConnectionError, 1, records=1),
    "create 500": Case("clients_create", (status(500),), InternalServerError, 1, records=1),
    "create 502": Case("clients_create", (status(502),), InternalServerError, 1, records=1),
    "create 504": Case("clients_create", (status(504),), InternalServerError, 1, records=1),
    "create 503 then ok": Case("clients_create", (status(503),), GigstackClient, 2, records=1),
    "create 429 then ok": Case("clients_create", (status(429),), GigstackClient, 2, records=1),
    "create 429 every time": Case(
        "clients_create", (status(429),) * 3, RateLimitError, 3, records=0
    ),
    # A POST whose idempotency key the server honours repeats like a GET; the key makes the
    # repeats harmless.
    "register reset 500 then ok": Case(
        "payments_register", (Reset(), status(500)), Payment, 3, records=1
    ),
    "register stall then ok": Case(
        "payments_register", (StallAfterHeaders(),), Payment, 2, records=1
    ),
    "register 502 504 burst": Case(
        "payments_register", (status(502), status(504)) * 2, InternalServerError, 3, records=1
    ),
    # An invoice create sends a key the server is not known to honour: it repeats only what was
    # provably not processed, like a plain POST, and keeps the key.
    "income invoice reset": Case(
        "invoices_income_create", (Reset(),), APIConnectionError, 1, 1, max_retries=3
    ),
    "income invoice cut": Case(
        "invoices_income_create", (CutBody(),), APIConnectionError, 1, 1, max_retries=3
    ),
    "income invoice 503 429 then ok": Case(
        "invoices_income_create", (status(503), status(429)), Invoice, 3, 1, max_retries=3
    ),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_fault(server: FaultServer, gs: Gigstack, case: Case) -> None:
    server.then(*case.script)
    call = CALLS[case.op](gs.with_options(max_retries=case.max_retries))
    if issubclass(case.outcome, Exception):
        with pytest.raises(case.outcome) as caught:
            await call
        assert type(caught.value) is case.outcome  # the exact class, not only a parent
    else:
        assert isinstance(await call, case.outcome)
    assert server.attempts == case.attempts
    if case.records is not None:
        assert server.records_created == case.records
    if case.op in ("payments_register", "invoices_income_create"):
        (key,) = set(server.idempotency_keys)  # one key on every attempt
        assert key is not None and uuid.UUID(key).version == 4


def test_the_matrix_covers_every_fault_of_the_server() -> None:
    kinds = {type(action) for case in CASES.values() for action in case.script}
    assert kinds == {Reply, Reset, HangUp, StallAfterHeaders, CutBody}
    statuses = {a.status for c in CASES.values() for a in c.script if isinstance(a, Reply)}
    assert {200, 429, 500, 502, 503, 504, 520} <= statuses
