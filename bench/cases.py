"""The variants compared: one awaitable call (or one parse) each, built on the same server and body.

Per-call variants, all fetching a ~40-field client or its OpenAI-shaped twin of the same size:

- `httpx`: raw `httpx.AsyncClient.get(...)` + `.json()` on the transport the SDK's own pool uses
  (httpx's API over aiohttp's connections), the floor the SDK stands on.
- `httpx_no_cookies`: the same on the pool exactly as `Gigstack` makes it, which also skips
  httpx's cookie handling (the SDK's pool is shared by every team's calls, so it keeps none): the
  floor with the pool's own savings, to read the core's cost against.
- `httpx_stock`: the same on stock httpx (its default transport, httpcore).
- `generated`: the operation's generated request description (`_get_kwargs`) sent on raw httpx and
  its generated parser (`_parse_response`): the SDK's road without the core's checks and retries.
- `sdk`: `await gs.clients.get(id)` (default `max_retries=2`); `sdk_no_retries`: `max_retries=0`.
- `httpx_model`: raw httpx on the OpenAI path; `httpx2_model`: the same with httpx2, the HTTP
  stack the OpenAI SDK is built on; `openai`: `await client.models.retrieve(id)`.
Peers that are not installed are skipped and named in `skipped`. Each variant has its own client.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx

from gigstack_async import Gigstack
from gigstack_async._constants import DEFAULT_LIMITS, DEFAULT_TIMEOUT
from gigstack_async._generated.api.clients import clients_get
from gigstack_async._generated.models import GigstackClientEnvelope, InvoiceListEnvelope
from gigstack_async._pool import open_pool

from . import payloads
from .measure import AsyncCall

API_KEY = "sk_bench_0000000000000000"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _expect(ok: bool, variant: str) -> None:
    if not ok:
        raise RuntimeError(f"bench variant {variant!r} did not read the expected object")


Opener = Callable[[str, AsyncExitStack], Awaitable[AsyncCall]]


async def _raw_get(http: Any, url: str) -> AsyncCall:
    """A bare GET + `.json()` on an httpx-compatible client: the baseline every ratio uses."""

    async def call() -> object:
        return (await http.get(url)).json()

    return call


def _sdk_transport(keep_cookies: bool = True) -> httpx.AsyncClient:
    """Raw httpx on the pool the SDK makes for itself, with the SDK's defaults."""
    return open_pool(
        headers=AUTH, timeout=DEFAULT_TIMEOUT, limits=DEFAULT_LIMITS, keep_cookies=keep_cookies
    )


