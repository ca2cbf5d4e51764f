"""Webhook endpoints as the fake keeps them: the records of each team's `webhooks` collection (what
the API shows) and, beside them, what gigstack keeps to itself and sets in its web app: the
signing secret and the values of the custom security headers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ._store import Record, TeamState, World, new_id

SIGNATURE_HEADER = "X-Gigstack-Signature"
WEBHOOK_ID_HEADER = "X-Gigstack-Webhook-Id"


@dataclass
class WebhookSettings:
    """What a webhook's record does not show."""

    secret: str | None = None  # set while signing is on
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """One webhook that is to receive an event: where, and with which headers."""

    webhook_id: str
    url: str
    headers: dict[str, str]
    secret: str | None

    def headers_for(self, body: bytes) -> dict[str, str]:
        sent = {
            "Content-Type": "application/json",
            "User-Agent": "gigstack-fake-webhooks",
            WEBHOOK_ID_HEADER: self.webhook_id,
            **self.headers,
        }
        if self.secret is not None:
            signature = hmac.new(self.secret.encode(), body, hashlib.sha256)
            sent[SIGNATURE_HEADER] = signature.hexdigest()
        return sent


def _same_event(name: str) -> str:
    return name.strip().lower().replace("cancelled", "canceled")


def active(record: Record) -> bool:
    """Whether gigstack delivers to the webhook (`active` is the server default)."""
    return record.get("status") in (None, "active") and isinstance(record.get("url"), str)


def subscribed(record: Record, event_type: str) -> bool:
    """Whether an active webhook record receives `event_type`: it lists it (either spelling of
    `canceled`) or lists none."""
    if not active(record):
        return False
    events = record.get("events")
    if not events:
        return True
    return _same_event(event_type) in {_same_event(str(name)) for name in events}


def check_url(url: str) -> None:
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"url must be an http:// or https:// URL with a host, got {url!r}")


def _check_headers(headers: Mapping[str, str]) -> dict[str, str]:
    for name, value in headers.items():
        if not isinstance(name, str) or not name.strip() or not isinstance(value, str):
            raise ValueError("headers must map header names to string values")
        if any(char in name + value for char in "\r\n"):
            raise ValueError("header names and values cannot hold line breaks")
    return dict(headers)


class WebhookRegistry:
    """The fake-side settings of every webhook, by id. Callers hold the world's lock."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._settings: dict[str, WebhookSettings] = {}

    def add(
        self,
        team: TeamState,
        url: str,
        events: Iterable[str],
        *,
        signing: bool,
        headers: Mapping[str, str],
        description: str | None,
        status: str,
    ) -> str:
        check_url(url)
        names = list(events)
        if not all(isinstance(name, str) and name.strip() for name in names):
            raise ValueError("events must be event names such as 'payment.succeeded'")
        if status not in ("active", "inactive"):
            raise ValueError(f"status must be 'active' or 'inactive', got {status!r}")
        record: Record = {
            "id": new_id("wh"),
            "url": url,
            "events": names,
            "status": status,
            "created_at": int(time.time() * 1000),
        }
        if description is not None:
            record["description"] = description
        team.collection("webhooks").add(record)
        self.configure(record["id"], signing=signing, headers=headers)
        return str(record["id"])

    def find(self, webhook_id: str) -> Record:
        for team in self.world.teams.values():
            record = team.collection("webhooks").find(webhook_id)
            if record is not None:
                return record
        raise ValueError(f"The fake has no webhook {webhook_id!r}")

    def configure(
        self, webhook_id: str, *, signing: bool | None, headers: Mapping[str, str] | None
    ) -> None:
        record = self.find(webhook_id)
        settings = self._settings.setdefault(webhook_id, WebhookSettings())
        if headers is not None:
            settings.headers = _check_headers(headers)
        if signing is not None:
            if not signing:
                settings.secret = None
            elif settings.secret is None:
                settings.secret = f"whsec_{secrets.token_hex(16)}"
        # What the API shows of them: names and states, never the values.
        record["security"] = {
            "header_names": sorted(settings.headers),
            "configured": bool(settings.headers),
            "status": "configured" if settings.headers else "not_configured",
        }
        signed = settings.secret is not None
        record["signing"] = {
            "enabled": signed,
            "configured": signed,
            "status": "configured" if signed else "disabled",
        }

    def secret(self, webhook_id: str) -> str:
        self.find(webhook_id)
        settings = self._settings.get(webhook_id)
        if settings is None or settings.secret is None:
            raise ValueError(f"Webhook {webhook_id!r} does not sign its deliveries")
        return settings.secret

    def has_active(self, team: TeamState) -> bool:
        return any(active(record) for record in team.collection("webhooks").values())

    def targets(self, team: TeamState, event_type: str) -> list[Target]:
        """The team's webhooks that receive `event_type`, in the order they were added."""
        found = []
        for record in team.collection("webhooks").values():
            if subscribed(record, event_type):
                settings = self._settings.get(record["id"], WebhookSettings())
                found.append(
                    Target(record["id"], record["url"], dict(settings.headers), settings.secret)
                )
        return found
