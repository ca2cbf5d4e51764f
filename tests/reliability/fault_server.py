"""A tiny HTTP/1.1 server on loopback whose every answer is scripted, down to the socket.

Built on raw asyncio streams so that it can misbehave where a framework would not let it: reset
the connection, stall after the headers, promise a body it never sends. Each request takes the
next action of the script (the default reply once the script is spent), and the server keeps what
it saw: every request, the open connections, and the records a real server would have created.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
import struct
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

MAX_HEAD = 64 * 1024
HANG_UP_WAIT = 10.0  # a stalled response waits at most this long for the client to give up

REASONS = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error"}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    connection: int  # which accepted connection carried it
    received_at: float  # event loop time

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def idempotency_key(self) -> str | None:
        if not self.headers.get("content-type", "").startswith("application/json"):
            return None  # an upload, say
        payload = self.json()
        key = payload.get("idempotency_key") if isinstance(payload, dict) else None
        return key if isinstance(key, str) else None


class Action(Protocol):
    # Whether a real server would have done the work (created the record) before this answer.
    processes: bool

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        """Answer the request; return whether the connection stays open for the next one."""
        ...


def _head(status: int, headers: Mapping[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


@dataclass
class Reply:
    """A complete response. `body` is JSON when it is not bytes."""

    status: int = 200
    body: Any = field(default_factory=lambda: {"message": "ok", "data": {"id": "res_1"}})
    # A callable value is computed when the answer is sent (e.g. an HTTP date relative to now).
    headers: Mapping[str, str | Callable[[], str]] = field(default_factory=dict)
    content_type: str = "application/json"
    delay: float = 0.0

    @property
    def processes(self) -> bool:
        return self.status not in (429, 503)  # the statuses that say "not done, try again"

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        if self.delay:
            await asyncio.sleep(self.delay)
        body = self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()
        headers = {"Content-Type": self.content_type, "Content-Length": str(len(body))}
        for name, value in self.headers.items():
            headers[name] = value() if callable(value) else value
        writer.write(_head(self.status, headers) + body)
        await writer.drain()
        return True


@dataclass
class Reset:
    """The work is done, then the connection is reset (RST) before any byte of the response."""

    processes: bool = True

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
        return False


@dataclass
class HangUp:
    """The work is done, then the connection is closed (FIN) without a byte of the response."""

    processes: bool = True

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        return False


@dataclass
class StallAfterHeaders:
    """Status line and headers, then silence until the client gives up."""

    processes: bool = True

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        writer.write(_head(200, {"Content-Type": "application/json", "Content-Length": "64"}))
        await writer.drain()
        with contextlib.suppress(asyncio.TimeoutError, ConnectionError):
            await asyncio.wait_for(reader.read(), HANG_UP_WAIT)
        return False


@dataclass
class CutBody:
    """Promises a longer body than it sends, then closes the connection."""

    sent: bytes = b'{"message": "ok", "data": {"id": "res'
    promised: int = 200
    processes: bool = True

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        head = {"Content-Type": "application/json", "Content-Length": str(self.promised)}
        writer.write(_head(200, head) + self.sent)
        await writer.drain()
        return False


@dataclass
class Drip:
    """A 200 whose body arrives one byte at a time, each just inside the client's read timeout."""

    interval: float
    length: int = 1000
    processes: bool = True

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        writer.write(
            _head(200, {"Content-Type": "application/json", "Content-Length": str(self.length)})
        )
        for _ in range(self.length):
            await writer.drain()
            await asyncio.sleep(self.interval)
            writer.write(b" ")
        await writer.drain()
        return True


class Gather:
    """Holds each request until `size` are held at once (or `wait` seconds pass), then answers
    them all: `most_held` is how many requests the client managed to have in flight together."""

    processes = True

    def __init__(self, size: int, wait: float, reply: Action | None = None) -> None:
        self.size = size
        self.wait = wait
        self.reply: Action = reply or Reply()
        self.held = 0
        self.most_held = 0
        self._full = asyncio.Event()

    async def __call__(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader) -> bool:
        self.held += 1
        self.most_held = max(self.most_held, self.held)
        if self.held >= self.size:
            self._full.set()
        try:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._full.wait(), self.wait)
        finally:
            self.held -= 1
        return await self.reply(writer, reader)


class FaultServer:
    def __init__(self, default: Action | None = None) -> None:
        self.default: Action = default or Reply()
        self.script: deque[Action] = deque()
        self.requests: list[Request] = []
        self.records_created = 0  # what a real server with idempotency keys would have stored
        self.open_connections = 0
        self.max_open_connections = 0
        self.connections_accepted = 0
        self._keys_processed: set[str] = set()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._connections_changed = asyncio.Condition()
        self._request_arrived = asyncio.Condition()
        self.url = ""

    def then(self, *actions: Action) -> FaultServer:
        self.script.extend(actions)
        return self

    @property
    def attempts(self) -> int:
        return len(self.requests)

    @property
    def idempotency_keys(self) -> list[str | None]:
        return [request.idempotency_key for request in self.requests]

    async def start(self, tls: ssl.SSLContext | None = None) -> FaultServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=tls)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5.0)

    async def wait_for_open_connections(self, at_most: int, timeout: float = 5.0) -> int:
        """The open connection count once it is at most `at_most` (or when `timeout` ends)."""

        async def settled() -> None:
            async with self._connections_changed:
                await self._connections_changed.wait_for(lambda: self.open_connections <= at_most)

        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(settled(), timeout)
        return self.open_connections

    async def wait_for_requests(self, count: int, timeout: float = 5.0) -> int:
        """The number of requests seen, once it is at least `count` (or when `timeout` ends)."""

        async def arrived() -> None:
            async with self._request_arrived:
                await self._request_arrived.wait_for(lambda: len(self.requests) >= count)

        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(arrived(), timeout)
        return len(self.requests)

    # -- serving -------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        self.connections_accepted += 1
        connection = self.connections_accepted
        self.open_connections += 1
        self.max_open_connections = max(self.max_open_connections, self.open_connections)
        try:
            while True:
                request = await self._read(reader, connection)
                if request is None:
                    break
                self.requests.append(request)
                async with self._request_arrived:
                    self._request_arrived.notify_all()
                action = self.script.popleft() if self.script else self.default
                if action.processes:
                    self._process(request)
                if not await action(writer, reader):
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self.open_connections -= 1
            async with self._connections_changed:
                self._connections_changed.notify_all()
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()
            self._tasks.discard(task)

    def _process(self, request: Request) -> None:
        if request.method != "POST":
            return
        key = request.idempotency_key
        if key is not None and key in self._keys_processed:
            return  # a retry of work already done: the stored record is returned, none is added
        if key is not None:
            self._keys_processed.add(key)
        self.records_created += 1

    @staticmethod
    async def _read(reader: asyncio.StreamReader, connection: int) -> Request | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return None  # the client closed the connection between requests
        if len(head) > MAX_HEAD:
            return None
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await reader.readexactly(length) if length else b""
        url = urlsplit(target)
        return Request(
            method=method,
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            headers=headers,
            body=body,
            connection=connection,
            received_at=asyncio.get_running_loop().time(),
        )
