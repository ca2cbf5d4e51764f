"""What a handler receives (one validated call, scoped to one team) and what it returns."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._multipart import UploadedFile
from ._spec import Spec
from ._store import Account, Collection, PageReply, Record, TeamState, World


@dataclass
class Reply:
    data: Any
    message: str
    status: int = 200


@dataclass
class FlatReply:
    """An answer whose fields sit at the top level of the body, beside `message` (a search
    page, the base64 PDF of a SAT invoice), instead of under `data`."""

    fields: dict[str, Any]
    message: str
    status: int = 200


@dataclass
class Call:
    op: str
    spec: Spec
    world: World
    account: Account
    team: TeamState  # the team acted for: the key's own, or the Connect `team`
    path: dict[str, str]  # decoded path parameters
    query: dict[str, Any]  # declared query parameters, typed and validated
    body: Any  # the validated JSON body or the form's text fields, or None
    base_url: str  # scheme://host the request came to, for the URLs the fake hands out
    files: Mapping[str, UploadedFile] = field(default_factory=dict)  # a form's files
    raw_query: Mapping[str, str] = field(default_factory=dict)  # the query as sent

    @property
    def fields(self) -> dict[str, Any]:
        return self.body if isinstance(self.body, dict) else {}

    @property
    def livemode(self) -> bool:
        return self.account.livemode

    def pick(self, source: Mapping[str, Any], input_schema: str, output_schema: str) -> Record:
        """The fields of `source` that both the input and the output schema declare: what a
        create or update stores. Anything else the caller sent is not kept."""
        keys = self.spec.schema_properties(input_schema) & self.spec.schema_properties(
            output_schema
        )
        return {name: copy.deepcopy(value) for name, value in source.items() if name in keys}

    def create_once(
        self, collection: Collection, create: Callable[[], Record], message: str
    ) -> Reply:
        """Create through `create` unless this operation already ran with the body's
        `idempotency_key` for this team: then the first result comes back (200), unchanged."""
        key = self.fields.get("idempotency_key")
        if isinstance(key, str) and key:
            earlier = self.team.idempotency.get((self.op, key))
            record = None if earlier is None else collection.find(earlier)
            if record is not None:
                return Reply(record, message, 200)
        record = create()
        if isinstance(key, str) and key:
            self.team.idempotency[(self.op, key)] = record[collection.key]
        return Reply(record, message, 201)


Handler = Callable[[Call], "Reply | PageReply | FlatReply"]
