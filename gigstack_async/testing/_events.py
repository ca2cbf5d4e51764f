"""The webhook events a request causes, found by comparing the acting team's records before and
after its handler ran: one place for every operation, side effects included (a registered payment
that stamps its invoice gives `payment.created`, `payment.succeeded` and `invoice.created`).

Records are compared only for teams with an active webhook, so a fake without webhooks pays
nothing for this.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._store import Record, TeamState


@dataclass(frozen=True)
class EventRules:
    """The events of one collection: its name in event names, and which changes it reports."""

    resource: str  # `customer` for clients, as gigstack names them in events
    updated: bool  # whether a change without a new status gives `<resource>.updated`
    deleted: bool
    # a status reached (also by a new record) -> the event it gives, instead of `.updated`
    statuses: dict[str, str] = field(default_factory=dict)


# In the order their events are sent when one request changes several collections.
COLLECTION_EVENTS: dict[str, EventRules] = {
    "clients": EventRules("customer", updated=True, deleted=True),
    "services": EventRules("service", updated=True, deleted=True),
    "payments": EventRules(
        "payment",
        updated=True,
        deleted=True,
        statuses={
            "succeeded": "payment.succeeded",
            "canceled": "payment.canceled",
            "refunded": "payment.refunded",
            "failed": "payment.failed",
        },
    ),
    "receipts": EventRules(
        "receipt",
        updated=True,
        deleted=True,
        statuses={"invoiced": "receipt.completed", "canceled": "receipt.canceled"},
    ),
    "invoices": EventRules(
        "invoice", updated=False, deleted=False, statuses={"canceled": "invoice.canceled"}
    ),
}
TEAM_CREATED = "teams.created"


@dataclass(frozen=True)
class Event:
    """One event of one team, serialised once: every webhook and every attempt gets these bytes."""

    id: str
    type: str
    team: str
    body: bytes


def make_event(team: TeamState, event_type: str, record: Record) -> Event:
    """The event in the shape gigstack documents: `{id, type, created (epoch ms), livemode,
    data: {object}}`, the record as it is now."""
    event_id = f"evt_{secrets.token_hex(12)}"
    payload: dict[str, Any] = {
        "id": event_id,
        "type": event_type,
        "created": int(time.time() * 1000),
        "livemode": team.account.livemode,
        "data": {"object": record},
    }
    body = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Event(event_id, event_type, team.id, body.encode())


def _fingerprint(record: Record) -> str:
    return json.dumps(record, sort_keys=True, default=str)


def _status(record: Record) -> str:
    return str(record.get("status") or "").lower().replace("cancelled", "canceled")


@dataclass(frozen=True)
class _Seen:
    fingerprint: str
    status: str
    record: Record


class Snapshot:
    """What the team's records looked like before a request."""

    def __init__(self, team: TeamState) -> None:
        self.team = team
        self.records = {
            name: {
                record_key(team, name, record): _Seen(_fingerprint(record), _status(record), record)
                for record in team.collection(name).values()
            }
            for name in COLLECTION_EVENTS
        }
        self.teams = {record["id"] for record in team.account.teams.values()}

    def events(self) -> list[Event]:
        """The events of what changed since the snapshot, in a stable order."""
        found: list[tuple[str, Record]] = []
        for name, rules in COLLECTION_EVENTS.items():
            found.extend(_changes(self.team, name, rules, self.records[name]))
        found.extend(
            (TEAM_CREATED, record)
            for record in self.team.account.teams.values()
            if record["id"] not in self.teams
        )
        # Serialised now: later changes to the records do not alter what is sent.
        return [make_event(self.team, event_type, record) for event_type, record in found]


def record_key(team: TeamState, name: str, record: Record) -> str:
    return str(record.get(team.collection(name).key))


def _changes(
    team: TeamState, name: str, rules: EventRules, before: dict[str, _Seen]
) -> Iterator[tuple[str, Record]]:
    now = {record_key(team, name, record): record for record in team.collection(name).values()}
    for key, record in now.items():
        seen = before.get(key)
        status = _status(record)
        if seen is None:
            yield f"{rules.resource}.created", record
            if status in rules.statuses:
                yield rules.statuses[status], record
        elif status != seen.status and status in rules.statuses:
            yield rules.statuses[status], record
        elif rules.updated and _fingerprint(record) != seen.fingerprint:
            yield f"{rules.resource}.updated", record
    if rules.deleted:
        for key, seen in before.items():
            if key not in now:
                yield f"{rules.resource}.deleted", seen.record
