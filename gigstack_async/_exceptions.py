"""The error hierarchy. Everything the SDK raises about a call is a `GigstackError`."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "GigstackError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "UnprocessableEntityError",
]

_MACHINE_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SNIPPET = 200


class GigstackError(Exception):
    """Base of every error the SDK raises.

    `idempotency_key` is the key the failed call sent (None when it sent none): repeat a failed or
    cancelled create with that key and the server does the work at most once.
    """

    idempotency_key: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its attributes, not its constructor, so every subclass pickles (for
        # multiprocessing and task queues) whatever its constructor's keywords are.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[GigstackError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class APIConnectionError(GigstackError):
    """The request did not get a response: connection refused, reset, DNS, TLS, protocol..."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None):
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, write, read or pool)."""

    def __init__(
        self, message: str = "Request timed out.", *, request: httpx.Request | None = None
    ):
        super().__init__(message, request=request)


class APIStatusError(GigstackError):
    """gigstack answered with an error: a non-2xx status, or a 2xx body with `success: false`.

    `code` is gigstack's machine code (e.g. `validation_failed`) when the body carries one.
    """

    status_code: int
    code: str | None
    message: str
    body: Any
    response: httpx.Response

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, code: str | None
    ) -> None:
        super().__init__(f"{response.status_code} {code or 'error'}: {message}")
        self.status_code = response.status_code
        self.code = code
        self.message = message
        self.body = body
        self.response = response


class BadRequestError(APIStatusError):
    """400: the request failed validation."""


class AuthenticationError(APIStatusError):
    """401: missing, invalid or expired API key."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this, or may not act for that team."""


class NotFoundError(APIStatusError):
    """404: no such resource for this team."""


class ConflictError(APIStatusError):
    """409: conflict with the current state."""


class UnprocessableEntityError(APIStatusError):
    """422: well formed, but breaks a business rule."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """5xx: gigstack or one of its upstreams failed."""


class APIResponseValidationError(GigstackError):
    """A 2xx response whose body the models cannot read. `body` holds the raw text."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = response.text


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _decode(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to read: keep the text
        return response.text


def status_error(response: httpx.Response) -> APIStatusError:
    """The typed error for an error response, reading both documented error shapes."""
    body = _decode(response)
    code: str | None = None
    message: str | None = None
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            code = error.get("code") if isinstance(error.get("code"), str) else None
            message = error.get("message") if isinstance(error.get("message"), str) else None
        elif isinstance(error, str):
            # `error` is a machine code or, in the migration guide's example, free text.
            code = error if _MACHINE_CODE.match(error) else None
            message = None if code else error
        if message is None and isinstance(body.get("message"), str):
            message = body["message"]
    elif isinstance(body, str) and body.strip():
        message = " ".join(body.split())[:_SNIPPET]
    if not message:
        message = response.reason_phrase or f"HTTP {response.status_code}"
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(message, response=response, body=body, code=code)


class ResponseTooLargeError(GigstackError):
    """The response body was larger than the client's `max_response_bytes` (counted after
    decompression): the read stopped there and the body was dropped."""

    def __init__(self, limit: int, *, response: httpx.Response) -> None:
        super().__init__(
            f"The response to {response.request.method} {response.request.url.path} was larger "
            f"than {limit:,} bytes (HTTP {response.status_code}); it was not read. Raise "
            "Gigstack(max_response_bytes=...) if such a body is expected."
        )
        self.limit = limit
        self.status_code = response.status_code
        self.request = response.request


class InvalidRequestError(GigstackError, ValueError):
    """The request could not be built from the values given (for example a URL longer than HTTP
    clients accept, as a very long page cursor or filter makes it)."""


class ClientClosedError(GigstackError):
    """The client (or the `http_client` it was given) was closed before this call."""

    def __init__(self) -> None:
        super().__init__(
            "This Gigstack client is closed: make calls inside `async with Gigstack(...)`, or "
            "before `await gs.aclose()`."
        )
