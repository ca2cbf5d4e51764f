"""Which operation a request on the wire was, and whether a parsed result kept the whole payload."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

import httpx

from gigstack_async import CapturedResponse, Page
from gigstack_async._generated.registry import OPERATIONS
from gigstack_async._pagination import SearchPage


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$")


# Literal paths first: GET /teams/integrations must not be read as GET /teams/{id}.
_ROUTES = sorted(
    ((info.method, _pattern(info.path), op_id) for op_id, info in OPERATIONS.items()),
    key=lambda route: route[1].pattern.count("[^/]+"),
)


def operation_of(request: httpx.Request) -> str | None:
    # The raw path keeps ids percent-encoded, so an id never adds a segment.
    path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
    for method, pattern, op_id in _ROUTES:
        if method == request.method and pattern.match(path):
            return op_id
    return None


# How a result that is a top-level body field is decoded (the registry's `result`).
DECODERS: dict[str, Callable[[Any], Any]] = {"base64": base64.b64decode}


def wire_data(raw: CapturedResponse) -> Any:
    assert raw.response is not None, "the call recorded no response"
    return raw.response.json().get("data")


def expected_result(op_id: str, payload: dict[str, Any]) -> Any:
    """What the operation's method returns from a response body, in wire form: the decoded
    top-level field for operations whose result is one, else `data`."""
    result = OPERATIONS[op_id].result
    if result is None:
        return payload.get("data")
    field, decoding = result
    return DECODERS[decoding](payload[field])


def as_wire(result: object) -> Any:
    """The result back in wire form: models through `to_dict`, pages and lists item by item."""
    if isinstance(result, (Page, SearchPage, list)):
        return [as_wire(item) for item in result]
    to_dict = getattr(result, "to_dict", None)
    return to_dict() if callable(to_dict) else result


def assert_lossless(result: object, raw: CapturedResponse) -> None:
    """Every field of the response's `data` survived parsing (unknown ones included)."""
    assert as_wire(result) == wire_data(raw)
