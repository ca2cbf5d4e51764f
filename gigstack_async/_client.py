"""`Gigstack`: the public async client."""

from __future__ import annotations

import ipaddress
import os
import platform
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import httpx

from ._auth import BearerAuth, check_api_key
from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_DEADLINE,
    DEFAULT_LIMITS,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_BASE_URL,
)
from ._deadline import check_deadline
from ._exceptions import GigstackError
from ._generated.registry import SPEC_VERSION
from ._generated.resources import Resources
from ._limits import check_max_response_bytes
from ._logging import configure_from_env
from ._requester import Requester
from ._types import NOT_GIVEN, NotGiven, Query, RequestTimeout, TimeoutOption
from ._validation import check_headers, check_team, check_timeout
from ._version import __version__


def user_agent() -> str:
    python = ".".join(platform.python_version_tuple()[:2])
    httpx_version = ".".join(httpx.__version__.split(".")[:2])
    versions = f"spec {SPEC_VERSION}; python {python}; httpx {httpx_version}"
    return f"gigstack-async/{__version__} ({versions})"


def _timeout(value: TimeoutOption | NotGiven, *, own_client: bool) -> RequestTimeout:
    if isinstance(value, NotGiven):
        # A caller's http_client keeps its own timeout unless one is asked for.
        return DEFAULT_TIMEOUT if own_client else httpx.USE_CLIENT_DEFAULT
    return check_timeout(value)


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _base_url(url: str, *, allow_insecure_http: bool) -> str:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"base_url must be an http(s) URL, got {url!r}")
    try:
        host = httpx.URL(url).host
    except httpx.InvalidURL as exc:
        raise ValueError(f"base_url is not a valid URL ({exc}): {url!r}") from None
    if url.startswith("http://") and not allow_insecure_http and not _is_loopback(host):
        raise ValueError(
            f"base_url {url!r} is plain http: the API key would travel unencrypted. Use https, "
            "or pass allow_insecure_http=True if this network is trusted (a test proxy, say)."
        )
    return url.rstrip("/")


def _max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be an int >= 0, got {value!r}")
    return value


class Gigstack(Resources):
    """Async client of the gigstack API v2.

        async with Gigstack(api_key="...") as gs:
            page = await gs.clients.list(limit=50)

    `api_key` defaults to $GIGSTACK_API_KEY and `base_url` to $GIGSTACK_BASE_URL, then
    https://api.gigstack.io/v2 (plain http only to this machine, unless `allow_insecure_http=True`).
    `team` scopes every call to a gigstack Connect team. `timeout` bounds each attempt, `deadline`
    (seconds, default 300; None for none) the whole call, retries and waits included.
    `max_response_bytes` caps a response body, counted after decompression (default 32 MiB). A
    client built on a caller's `http_client` never closes it.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        team: str | None = None,
        timeout: TimeoutOption | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        configure_from_env()
        key = api_key if api_key is not None else os.environ.get(ENV_API_KEY)
        if not key:
            raise GigstackError(
                f"No API key: pass Gigstack(api_key=...) or set {ENV_API_KEY} in the environment."
            )
        auth = BearerAuth(check_api_key(key))
        url = _base_url(
            base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL,
            allow_insecure_http=allow_insecure_http,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient")
        self._owns_http = http_client is None
        headers = {
            "User-Agent": user_agent(),
            "Accept": "application/json",
            **check_headers(default_headers or {}, "default_headers"),
        }
        if http_client is None:
            # Our own pool serves only this client and its copies: the headers go on it once
            # instead of being merged into every request.
            from ._pool import open_pool  # loads aiohttp only when a pool of ours is made

            http = open_pool(
                headers=headers,
                timeout=DEFAULT_TIMEOUT,
                limits=DEFAULT_LIMITS,
                keep_cookies=False,
            )
            headers = {}
        else:
            http = http_client
        super().__init__(
            Requester(
                http=http,
                auth=auth,
                base_url=url,
                headers=headers,
                timeout=_timeout(timeout, own_client=self._owns_http),
                max_retries=_max_retries(max_retries),
                team=None if team is None else check_team(team),
                deadline=check_deadline(deadline),
                max_response_bytes=check_max_response_bytes(max_response_bytes),
            )
        )

    @classmethod
    def _from_requester(cls, core: Requester, *, owns_http: bool) -> Gigstack:
        """A client on a core whose options are already checked, without `__init__`.
        `owns_http`: whether closing this client closes the pool."""
        client = cls.__new__(cls)
        Resources.__init__(client, core)
        client._owns_http = owns_http
        return client

    def for_team(self, team_id: str) -> Gigstack:
        """A client acting for another team through gigstack Connect. Shares the pool."""
        # The pool stays the original client's to close.
        return self._from_requester(self._core.replace(team=check_team(team_id)), owns_http=False)

    def with_options(
        self,
        *,
        timeout: TimeoutOption | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Gigstack:
        """A client with other options, sharing the pool; the original is left as it was."""
        core = self._core
        if not isinstance(timeout, NotGiven):
            core = core.replace(timeout=_timeout(timeout, own_client=True))
        if not isinstance(max_retries, NotGiven):
            core = core.replace(max_retries=_max_retries(max_retries))
        if not isinstance(deadline, NotGiven):
            core = core.replace(deadline=check_deadline(deadline))
        return self._from_requester(core, owns_http=False)

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        json: object = None,
        team: str | None = None,
        timeout: TimeoutOption | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Any:
        """Call any endpoint, including one the SDK has no method for yet.

            data = await gs.request("GET", "/invoices/sat", query={"limit": 10})

        `path` is relative to the base URL (it starts with `/`); `json` is the request body.
        The call gets the client's key, team, retries (GET, PUT and DELETE are retried like any
        method's; POST only where the server provably did not process it), timeout and typed
        errors. Returns the response's `data` as decoded JSON (the whole body when it has no
        `data`), or None for an empty body.
        """
        return await self._core.request(
            method,
            path,
            query=query,
            json_body=json,
            team=team,
            timeout=timeout,
            deadline=deadline,
        )

    @property
    def team(self) -> str | None:
        return self._core.team

    @property
    def base_url(self) -> str:
        return self._core.base_url

    @property
    def max_retries(self) -> int:
        return self._core.max_retries

    async def aclose(self) -> None:
        """Close the connection pool, if this client opened it."""
        if self._owns_http:
            await self._core.http.aclose()

    async def __aenter__(self) -> Gigstack:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"Gigstack(base_url={self._core.base_url!r}, team={self._core.team!r}, "
            f"max_retries={self._core.max_retries})"
        )
