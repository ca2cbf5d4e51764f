"""The API key as an httpx auth flow: httpx adds the header itself, for the SDK's pool and a
caller's `http_client` alike, so no code of ours holds the Authorization header."""

from __future__ import annotations

from collections.abc import Generator

import httpx


class BearerAuth(httpx.Auth):
    __slots__ = ("_value",)

    def __init__(self, api_key: str) -> None:
        self._value = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._value
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(<redacted>)"
