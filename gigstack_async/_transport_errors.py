"""What a failed send really was, read from the exception raised underneath httpx.

The aiohttp transport raises every aiohttp connection error as `httpx.ConnectTimeout`, a server
that hangs up after the request was sent included. Whether a request may have been processed, and
whether it timed out, is therefore read from the aiohttp exception it chains (`__cause__`); errors
of other transports (httpx's own) are taken as they are.
"""

from __future__ import annotations

import sys

import httpx


def aiohttp_cause(exc: BaseException) -> BaseException | None:
    """The first aiohttp exception in `exc`'s chain, if aiohttp raised one."""
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is None:  # not loaded: no aiohttp exception can exist
        return None
    seen: set[int] = set()
    link = exc.__cause__ or exc.__context__
    while link is not None and id(link) not in seen:
        if isinstance(link, aiohttp.ClientError):
            return link  # type: ignore[no-any-return]
        seen.add(id(link))
        link = link.__cause__ or link.__context__
    return None


def failed_to_connect(exc: httpx.HTTPError) -> bool:
    """Whether the request provably never reached the server: no connection could be made, or
    none became free in time."""
    cause = aiohttp_cause(exc)
    if cause is None:
        return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
    from aiohttp import ClientConnectorError, ConnectionTimeoutError

    return isinstance(cause, (ClientConnectorError, ConnectionTimeoutError))


def as_httpx_error(exc: httpx.TransportError) -> httpx.TransportError:
    """`exc`, or an httpx error of the class that says what happened (the class httpx's own
    transport would have raised), when the transport's class says otherwise."""
    cause = aiohttp_cause(exc)
    if cause is None:
        return exc
    import aiohttp

    kind: type[httpx.TransportError]
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        kind = httpx.ConnectTimeout  # no connection, or no free slot, in time
    elif isinstance(cause, aiohttp.ServerTimeoutError):
        kind = httpx.ReadTimeout
    elif isinstance(cause, aiohttp.ClientConnectorError):
        kind = httpx.ConnectError
    elif isinstance(cause, aiohttp.ServerDisconnectedError):
        kind = httpx.RemoteProtocolError
    elif isinstance(cause, aiohttp.ClientConnectionError):
        kind = httpx.NetworkError  # reset or broken after the connection was made
    else:
        return exc
    if type(exc) is kind:
        return exc
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:  # raised before httpx attached the request
        request = None
    return kind(str(exc) or type(cause).__name__, request=request)
