"""Importing the package loads no endpoint or model module; each loads on first use."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import gigstack_async
def loaded(prefix):
    return sorted(m for m in sys.modules if m.startswith(prefix))
before = {"api": loaded("gigstack_async._generated.api."),
          "models": loaded("gigstack_async._generated.models.")}
from gigstack_async import models
invoice = models.Invoice
from gigstack_async.models import GigstackClient
after = {"models": loaded("gigstack_async._generated.models."), "name": invoice.__name__,
         "client": GigstackClient.__name__, "all": len(models.__all__)}
print(json.dumps({"before": before, "after": after}))
"""


def test_import_loads_no_endpoint_or_model_module_and_models_still_resolve() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(out)
    assert result["before"] == {"api": [], "models": []}
    after = result["after"]
    assert after["name"] == "Invoice" and after["client"] == "GigstackClient"
    assert "gigstack_async._generated.models.invoice" in after["models"]
    assert len(after["models"]) < after["all"]  # only what Invoice and GigstackClient need


CALL = """
import asyncio, json, sys
import httpx, respx
from gigstack_async import Gigstack
async def main():
    with respx.mock(base_url="https://api.gigstack.io/v2", using="httpx") as mock:
        mock.get("/clients/c1").respond(200, json={"data": {"id": "c1"}})
        async with Gigstack(api_key="k") as gs:
            await gs.clients.get("c1")
asyncio.run(main())
print(json.dumps(sorted(m for m in sys.modules if m.startswith("gigstack_async._generated.api."))))
"""


def test_a_call_loads_only_its_own_endpoint_module() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CALL], capture_output=True, text=True, check=True
    ).stdout
    loaded = [m for m in json.loads(out) if not m.endswith("__init__")]
    assert "gigstack_async._generated.api.clients.clients_get" in loaded
    assert [m for m in loaded if m.count(".") == 4] == [
        "gigstack_async._generated.api.clients.clients_get"
    ]
