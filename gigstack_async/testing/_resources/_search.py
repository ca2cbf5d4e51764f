"""Full-text search over a team collection, page-numbered like the API's search endpoints:
`q`, `page` (from 1) and `limit` in; `data`, `found`, `page`, `per_page` and `has_more` out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._calls import Call, FlatReply, Handler
from .._store import DEFAULT_PAGE_SIZE, Record, matches_filters

# Query parameters of a search that are not filters on the records.
SEARCH_PARAMETERS = frozenset({"team", "q", "page", "limit", "fields"})
MATCH_ALL = ("", "*")


def _texts(value: Any) -> list[str]:
    """The searchable text of a value: its strings and numbers, however deeply nested."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, bool) or value is None:
        return []
    return [str(value).lower()] if isinstance(value, (str, int, float)) else []


def _field(record: Record, dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def matches_text(record: Record, q: str, fields: list[str]) -> bool:
    """Every word of `q` appears (case-insensitively) in the record's text, or in the text of
    the named `fields` only; `*` or an empty `q` matches everything."""
    words = q.lower().split()
    if q.strip() in MATCH_ALL:
        return True
    source = [_field(record, name) for name in fields] if fields else [record]
    haystack = " ".join(text for value in source for text in _texts(value))
    return all(word in haystack for word in words)


def search_handler(collection: str, keep: Callable[[Record], bool] = lambda _: True) -> Handler:
    """The search of one team collection: newest first, narrowed by the operation's declared
    filters (`status`, `client_id`...)."""

    def search(call: Call) -> FlatReply:
        query = call.query
        fields = [name.strip() for name in str(query.get("fields") or "").split(",")]
        filters = {key: value for key, value in query.items() if key not in SEARCH_PARAMETERS}
        found = [
            record
            for record in reversed(call.team.collection(collection).values())
            if keep(record)
            and matches_filters(record, filters)
            and matches_text(record, str(query["q"]), [name for name in fields if name])
        ]
        page = int(query.get("page", 1))
        per_page = int(query.get("limit", DEFAULT_PAGE_SIZE))
        start = (page - 1) * per_page
        payload = {
            "data": found[start : start + per_page],
            "found": len(found),
            "page": page,
            "per_page": per_page,
            "has_more": start + per_page < len(found),
        }
        return FlatReply(payload, "Search results retrieved successfully")

    return search
