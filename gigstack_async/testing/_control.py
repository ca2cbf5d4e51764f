"""Control endpoints of the fake, for test suites that reach it over HTTP (`python -m
gigstack_async.testing`), beside the API under the reserved prefix `/_fake/`:

    POST   /_fake/reset       back to an empty world, as when it started
    POST   /_fake/fail_next   {"status": 503, "times": 1, "retry_after": 0, "code": null}
    GET    /_fake/requests    the requests answered so far, oldest first
    DELETE /_fake/requests    forget them

They answer loopback clients only (403 `forbidden` otherwise) and need no API key.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ._errors import FakeAPIError, bad_request, default_code
from ._journal import RecordedRequest

CONTROL_PREFIX = "/_fake"
_FAIL_NEXT_FIELDS = ("status", "times", "retry_after", "code")


class Controlled(Protocol):
    """What the endpoints act on: the in-process API of `FakeGigstack`."""

    def reset(self) -> None: ...

    def fail_next(
        self,
        status: int = 503,
        times: int = 1,
        *,
        retry_after: float | None = 0,
        code: str | None = None,
    ) -> None: ...

    @property
    def requests(self) -> list[RecordedRequest]: ...

    def clear_requests(self) -> None: ...


def is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 from dual-stack sockets
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def _answer(status: int, payload: dict[str, Any]) -> Response:
    content = json.dumps(payload, ensure_ascii=False).encode()
    return Response(content, status, media_type="application/json")


Endpoint = Callable[[Request], Awaitable[Response]]


def _guarded(action: Callable[[Request, bytes], dict[str, Any]]) -> Endpoint:
    """Refuse other than loopback clients; answer a raised FakeAPIError with its envelope."""

    async def endpoint(request: Request) -> Response:
        if not is_loopback(request.client.host if request.client else None):
            error = FakeAPIError(
                403, "forbidden", "The fake's control endpoints answer loopback clients only"
            )
            return _answer(error.status, error.body())
        try:
            return _answer(200, action(request, await request.body()))
        except FakeAPIError as error:
            return _answer(error.status, error.body())

    return endpoint


def _fail_next_arguments(raw: bytes) -> dict[str, Any]:
    """The JSON body of `fail_next`: an object with the arguments of `FakeGigstack.fail_next`
    (all optional); an empty body takes the defaults."""
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise bad_request("invalid_request_body", "The request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise bad_request("invalid_request_body", "Send a JSON object")
    unknown = sorted(set(body) - set(_FAIL_NEXT_FIELDS))
    problems = [f"body/{name}: unknown argument" for name in unknown]
    for name in ("status", "times"):
        value = body.get(name, 1)
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"body/{name}: must be an integer")
    retry_after = body.get("retry_after", 0)
    if retry_after is not None and (
        isinstance(retry_after, bool) or not isinstance(retry_after, int | float)
    ):
        problems.append("body/retry_after: must be a number of seconds or null")
    if not isinstance(body.get("code", ""), str | None):
        problems.append("body/code: must be a string or null")
    if problems:
        raise bad_request("validation_failed", "Invalid fail_next arguments", problems)
    return body


def control_routes(fake: Controlled) -> list[Route]:
    def reset(request: Request, raw: bytes) -> dict[str, Any]:
        fake.reset()
        return {"message": "The fake is back to an empty world", "data": {"reset": True}}

    def fail_next(request: Request, raw: bytes) -> dict[str, Any]:
        arguments = _fail_next_arguments(raw)
        status = arguments.get("status", 503)
        times = arguments.get("times", 1)
        retry_after = arguments.get("retry_after", 0)
        code = arguments.get("code")
        try:
            fake.fail_next(status, times, retry_after=retry_after, code=code)
        except ValueError as error:
            raise bad_request("invalid_field_value", str(error)) from None
        queued = {
            "status": status,
            "times": times,
            "retry_after": retry_after,
            "code": code or default_code(status),
        }
        return {"message": f"The next {times} API requests will fail", "data": queued}

    def requests(request: Request, raw: bytes) -> dict[str, Any]:
        if request.method == "DELETE":
            fake.clear_requests()
            return {"message": "Recorded requests cleared", "data": []}
        entries = [dataclasses.asdict(entry) for entry in fake.requests]
        return {"message": "Recorded requests, oldest first", "data": entries}

    return [
        Route(f"{CONTROL_PREFIX}/reset", _guarded(reset), methods=["POST"]),
        Route(f"{CONTROL_PREFIX}/fail_next", _guarded(fail_next), methods=["POST"]),
        Route(f"{CONTROL_PREFIX}/requests", _guarded(requests), methods=["GET", "DELETE"]),
    ]
