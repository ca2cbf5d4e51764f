"""The SDK's own connection pool: httpx's client API over aiohttp's connection pool.

httpx's default pool (httpcore) loses connection slots when calls are cancelled mid-flight and
grows slow under large bursts; aiohttp's pool does neither. Everything the SDK and its callers
touch stays httpx (requests, responses, timeouts, proxies from the environment); only the
sockets underneath are aiohttp's. Imported when a `Gigstack` makes its own pool, so that
`import gigstack_async` does not load aiohttp.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from ._constants import DEFAULT_LIMITS

# httpx's own type for a client certificate argument.
CertTypes = str | tuple[str, str] | tuple[str, str, str]


class IdleBoundConnector(aiohttp.TCPConnector):
    """aiohttp's connector, keeping at most `max_idle` idle connections (httpx's
    `max_keepalive_connections`): a connection released beyond that is closed, not kept."""

    def __init__(self, *, max_idle: int | None, **options: Any) -> None:
        super().__init__(**options)
        self._max_idle = max_idle

    def idle_connections(self) -> int:
        # aiohttp keeps its idle connections per host in `_conns`; without it, nothing is bounded.
        idle = getattr(self, "_conns", None)
        return sum(map(len, idle.values())) if isinstance(idle, dict) else 0

    def _release(self, key: Any, protocol: Any, *, should_close: bool = False) -> None:
        if self._max_idle is not None and self.idle_connections() >= self._max_idle:
            should_close = True
        super()._release(key, protocol, should_close=should_close)


def _session_factory(
    ssl_context: ssl.SSLContext, limits: httpx.Limits
) -> Callable[[], aiohttp.ClientSession]:
    def session() -> aiohttp.ClientSession:
        # Made on the first request, inside the event loop (aiohttp requires one).
        connector = IdleBoundConnector(
            max_idle=limits.max_keepalive_connections,
            limit=limits.max_connections or 0,  # 0: no limit, as None is for httpx
            keepalive_timeout=limits.keepalive_expiry,
            ssl=ssl_context,
        )
        # No cookie jar: the pool is shared by every team's calls. Proxies come from httpx (one
        # transport per proxy, as httpx mounts them), not from aiohttp's own reading of the
        # environment.
        client = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False
        )
        # aiohttp sends a GET, PUT or DELETE once more by itself when the connection drops; the
        # SDK's retries (their count, backoff and deadline) are the only ones. The fault matrix
        # counts every attempt, so a change of this switch in aiohttp shows there.
        client._retry_connection = False
        return client

    return session


def _transport(
    verify: ssl.SSLContext | str | bool,
    cert: CertTypes | None,
    trust_env: bool,
    limits: httpx.Limits,
    proxy: httpx.Proxy | None = None,
) -> AiohttpTransport:
    transport = AiohttpTransport(verify=verify, cert=cert, trust_env=trust_env, proxy=proxy)
    # The TLS context httpx would use (certifi, or SSL_CERT_FILE / SSL_CERT_DIR with trust_env).
    transport.client = _session_factory(transport.ssl_context, limits)
    return transport


class _NoCookies(httpx.Cookies):
    """No cookies, ever: a response's Set-Cookie headers are not even read."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class AiohttpPool(httpx.AsyncClient):
    """An `httpx.AsyncClient` whose connections, direct or through a proxy of the environment,
    are aiohttp's. With `keep_cookies=False` it neither keeps nor sends cookies."""

    def __init__(self, *, keep_cookies: bool = True, **options: Any) -> None:
        self._no_cookies = None if keep_cookies else _NoCookies()
        super().__init__(**options)

    @property
    def cookies(self) -> httpx.Cookies:
        return self._no_cookies if self._no_cookies is not None else super().cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        if self._no_cookies is None:
            httpx.AsyncClient.cookies.fset(self, cookies)  # type: ignore[attr-defined]

    def _init_transport(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: CertTypes | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
        **_: Any,
    ) -> httpx.AsyncBaseTransport:
        if transport is not None:
            return transport
        return _transport(verify, cert, trust_env, limits)

    def _init_proxy_transport(
        self,
        proxy: httpx.Proxy,
        verify: ssl.SSLContext | str | bool = True,
        cert: CertTypes | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
        **_: Any,
    ) -> httpx.AsyncBaseTransport:
        return _transport(verify, cert, trust_env, limits, proxy)


def open_pool(
    *,
    headers: dict[str, str],
    timeout: httpx.Timeout,
    limits: httpx.Limits,
    keep_cookies: bool = True,
) -> httpx.AsyncClient:
    """The SDK's own pool: TLS verified, proxies and certificates from the environment as httpx
    reads them, `limits` applied to aiohttp's connector. A `Gigstack` pool is shared by every
    team's calls, so it keeps no cookies."""
    return AiohttpPool(headers=headers, timeout=timeout, limits=limits, keep_cookies=keep_cookies)