async def _httpx(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    http = await stack.enter_async_context(_sdk_transport())
    return await _raw_get(http, f"{base_url}/v2/clients/{payloads.CLIENT_ID}")


async def _httpx_no_cookies(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    http = await stack.enter_async_context(_sdk_transport(keep_cookies=False))
    return await _raw_get(http, f"{base_url}/v2/clients/{payloads.CLIENT_ID}")


async def _httpx_stock(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    http = await stack.enter_async_context(httpx.AsyncClient(headers=AUTH))
    return await _raw_get(http, f"{base_url}/v2/clients/{payloads.CLIENT_ID}")


async def _generated(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    http = await stack.enter_async_context(_sdk_transport())
    root = f"{base_url}/v2"

    async def call() -> object:
        described = clients_get._get_kwargs(payloads.CLIENT_ID)
        response = await http.request(described["method"], root + described["url"])
        return clients_get._parse_response(response.status_code, json.loads(response.content))

    return call


async def _sdk(base_url: str, stack: AsyncExitStack, max_retries: int = 2) -> AsyncCall:
    gs = await stack.enter_async_context(
        Gigstack(API_KEY, base_url=f"{base_url}/v2", max_retries=max_retries)
    )
    return lambda: gs.clients.get(payloads.CLIENT_ID)


async def _sdk_no_retries(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    return await _sdk(base_url, stack, max_retries=0)


async def _httpx_model(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    http = await stack.enter_async_context(httpx.AsyncClient(headers=AUTH))
    return await _raw_get(http, f"{base_url}/v1/models/{payloads.OPENAI_MODEL_ID}")


async def _httpx2_model(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    import httpx2

    http = await stack.enter_async_context(httpx2.AsyncClient(headers=AUTH))
    return await _raw_get(http, f"{base_url}/v1/models/{payloads.OPENAI_MODEL_ID}")


async def _openai(base_url: str, stack: AsyncExitStack) -> AsyncCall:
    import openai

    # Its own default HTTP stack and pool, as its users run it.
    client = await stack.enter_async_context(
        openai.AsyncOpenAI(api_key=API_KEY, base_url=f"{base_url}/v1")
    )
    return lambda: client.models.retrieve(payloads.OPENAI_MODEL_ID)


def _is_client(r: Any) -> bool:
    return bool(r["data"]["id"] == payloads.CLIENT_ID)


def _is_model(r: Any) -> bool:
    return bool(r["id"] == payloads.OPENAI_MODEL_ID)


# name -> (opener, check of one result, module the variant needs beyond the SDK's own)
VARIANTS: dict[str, tuple[Opener, Callable[[Any], bool], str | None]] = {
    "httpx": (_httpx, _is_client, None),
    "httpx_no_cookies": (_httpx_no_cookies, _is_client, None),
    "httpx_stock": (_httpx_stock, _is_client, None),
    "generated": (_generated, lambda r: r.data.id == payloads.CLIENT_ID, None),
    "sdk": (_sdk, lambda r: r.address.city == "León", None),
    "sdk_no_retries": (_sdk_no_retries, lambda r: r.address.city == "León", None),
    "httpx_model": (_httpx_model, _is_model, None),
    "httpx2_model": (_httpx2_model, _is_model, "httpx2"),
    "openai": (_openai, lambda r: r.id == payloads.OPENAI_MODEL_ID, "openai"),
}


def available(skipped: list[str]) -> list[str]:
    """The variants this environment can run; the others are named in `skipped`."""
    names = []
    for name, (_, _, needs) in VARIANTS.items():
        if needs is None or installed(needs):
            names.append(name)
        else:
            skipped.append(f"{name}: {needs} is not installed")
    return names


@asynccontextmanager
async def open_variants(base_url: str, names: list[str]) -> AsyncIterator[dict[str, AsyncCall]]:
    """The named variants, each on its own client and pool, each checked once before timing."""
    async with AsyncExitStack() as stack:
        calls = {name: await VARIANTS[name][0](base_url, stack) for name in names}
        for name, call in calls.items():
            _expect(VARIANTS[name][1](await call()), name)
        yield calls


@asynccontextmanager
async def server_stats(base_url: str) -> AsyncIterator[Callable[[], Awaitable[int]]]:
    """How many connections the server has accepted so far (to see which variant reconnects)."""
    async with httpx.AsyncClient() as http:

        async def opened() -> int:
            count: int = (await http.get(f"{base_url}/stats")).json()["connections"]
            return count

        yield opened


CLIENT_PARSES = 50  # client-envelope parses per page-sized run, so both are timed alike


def parse_variants(body: bytes, skipped: list[str]) -> dict[str, Callable[[], Any]]:
    """Ways to turn one list page of invoices (bytes) into objects, and (the `client_` ones,
    CLIENT_PARSES times per run) one client envelope.

    `sdk` is what the SDK does with a page: `response.json()` (httpx decodes with the standard
    `json` module) then the generated `InvoiceListEnvelope.from_dict`; `sdk_speedups` decodes with
    orjson instead, as the `speedups` extra does.
    """
    client = payloads.client_envelope()
    repeat = range(CLIENT_PARSES)
    variants: dict[str, Callable[[], Any]] = {
        "json_loads": lambda: json.loads(body),
        "sdk": lambda: InvoiceListEnvelope.from_dict(json.loads(body)),
        "client_sdk": lambda: [
            GigstackClientEnvelope.from_dict(json.loads(client)) for _ in repeat
        ],
    }
    if installed("orjson"):
        import orjson

        variants["orjson_loads"] = lambda: orjson.loads(body)
        variants["sdk_speedups"] = lambda: InvoiceListEnvelope.from_dict(orjson.loads(body))
    else:
        skipped.append("orjson: the speedups extra is not installed")
    if installed("pydantic"):
        from .pydantic_models import GigstackClientEnvelope as PydanticClient
        from .pydantic_models import InvoiceListEnvelope as PydanticPage

        variants["pydantic"] = lambda: PydanticPage.model_validate(json.loads(body))
        variants["pydantic_json"] = lambda: PydanticPage.model_validate_json(body)
        variants["client_pydantic"] = lambda: [
            PydanticClient.model_validate(json.loads(client)) for _ in repeat
        ]
    else:
        skipped.append("pydantic: pydantic is not installed")
    return variants


def check_parse(variants: dict[str, Callable[[], Any]], count: int) -> None:
    _expect(len(variants["json_loads"]()["data"]) == count, "json_loads")
    page = variants["sdk"]()
    _expect(isinstance(page, InvoiceListEnvelope) and len(page.data or []) == count, "sdk")
    if "pydantic" in variants:
        _expect(len(variants["pydantic"]().data) == count, "pydantic")
    if "sdk_speedups" in variants:
        _expect(variants["sdk_speedups"]().to_dict() == page.to_dict(), "sdk_speedups")
    client = variants["client_sdk"]()[0]
    _expect(client.data.id == payloads.CLIENT_ID, "client_sdk")
    if "client_pydantic" in variants:
        _expect(variants["client_pydantic"]()[0].data.id == payloads.CLIENT_ID, "client_pydantic")
