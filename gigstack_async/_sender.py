"""What the generated endpoint functions send through: one object per attempt.

Generated code calls `client.get_async_httpx_client().request(**kwargs)`; this object stands in for
that httpx client so that every request gets the base URL, the auth and default headers and the
timeout of the `Gigstack` that made it, over a connection pool shared by all its copies, and so that
the core can see the raw response even when generated parsing fails (e.g. a status such as 520).
"""

from __future__ import annotations

from typing import Any

import httpx

from ._logging import logger, redact


class Sender:
    __slots__ = ("_base_url", "_headers", "_http", "_timeout", "response")

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        headers: dict[str, str],
        timeout: httpx.Timeout | httpx._client.UseClientDefault | None,
    ) -> None:
        self._http = http
        self._base_url = base_url
        self._headers = headers
        self._timeout = timeout
        self.response: httpx.Response | None = None

    async def request(self, *, method: str, url: str, **kwargs: Any) -> httpx.Response:
        extra = kwargs.pop("headers", None)
        headers = {**self._headers, **extra} if extra else self._headers or None
        if not kwargs.get("params"):
            # Generated code always passes `params`; an empty one makes httpx rebuild the URL.
            kwargs.pop("params", None)
        request = self._http.build_request(
            method, self._base_url + url, headers=headers, timeout=self._timeout, **kwargs
        )
        if logger.isEnabledFor(10):  # DEBUG; the check keeps redaction off the hot path
            logger.debug(
                "request %s %s headers=%s",
                method.upper(),
                request.url,
                redact(request.headers.items()),
            )
        response = await self._http.send(request)
        self.response = response
        if logger.isEnabledFor(10):
            logger.debug("response %s %s -> %s", method.upper(), request.url, response.status_code)
        return response
