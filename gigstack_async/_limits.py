"""Reading a response body with a size cap, counted after decompression."""

from __future__ import annotations

import httpx

from ._exceptions import ResponseTooLargeError

_EMPTY = httpx.ByteStream(b"")


async def read_capped(response: httpx.Response, limit: int) -> None:
    """Read the body of a streamed response into `response.content`, or raise
    ResponseTooLargeError as soon as more than `limit` decoded bytes arrived. The stream is
    closed either way."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise ResponseTooLargeError(limit, response=response)
            chunks.append(chunk)
    finally:
        await response.aclose()
        # Dropping the stream breaks httpx's response <-> stream reference cycle, so each body
        # is freed at once, not by the cyclic GC.
        response.stream = _EMPTY
    # httpx keeps a read body in `_content` (what `aread()` sets); the body was read here instead
    # so that it could be counted while it was decoded.
    response._content = b"".join(chunks)


def check_max_response_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_response_bytes must be a positive int, got {value!r}")
    return value
