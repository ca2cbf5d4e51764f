"""`FakeGigstack`: a stateful, in-memory gigstack API v2 for tests and demos."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.types import ASGIApp

from .._client import Gigstack
from ._app import API_PREFIX, Backend, build_app
from ._control import control_routes
from ._delivery import DeliveryPolicy, WebhookDelivery
from ._faults import FaultQueue
from ._journal import Journal, RecordedRequest
from ._spec import bundled_spec
from ._store import World
from ._validation import SpecValidator
from ._webhook_hub import WebhookHub

BASE_URL = "http://fake.gigstack.local" + API_PREFIX


@lru_cache(maxsize=1)
def _shared_validator() -> SpecValidator:
    # Validators are compiled lazily and kept; every fake of the process shares them.
    return SpecValidator(bundled_spec())


class FakeGigstack:
    """The gigstack API v2 in memory: every operation of the SDK's spec, with the documented
    behaviour (ids, envelopes, cursor pagination, Connect teams, errors, idempotency keys).

        fake = FakeGigstack()
        async with fake.client() as gs:
            client = await gs.clients.create({"legal_name": "Empresa SA de CV"})

    The API key `api_key` belongs to `default_team`; `teams` are more teams of the same billing
    account, which the key may act for through gigstack Connect (`team=`), as may teams created
    with `teams.create`. A `team=` outside the account is answered 403 `forbidden`.

    Requests are validated against the spec (400 `validation_failed`, with the failing fields in
    `error.details`). With `check_responses` (the default) every answer is also validated against
    the spec's response schema, and a mismatch raises `FakeSpecViolation` instead of being sent.

    What changes the fake's state sends webhook events (`payment.succeeded`, ...) to the team's
    webhooks: see `add_webhook`, `deliver_webhooks_to` and `drain_webhooks`.
    """

    def __init__(
        self,
        api_key: str = "sk_test_fake",
        default_team: str = "team_default",
        *,
        teams: Iterable[str] = (),
        check_responses: bool = True,
    ) -> None:
        self.api_key = api_key
        self.default_team = default_team
        self._world = World()
        # The keys and teams given here or added later, replayed by `reset`.
        self._setup: list[Callable[[World], object]] = []
        self._configure(lambda world: world.add_account(api_key, default_team))
        for team_id in teams:
            self.add_team(team_id)
        self._faults = FaultQueue()
        self._journal = Journal()
        self._webhooks = WebhookHub(self._world)
        backend = Backend(
            self._world,
            _shared_validator(),
            self._faults,
            self._journal,
            check_responses,
            self._webhooks,
        )
        self.app: Starlette = build_app(backend, control_routes(self))

    @property
    def base_url(self) -> str:
        """The base URL of the clients made by `client()` (never resolved: no socket is used)."""
        return BASE_URL

    def client(self, **options: Any) -> Gigstack:
        """A `Gigstack` wired to this fake in-process (no network). Takes the options of
        `Gigstack` (`team=`, `max_retries=`, `api_key=` of another account...). Closing it
        (`async with`, `aclose()`) closes the connection it was made with."""
        if "http_client" in options or "base_url" in options:
            raise TypeError("client() makes its own http_client and base_url")
        options.setdefault("api_key", self.api_key)
        options.setdefault("allow_insecure_http", True)  # in-process: nothing crosses a network
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app))
        checked = Gigstack(base_url=BASE_URL, http_client=http, **options)
        # The pool was made for this client alone, so it is this client's to close (copies made
        # with for_team/with_options never close it).
        return Gigstack._from_requester(checked._core, owns_http=True)

    def fail_next(
        self,
        status: int = 503,
        times: int = 1,
        *,
        retry_after: float | None = 0,
        code: str | None = None,
    ) -> None:
        """Answer the next `times` requests to API operations with `status` and the error
        envelope (`code` defaults to the status's usual one, e.g. 503 `service_unavailable`),
        without processing them. `Retry-After: <retry_after>` is sent unless it is None."""
        self._faults.add(status, times, retry_after, code)

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests answered so far (the latest 10,000), oldest first."""
        return self._journal.entries()

    def clear_requests(self) -> None:
        self._journal.clear()

    def add_team(self, team_id: str, *, name: str | None = None) -> None:
        """Another team of the key's billing account (a gigstack Connect team)."""
        api_key, fields = self.api_key, {"name": name or team_id}
        self._configure(lambda world: world.add_team(world.accounts[api_key], team_id, fields))

    def add_account(self, api_key: str, team_id: str) -> None:
        """Another billing account with its own key and team: none of its data, teams or users
        are reachable with the other keys."""
        self._configure(lambda world: world.add_account(api_key, team_id))

    def reset(self) -> None:
        """Back to an empty world: no records, no teams or users made through the API, no
        pending `fail_next` failures, no recorded requests. The keys and teams given to the
        constructor, `add_team` and `add_account` stay."""
        with self._world.lock:
            self._world.accounts.clear()
            self._world.teams.clear()
            for step in self._setup:
                step(self._world)
        self._faults.clear()
        self._journal.clear()

    def _configure(self, step: Callable[[World], object]) -> None:
        with self._world.lock:
            step(self._world)
        self._setup.append(step)

    def add_webhook(
        self,
        url: str,
        events: Iterable[str] = (),
        *,
        team: str | None = None,
        signing: bool = False,
        headers: Mapping[str, str] | None = None,
        description: str | None = None,
        status: str = "active",
    ) -> str:
        """Register a webhook of `team` (default: `default_team`), as gigstack's web app would, and
        return its id (`wh_...`). It is the same record the API's webhook operations show.

        `events` are the event names it receives (none: every event; `canceled` and `cancelled`
        match each other). With `signing`, each delivery carries `X-Gigstack-Signature`, the hex
        HMAC-SHA256 of the raw body keyed with `webhook_secret(id)`; `headers` (for example
        `{"X-Webhook-Token": "s3cret"}`) are sent with each delivery. An `inactive` webhook
        receives nothing."""
        with self._world.lock:
            team_state = self._world.teams.get(team or self.default_team)
            if team_state is None:
                raise ValueError(f"The fake has no team {team!r}")
            return self._webhooks.registry.add(
                team_state,
                url,
                events,
                signing=signing,
                headers=headers or {},
                description=description,
                status=status,
            )

    def configure_webhook(
        self,
        webhook_id: str,
        *,
        signing: bool | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Turn signing on or off, or replace the custom headers, of any webhook of the fake
        (one made with the API's webhook operations too): what gigstack's web app sets. None
        leaves a setting as it is; turning signing on again keeps the secret."""
        with self._world.lock:
            self._webhooks.registry.configure(webhook_id, signing=signing, headers=headers)

    def webhook_secret(self, webhook_id: str) -> str:
        """The secret a signing webhook signs its deliveries with (`whsec_...`), for
        `verify_signature`. Raises ValueError for an unknown webhook or one that does not sign."""
        with self._world.lock:
            return self._webhooks.registry.secret(webhook_id)

    def deliver_webhooks_to(self, apps: ASGIApp | Mapping[str, ASGIApp] | None) -> None:
        """Where deliveries go: one ASGI app (Starlette, FastAPI...) receives every delivery, in
        process; a mapping from host (`"shop.example"`, or `"shop.example:8443"`) to app sends
        each delivery to the app of its URL's host. A URL without an app, or every URL after
        `deliver_webhooks_to(None)`, is called over HTTP when its host is this machine
        (`localhost`, `127.0.0.1`, `::1`) and not delivered otherwise."""
        self._webhooks.deliverer.apps = apps

    def configure_webhook_delivery(
        self,
        *,
        max_attempts: int = 4,
        first_retry_after: float = 0.05,
        timeout: float = 5.0,
    ) -> None:
        """How events are delivered from now on: an answer other than a 2xx, or none within
        `timeout` seconds, is retried after `first_retry_after` seconds, then twice as long
        each time, until `max_attempts` attempts were made."""
        self._webhooks.deliverer.policy = DeliveryPolicy(max_attempts, first_retry_after, timeout)

    @property
    def deliveries(self) -> list[WebhookDelivery]:
        """Every delivery attempt so far (the latest 10,000), oldest first."""
        return self._webhooks.deliverer.deliveries()

    def clear_deliveries(self) -> None:
        self._webhooks.deliverer.clear()

    async def drain_webhooks(self) -> None:
        """Wait until every pending delivery is done (retries included). Call it before checking
        what your app received, and before a test ends."""
        await self._webhooks.deliverer.drain()

    def __repr__(self) -> str:
        return f"FakeGigstack(default_team={self.default_team!r})"
