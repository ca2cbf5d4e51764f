"""The API key: checked once when the client is made, then sent as an httpx auth flow.

httpx adds the header itself, for the SDK's pool and a caller's `http_client` alike, so no code of
ours holds the Authorization header; once the response is back the request keeps a redacted value
only.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator

import httpx

from ._exceptions import GigstackError

REDACTED = "<redacted>"


def check_api_key(key: object) -> str:
    """The key as given, or a GigstackError saying what is wrong with it (never the key itself)."""
    if not isinstance(key, str):
        raise GigstackError(f"The API key must be a string, not {type(key).__name__}.")
    if not key.strip():
        raise GigstackError("The API key is blank: pass the key from the gigstack dashboard.")
    if key != key.strip():
        raise GigstackError(
            "The API key has a space, tab or line break before or after it: copy it again "
            "without the surrounding blanks."
        )
    for position, char in enumerate(key, start=1):
        if not char.isascii():
            raise GigstackError(
                f"The API key has a non-ASCII character at position {position}: gigstack keys "
                "are plain ASCII, so it was probably mistyped or copied with extra characters."
            )
        if not char.isprintable() or char.isspace():
            raise GigstackError(
                f"The API key has a space or control character at position {position}: copy "
                "it again from the gigstack dashboard."
            )
    return key


class BearerAuth(httpx.Auth):
    """Adds the key to each request as it is sent, and replaces it with a redacted value as soon
    as the response (or the failure) is back, so the request a response or an error carries, and
    any pickle, log or traceback of it, never holds the key. Each attempt sets it again."""

    __slots__ = ("_value",)

    def __init__(self, api_key: str) -> None:
        self._value = f"Bearer {check_api_key(api_key)}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._value
        try:
            yield request
        finally:
            request.headers["Authorization"] = REDACTED

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        # The same flow without httpx's wrapper of the sync one. httpx closes the flow whatever
        # happens to the send, which runs the `finally` at once.
        request.headers["Authorization"] = self._value
        try:
            yield request
        finally:
            request.headers["Authorization"] = REDACTED

    def __repr__(self) -> str:
        return f"BearerAuth({REDACTED})"
