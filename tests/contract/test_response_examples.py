"""Every documented success example of the spec, served by Prism on request (`Prefer` header), is
read by the SDK without losing a field."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
import yaml

from gigstack_async import Gigstack, capture_response
from tests.conftest import SPEC_PATH

from .conftest import API_KEY
from .recording import as_wire
from .spec_examples import request_example

pytestmark = pytest.mark.contract

Call = Callable[[Gigstack, dict[str, Any]], Awaitable[Any]]

CALLS: dict[str, Call] = {
    "clients_list": lambda gs, spec: gs.clients.list(limit=10),
    "clients_create": lambda gs, spec: gs.clients.create(request_example(spec, "clients_create")),
    "clients_customer_portal": lambda gs, spec: gs.clients.customer_portal(
        request_example(spec, "clients_customer_portal")
    ),
    "services_list": lambda gs, spec: gs.services.list(),
    "users_list": lambda gs, spec: gs.users.list(),
    "users_create": lambda gs, spec: gs.users.create(request_example(spec, "users_create")),
    "users_get": lambda gs, spec: gs.users.get("user_1234567890"),
    "invoices_income_list": lambda gs, spec: gs.invoices.income.list(),
    "invoices_income_create": lambda gs, spec: gs.invoices.income.create(
        request_example(spec, "invoices_income_create")
    ),
    "invoices_egress_create": lambda gs, spec: gs.invoices.egress.create(
        request_example(spec, "invoices_egress_create")
    ),
    "invoices_files": lambda gs, spec: gs.invoices.files("invoice_1234567890"),
    "receipts_list": lambda gs, spec: gs.receipts.list(),
    "payments_list": lambda gs, spec: gs.payments.list(),
    "payments_register": lambda gs, spec: gs.payments.register(
        request_example(spec, "payments_register")
    ),
    "teams_list": lambda gs, spec: gs.teams.list(),
    "teams_onboarding_url": lambda gs, spec: gs.teams.onboarding_url("team_1234567890"),
    "teams_add_member": lambda gs, spec: gs.teams.members.add(
        "team_1234567890", request_example(spec, "teams_add_member")
    ),
}


def documented_success_examples() -> list[tuple[str, str, str, Any]]:
    """(operation id, status, example name, example value) for every 2xx response example."""
    with SPEC_PATH.open(encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    found = []
    for item in spec["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            for status, response in op["responses"].items():
                media = response.get("content", {}).get("application/json", {})
                for name, example in media.get("examples", {}).items():
                    if status.startswith("2"):
                        found.append((op["operationId"], status, name, example["value"]))
    return found


EXAMPLES = documented_success_examples()


def test_every_operation_with_a_success_example_has_a_call() -> None:
    assert {op_id for op_id, *_ in EXAMPLES} == set(CALLS)


@pytest.mark.parametrize(
    ("op_id", "status", "name", "value"),
    EXAMPLES,
    ids=[f"{op_id}-{status}-{name}" for op_id, status, name, _ in EXAMPLES],
)
@pytest.mark.asyncio
async def test_documented_example_is_read_losslessly(
    spec: dict[str, Any],
    prism_url: str,
    http: httpx.AsyncClient,
    op_id: str,
    status: str,
    name: str,
    value: Any,
) -> None:
    prefer = {"Prefer": f"code={status}, example={name}"}
    async with Gigstack(
        api_key=API_KEY, base_url=prism_url, max_retries=0, http_client=http, default_headers=prefer
    ) as gs:
        with capture_response() as raw:
            result = await CALLS[op_id](gs, spec)
    assert raw.response is not None and raw.response.status_code == int(status)
    assert raw.response.json() == value  # Prism served the example asked for
    assert as_wire(result) == value.get("data")
