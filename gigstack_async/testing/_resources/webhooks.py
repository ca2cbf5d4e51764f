"""Webhook endpoints of a team. Get and delete are the generic CRUD handlers of the `webhooks`
collection; here: HTTPS URLs only (plain HTTP to a loopback host too, so a served fake can call a
receiver on this machine), `active` by default, times in milliseconds, and the list's
cursor under both names the API uses (`next` / `cursor` in, `next` / `next_cursor` out)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .._calls import Call, Handler, Reply
from .._errors import bad_request
from .._store import PageReply, Record, new_id, now_ms

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


def _check_url(url: Any) -> None:
    parts = urlsplit(url) if isinstance(url, str) else None
    secure = parts is not None and (
        parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    )
    if parts is None or not secure or not parts.hostname:
        raise bad_request("invalid_field_value", "url must be an HTTPS URL", [f"body/url: {url!r}"])


def list_(call: Call) -> PageReply:
    query = dict(call.query)
    if "next" not in query and call.raw_query.get("cursor"):
        query["next"] = call.raw_query["cursor"]
    page = call.team.collection("webhooks").page(query)
    if page.next is not None:
        page.extra["next_cursor"] = page.next
    return page


def create(call: Call) -> Reply:
    fields = call.pick(call.fields, "WebhookInput", "Webhook")
    _check_url(fields["url"])
    webhook: Record = {
        "status": "active",
        **fields,
        "id": new_id("wh"),
        "created_at": now_ms(),
    }
    return Reply(call.team.collection("webhooks").add(webhook), "Webhook created successfully")


def update(call: Call) -> Reply:
    webhook = call.team.collection("webhooks").get(call.path["id"])
    fields = call.pick(call.fields, "WebhookUpdateInput", "Webhook")
    if "url" in fields:
        _check_url(fields["url"])
    webhook.update(fields)
    return Reply(webhook, "Webhook updated successfully")


HANDLERS: dict[str, Handler] = {
    "webhooks_list": list_,
    "webhooks_create": create,
    "webhooks_update": update,
}
