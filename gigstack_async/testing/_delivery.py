"""Delivering webhook events: to an ASGI app in process, or over HTTP to a loopback address;
retried with backoff on a non-2xx or a slow answer; every attempt journaled."""

from __future__ import annotations

import asyncio
import ipaddress
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from starlette.types import ASGIApp

from ._events import Event
from ._webhook_config import Target

MAX_ENTRIES = 10_000  # the journal keeps the latest attempts


@dataclass(frozen=True)
class WebhookDelivery:
    """One attempt to deliver an event to a webhook.

    `status` is the HTTP status the receiver answered, or None when it gave no answer (it took
    longer than the timeout, the connection failed, or there was nowhere to deliver); `error`
    then says why. `attempt` counts from 1; `duration` is in seconds."""

    event_id: str
    event: str
    webhook_id: str
    team: str
    url: str
    attempt: int
    status: int | None
    duration: float
    error: str | None

    @property
    def ok(self) -> bool:
        """Whether the receiver answered with a 2xx."""
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class DeliveryPolicy:
    max_attempts: int = 4
    first_retry_after: float = 0.05  # seconds; doubled after each failed retry
    timeout: float = 5.0  # a slower answer counts as a failure, as with gigstack

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or self.max_attempts < 1:
            raise ValueError(f"max_attempts must be an int >= 1, got {self.max_attempts!r}")
        if self.first_retry_after < 0:
            raise ValueError(f"first_retry_after must be >= 0, got {self.first_retry_after!r}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {self.timeout!r}")

    def wait_before(self, attempt: int) -> float:
        return float(self.first_retry_after * 2 ** (attempt - 2))


class Undeliverable(Exception):
    """No app was given for the URL's host and the host is not this machine: retrying is futile."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


Apps = ASGIApp | Mapping[str, ASGIApp] | None


class Deliverer:
    """Runs the deliveries as tasks of the event loop that served the request which caused them;
    the events of one webhook are delivered in the order they happened."""

    def __init__(self) -> None:
        self.policy = DeliveryPolicy()
        self.apps: Apps = None
        self._lock = threading.Lock()
        self._journal: deque[WebhookDelivery] = deque(maxlen=MAX_ENTRIES)
        self._pending: set[asyncio.Task[None]] = set()
        self._latest: dict[str, asyncio.Task[None]] = {}  # webhook id -> its newest delivery

    def schedule(self, event: Event, target: Target) -> None:
        """Start delivering (from a coroutine of the loop serving the fake)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            previous = self._latest.get(target.webhook_id)
            if previous is not None and (previous.done() or previous.get_loop() is not loop):
                previous = None
            task = loop.create_task(self._deliver(event, target, previous, self.policy))
            self._pending.add(task)
            self._latest[target.webhook_id] = task
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        with self._lock:
            self._pending.discard(task)

    async def _deliver(
        self,
        event: Event,
        target: Target,
        previous: asyncio.Task[None] | None,
        policy: DeliveryPolicy,
    ) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        headers = target.headers_for(event.body)
        for attempt in range(1, policy.max_attempts + 1):
            if attempt > 1:
                await asyncio.sleep(policy.wait_before(attempt))
            started = time.perf_counter()
            status: int | None = None
            error: str | None = None
            retry = True
            try:
                status = await asyncio.wait_for(
                    self._post(target.url, event.body, headers), policy.timeout
                )
            except asyncio.TimeoutError:
                error = f"no answer within {policy.timeout:g} s"
            except Undeliverable as exc:
                error, retry = str(exc), False
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # the app under test crashed: a server would answer 500
                status, error = 500, f"the app raised {type(exc).__name__}: {exc}"
            record = WebhookDelivery(
                event_id=event.id,
                event=event.type,
                webhook_id=target.webhook_id,
                team=event.team,
                url=target.url,
                attempt=attempt,
                status=status,
                duration=time.perf_counter() - started,
                error=error,
            )
            with self._lock:
                self._journal.append(record)
            if record.ok or not retry:
                return

    async def _post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        app = self._app_for(url)
        if app is not None:
            transport = httpx.ASGITransport(app=app)
            client = httpx.AsyncClient(transport=transport, trust_env=False)
        elif is_loopback(urlsplit(url).hostname or ""):
            client = httpx.AsyncClient(trust_env=False)
        else:
            raise Undeliverable(
                f"not delivered: no app was given for {urlsplit(url).hostname} "
                "(deliver_webhooks_to) and only loopback hosts are called over HTTP"
            )
        async with client:
            response = await client.post(url, content=body, headers=headers)
            return response.status_code

    def _app_for(self, url: str) -> ASGIApp | None:
        apps = self.apps
        if apps is None or not isinstance(apps, Mapping):
            return apps
        parts = urlsplit(url)
        return apps.get(parts.netloc) or apps.get(parts.hostname or "")

    def deliveries(self) -> list[WebhookDelivery]:
        with self._lock:
            return list(self._journal)

    def clear(self) -> None:
        with self._lock:
            self._journal.clear()

    async def drain(self) -> None:
        """Wait until no delivery is pending, those that start meanwhile included."""
        here = asyncio.get_running_loop()
        while True:
            with self._lock:
                tasks = [task for task in self._pending if not task.get_loop().is_closed()]
            if not tasks:
                return
            for task in tasks:
                loop = task.get_loop()
                if loop is here:
                    await asyncio.wait([task])
                else:  # served from another thread's loop
                    waiting = asyncio.run_coroutine_threadsafe(asyncio.wait([task]), loop)
                    await asyncio.wrap_future(waiting)
