"""The server every client variant talks to: a separate process on 127.0.0.1.

A bare asyncio HTTP/1.1 keep-alive server answering from bodies encoded once at start, so that it
spends as little as possible per request and the differences measured are the clients'.

    python -m bench.server --pages 1000     # prints the port, then serves until killed

Routes: GET /v2/clients/{id}, GET /v2/invoices/income?limit=&next= (cursor pages of invoices,
`--pages` long), GET /v1/models/{id} (for the OpenAI SDK), GET /stats (connections opened).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

from . import payloads

_HEAD = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
_REASONS = {200: b"OK", 400: b"Bad Request", 404: b"Not Found"}


def response(body: bytes, status: int = 200) -> bytes:
    return _HEAD % (status, _REASONS[status], len(body)) + body


class Routes:
    """Maps a request target to the full response bytes."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.client = response(payloads.client_envelope())
        self.model = response(payloads.openai_model())
        self.not_found = response(
            payloads.encode({"error": {"code": "resource_not_found", "message": "Not found"}}), 404
        )
        self._page_cache: dict[int, tuple[bytes, bytes, bytes]] = {}
        self.connections = 0  # opened so far; GET /stats tells how much a variant reconnects

    def _page_parts(self, limit: int) -> tuple[bytes, bytes, bytes]:
        if limit not in self._page_cache:
            total = limit * self.pages
            before, after = payloads.invoice_page_parts(limit, total)
            last = response(payloads.invoice_page(limit, total=total))
            self._page_cache[limit] = (before, after, last)
        return self._page_cache[limit]

    def invoice_page(self, query: str) -> bytes:
        params = parse_qs(query)
        limit = int(params.get("limit", [str(payloads.PAGE_LIMIT)])[0])
        if not 1 <= limit <= payloads.PAGE_LIMIT:
            return response(payloads.encode({"error": "validation_failed"}), 400)
        cursor = params.get("next", ["c0"])[0]
        index = int(cursor[1:]) if cursor.startswith("c") and cursor[1:].isdigit() else 0
        before, after, last = self._page_parts(limit)
        if index + 1 >= self.pages:
            return last
        body = before + f"c{index + 1}".encode() + after
        return response(body)

    def answer(self, method: bytes, target: bytes) -> bytes:
        if method != b"GET":
            return self.not_found
        path, _, query = target.decode("latin-1").partition("?")
        if path.startswith("/v2/clients/"):
            return self.client
        if path == "/v2/invoices/income":
            return self.invoice_page(query)
        if path.startswith("/v1/models/"):
            return self.model
        if path == "/stats":
            return response(payloads.encode({"connections": self.connections}))
        return self.not_found


class _Connection(asyncio.Protocol):
    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.routes.connections += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            length = 0
            lowered = head.lower()
            mark = lowered.find(b"\r\ncontent-length:")
            if mark >= 0:
                value_end = lowered.find(b"\r\n", mark + 2)
                length = int(lowered[mark + 17 : value_end if value_end >= 0 else None])
            if len(self.buffer) < end + 4 + length:
                return  # wait for the rest of the body
            self.buffer = self.buffer[end + 4 + length :]
            method, target, _ = head[: head.find(b"\r\n") if b"\r\n" in head else None].split(b" ")
            self.transport.write(self.routes.answer(method, target))
            if b"\r\nconnection: close" in lowered:
                self.transport.close()
                self.transport = None

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def serve(pages: int, port: int = 0) -> None:
    routes = Routes(pages)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Connection(routes), "127.0.0.1", port, backlog=1024, reuse_address=True
    )
    bound = server.sockets[0].getsockname()[1]
    print(bound, flush=True)  # the parent reads the port from this line
    async with server:
        await server.serve_forever()


@contextlib.contextmanager
def running(pages: int) -> Iterator[str]:
    """Start the server in its own process; yield its base URL (without the /v2 or /v1 part)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.server", "--pages", str(pages)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.isdigit():
            raise RuntimeError(f"the bench server did not start (said {line!r})")
        yield f"http://127.0.0.1:{line}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.pages, args.port))


if __name__ == "__main__":
    main()
