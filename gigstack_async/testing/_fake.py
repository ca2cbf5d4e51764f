"""`FakeGigstack`: a stateful, in-memory gigstack API v2 for tests and demos."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import httpx
from starlette.applications import Starlette

from .._client import Gigstack
from ._app import API_PREFIX, Backend, build_app
from ._control import control_routes
from ._faults import FaultQueue
from ._journal import Journal, RecordedRequest
from ._spec import bundled_spec
from ._store import World
from ._validation import SpecValidator

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
        backend = Backend(
            self._world, _shared_validator(), self._faults, self._journal, check_responses
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
        gs = Gigstack(base_url=BASE_URL, http_client=http, **options)
        # The pool was made for this client alone, so it is this client's to close (copies made
        # with for_team/with_options never close it).
        gs._owns_http = True
        return gs

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

    def __repr__(self) -> str:
        return f"FakeGigstack(default_team={self.default_team!r})"
