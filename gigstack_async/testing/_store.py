"""The fake's in-memory world: accounts (one API key each), their teams, each team's records.

A team's data is reachable only through that team: handlers get one `TeamState` and nothing
else, which is what keeps gigstack Connect teams isolated from each other.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._errors import bad_request, not_found

Record = dict[str, Any]
DEFAULT_PAGE_SIZE = 10


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def now() -> int:
    """Epoch seconds, the unit of `created_at` across the API."""
    return int(time.time())


@dataclass
class PageReply:
    items: list[Record]
    has_more: bool
    next: str | None
    total: int
    message: str = "Items retrieved successfully"


class Collection:
    """Records of one kind in one team, in creation order."""

    def __init__(self, kind: str, sequence: Callable[[], int], *, key: str = "id") -> None:
        self.kind = kind
        self.key = key
        self._sequence = sequence
        self._records: dict[str, tuple[int, Record]] = {}

    def add(self, record: Record) -> Record:
        self._records[record[self.key]] = (self._sequence(), record)
        return record

    def find(self, identifier: str) -> Record | None:
        entry = self._records.get(identifier)
        return None if entry is None else entry[1]

    def get(self, identifier: str) -> Record:
        record = self.find(identifier)
        if record is None:
            raise not_found(self.kind, identifier)
        return record

    def remove(self, identifier: str) -> Record:
        record = self.get(identifier)
        del self._records[identifier]
        return record

    def values(self) -> list[Record]:
        return [record for _, record in self._records.values()]

    def page(
        self, query: Mapping[str, Any], keep: Callable[[Record], bool] = lambda _: True
    ) -> PageReply:
        """One page of the records that pass `keep` and the query's filters.

        The cursor holds the sort key of the last record sent, not an offset, so records created
        while a caller walks the pages never make it see one twice."""
        order_by = "name" if query.get("order_by") == "name" else "timestamp"
        descending = query.get("sort", "desc") == "desc"
        limit = int(query.get("limit", DEFAULT_PAGE_SIZE))
        rows = [
            (_sort_key(order_by, seq, record), record)
            for seq, record in self._records.values()
            if keep(record) and matches_filters(record, query)
        ]
        rows.sort(key=lambda row: row[0], reverse=descending)
        total = len(rows)
        cursor = query.get("next")
        if cursor is not None:
            after = decode_cursor(cursor, order_by, descending)
            rows = [row for row in rows if (row[0] < after if descending else row[0] > after)]
        chunk = rows[:limit]
        has_more = len(rows) > limit
        following = encode_cursor(order_by, descending, chunk[-1][0]) if has_more else None
        return PageReply([record for _, record in chunk], has_more, following, total)


def _sort_key(order_by: str, seq: int, record: Record) -> tuple[Any, ...]:
    if order_by == "name":
        name = record.get("name") or record.get("legal_name") or record.get("description") or ""
        return (str(name).lower(), seq)
    return (seq,)


def encode_cursor(order_by: str, descending: bool, key: tuple[Any, ...]) -> str:
    raw = json.dumps([order_by, descending, list(key)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order_by: str, descending: bool) -> tuple[Any, ...]:
    problem = bad_request(
        "validation_failed",
        "Request validation failed",
        ["query/next: not a cursor of this list and ordering (pass back `next` unchanged)"],
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        kind, direction, key = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        raise problem from None
    expected = (str, int) if order_by == "name" else (int,)
    if (
        kind != order_by
        or direction is not descending
        or not isinstance(key, list)
        or len(key) != len(expected)
        or not all(type(part) is kind for part, kind in zip(key, expected, strict=True))
    ):
        raise problem
    return tuple(key)


def _same_status(a: object, b: object) -> bool:
    def norm(value: object) -> str:
        return str(value).lower().replace("cancelled", "canceled")

    return norm(a) == norm(b)


def _equal(field: Any, value: Any) -> bool:
    return bool(field == value)


def _field(record: Record, dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


# Query parameters that shape the page rather than filter it.
PAGING_PARAMETERS = frozenset({"team", "limit", "next", "order_by", "sort"})
# Filters whose record field is named otherwise (dotted for nested fields; any may match). Any
# other declared filter compares the record field of its own name.
FILTER_FIELDS: dict[str, tuple[str, ...]] = {
    "client_id": ("client.id",),
    "email": ("client.email", "email"),
    "tax_id": ("client.tax_id",),
    "created[gte]": ("created_at",),
    "created[lte]": ("created_at",),
}
# Filters that compare otherwise than by equality: (record value, query value) -> kept.
FILTER_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "created[gte]": lambda field, value: isinstance(field, int) and field >= value,
    "created[lte]": lambda field, value: isinstance(field, int) and field <= value,
    "status": _same_status,
    "currency": lambda field, value: str(field or "").upper() == str(value).upper(),
}


def matches_filters(record: Record, query: Mapping[str, Any]) -> bool:
    """The list filters of the query (the operation's declared query parameters), each applied
    to the record field it names."""
    for name, value in query.items():
        if name in PAGING_PARAMETERS:
            continue
        test = FILTER_TESTS.get(name, _equal)
        fields = FILTER_FIELDS.get(name, (name,))
        if not any(test(_field(record, dotted), value) for dotted in fields):
            return False
    return True


@dataclass(frozen=True)
class Kind:
    """What the records of one collection are called, and how they are keyed."""

    name: str  # for messages and 404s: "Service"
    id_prefix: str  # new ids are `<prefix>_<16 hex>`
    key: str = "id"  # the field that addresses a record in paths


# Every collection a team holds, by the name the operations' `x-sdk-method` gives it (for the
# generic CRUD handlers): a new resource of a team is one row here.
TEAM_COLLECTIONS: dict[str, Kind] = {
    "clients": Kind("Client", "client"),
    "services": Kind("Service", "service"),
    "invoices": Kind("Invoice", "invoice", key="uuid"),
    "payments": Kind("Payment", "payment"),
    "receipts": Kind("Receipt", "receipt"),
    "webhooks": Kind("Webhook", "wh"),
}


@dataclass
class TeamState:
    """One team (issuer) and everything it owns."""

    id: str
    account: Account
    record: Record
    collections: dict[str, Collection]  # one per row of TEAM_COLLECTIONS
    series: dict[str, Record] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)  # user id -> role
    # (operation id, idempotency key) -> id of the record the first call created
    idempotency: dict[tuple[str, str], str] = field(default_factory=dict)
    onboarding_token: str = ""

    def collection(self, name: str) -> Collection:
        """The team's records of one kind: a name of `TEAM_COLLECTIONS`."""
        return self.collections[name]


@dataclass
class Account:
    """A billing account: one API key, its own team and its gigstack Connect teams."""

    api_key: str
    home_team: str
    livemode: bool
    teams: Collection
    users: Collection
    # user id -> the team that created it (users are visible to their teams and their creator)
    user_creator: dict[str, str] = field(default_factory=dict)


class World:
    def __init__(self) -> None:
        # Handlers never await while holding it, so one lock serves the event loop and any
        # thread (e.g. a server thread) alike.
        self.lock = threading.RLock()
        self._counter = itertools.count(1)
        self.accounts: dict[str, Account] = {}
        self.teams: dict[str, TeamState] = {}

    def sequence(self) -> int:
        return next(self._counter)

    def add_account(self, api_key: str, home_team: str) -> Account:
        if api_key in self.accounts:
            raise ValueError("an account with this API key already exists")
        if home_team in self.teams:
            raise ValueError(f"team {home_team!r} already exists")
        # The official CLI's heuristic: live keys are the ones that are not test keys.
        livemode = not api_key.startswith("sk_test")
        account = Account(
            api_key,
            home_team,
            livemode,
            teams=Collection("Team", self.sequence),
            users=Collection("User", self.sequence),
        )
        self.accounts[api_key] = account
        self.add_team(account, home_team, {"name": "Default team"})
        return account

    def add_team(self, account: Account, team_id: str, fields: Record) -> TeamState:
        if team_id in self.teams:
            raise ValueError(f"team {team_id!r} already exists")
        record: Record = {"id": team_id, "created_at": now(), "settings": {}, **fields}
        team = TeamState(
            team_id,
            account,
            record,
            collections={
                name: Collection(kind.name, self.sequence, key=kind.key)
                for name, kind in TEAM_COLLECTIONS.items()
            },
        )
        self.teams[team_id] = team
        account.teams.add(record)
        return team

    def team_of(self, account: Account, team_id: str) -> TeamState | None:
        """The team, when it belongs to the account's billing account."""
        return self.teams[team_id] if account.teams.find(team_id) is not None else None
