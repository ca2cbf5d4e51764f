"""A receiving app for the fake's webhook deliveries: it records what arrives and answers with the
statuses it is told to, and a way to serve an ASGI app on a loopback port from a thread."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from gigstack_async.webhooks import WebhookEvent, parse_event


@dataclass(frozen=True)
class Received:
    url: str
    headers: dict[str, str]
    body: bytes
    event: WebhookEvent[Any]


class Receiver:
    """Records every POST it gets; answers each with the next of `answers` (200 once they run
    out). An answer of None never comes: the request hangs until the sender gives up, and an
    exception is raised from the app."""

    def __init__(self, *answers: int | Exception | None) -> None:
        self.received: list[Received] = []
        self.answers: deque[int | Exception | None] = deque(answers)
        self.app = Starlette(routes=[Route("/{path:path}", self.endpoint, methods=["POST"])])

    async def endpoint(self, request: Request) -> Response:
        body = await request.body()
        event = parse_event(body, request.headers)
        self.received.append(Received(str(request.url), dict(request.headers), body, event))
        answer = self.answers.popleft() if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        if answer is None:
            await asyncio.Event().wait()  # never set
        return Response(status_code=answer or 200)

    @property
    def types(self) -> list[str]:
        return [str(item.event.type) for item in self.received]


@contextmanager
def served(app: ASGIApp) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port, from a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        give_up = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > give_up:
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
