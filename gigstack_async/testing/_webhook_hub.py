"""The fake's webhooks, end to end: what a request changed becomes events, each sent to the
team's webhooks that receive it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ._delivery import Deliverer
from ._events import Snapshot
from ._store import TeamState, World
from ._webhook_config import WebhookRegistry


class WebhookHub:
    def __init__(self, world: World) -> None:
        self.registry = WebhookRegistry(world)
        self.deliverer = Deliverer()

    @contextmanager
    def watch(self, team: TeamState) -> Iterator[None]:
        """Around a handler (under the world's lock): when it returns, the events of what it
        changed in `team` are sent; when it raises, none are."""
        if not self.registry.has_active(team):
            yield
            return
        before = Snapshot(team)
        yield
        for event in before.events():
            for target in self.registry.targets(team, event.type):
                self.deliverer.schedule(event, target)
