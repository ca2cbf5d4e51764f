"""schemathesis against the fake served over HTTP on loopback (`python -m gigstack_async.testing`).

Every operation of the spec gets positive, spec-generated requests (the spec's examples, boundary
"coverage" cases, then up to 5 fuzzed cases each, fixed seed) and every answer goes through these
checks: no 5xx, status documented for the operation, JSON content type, documented headers, body
valid against the response schema. The Connect `team` parameter and the path ids point at
records seeded beforehand, so generated bodies reach the success paths instead of stopping at 403s
and 404s.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

from gigstack_async._generated.registry import OPERATIONS

from . import bodies

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
AUTH = {"Authorization": "Bearer sk_test_fake"}
RUN_SECONDS = 120  # a bound, not an expectation: the run takes a few seconds


def _seed(base_url: str) -> dict[str, dict[str, str]]:
    """Records for the path parameters, one per operation that changes state irreversibly."""
    with httpx.Client(base_url=base_url, headers=AUTH, timeout=10) as http:

        def post(path: str, body: dict[str, Any]) -> Any:
            response = http.post(path, json=body)
            response.raise_for_status()
            return response.json()["data"]

        client = post("/clients", bodies.client())["id"]
        doomed_client = post("/clients", bodies.client())["id"]
        service = post("/services", {"description": "Soporte", "unit_price": 100})["id"]
        doomed_service = post("/services", {"description": "Viejo", "unit_price": 1})["id"]
        income = post("/invoices/income", bodies.invoice(client))["uuid"]
        egress = post("/invoices/egress", bodies.invoice(client))["uuid"]
        requested = post("/payments/request", bodies.payment(client))["id"]
        unpaid = post("/payments/request", bodies.payment(client))["id"]
        paid = post("/payments/register", bodies.payment(client, payment_form="03"))["id"]
        receipt = post("/receipts", bodies.receipt())["id"]
        unstamped = post("/receipts", bodies.receipt())["id"]
        user = post("/users", bodies.user(auto_join=True))["id"]
    team = "team_default"
    ids = {
        **dict.fromkeys(
            ["clients_get", "clients_update", "clients_validate", "clients_stamp_pending_receipts"],
            client,
        ),
        "clients_delete": doomed_client,
        **dict.fromkeys(["services_get", "services_update"], service),
        "services_delete": doomed_service,
        **dict.fromkeys(["invoices_income_get", "invoices_files", "invoices_cancel"], income),
        "invoices_egress_get": egress,
        **dict.fromkeys(["payments_get", "payments_cancel"], unpaid),
        "payments_mark_paid": requested,
        "payments_refund": paid,
        **dict.fromkeys(["receipts_get", "receipts_cancel"], receipt),
        "receipts_stamp": unstamped,
        **dict.fromkeys(["users_get", "users_update"], user),
        **dict.fromkeys(
            [
                "teams_get",
                "teams_update",
                "teams_onboarding_url",
                "teams_add_member",
                "teams_remove_member",
                "teams_series_list",
                "teams_series_create",
                "teams_series_update",
                "teams_settings_update",
            ],
            team,
        ),
    }
    parameters = {op_id: {"path.id": value} for op_id, value in ids.items()}
    parameters["teams_series_update"]["path.series_id"] = "A"  # made by the invoice above
    return parameters


def _config(parameters: dict[str, dict[str, str]]) -> str:
    lines = ["[parameters]", '"query.team" = "team_default"']
    for op_id, values in sorted(parameters.items()):
        pairs = ", ".join(f'"{name}" = "{value}"' for name, value in values.items())
        lines += ["", "[[operations]]", f'include-operation-id = "{op_id}"']
        lines.append(f"parameters = {{ {pairs} }}")
    return "\n".join(lines) + "\n"


def test_the_served_fake_passes_schemathesis(served_fake: str, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(_seed(served_fake)))
    spec = resources.files("gigstack_async._generated").joinpath("openapi.json")
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        str(spec),
        "--url",
        served_fake,
        "--header",
        "Authorization: Bearer sk_test_fake",
        "--mode",
        "positive",
        "--phases",
        "examples,coverage,fuzzing",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        "5",
        "--seed",
        "20251226",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=RUN_SECONDS, cwd=tmp_path, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    every = len(OPERATIONS)
    assert f"{every} selected / {every} total" in report
    assert re.search(r"\d+ generated, \d+ passed", report), report
