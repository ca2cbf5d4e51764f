"""The ASGI app: one route per operation of the spec, each request taking the same road.

fault injection -> API key -> Connect team -> spec validation of query and body -> handler (under
the world's lock) -> envelope -> the answer checked against the spec's response schema.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote
from xml.sax.saxutils import quoteattr

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ._calls import Call, FlatReply, Handler, Reply
from ._errors import FakeAPIError, FakeSpecViolation, bad_request
from ._faults import FaultQueue
from ._journal import Journal, RecordedRequest
from ._multipart import Form, UploadedFile, check_file_sizes, parse_form
from ._resources import handlers
from ._spec import FORM_MEDIA, Operation
from ._store import Account, PageReply, TeamState, World
from ._validation import SpecValidator
from ._webhook_hub import WebhookHub

API_PREFIX = "/v2"
JSON = "application/json"


@dataclass
class Backend:
    world: World
    validator: SpecValidator  # its `spec` is the one the fake serves
    faults: FaultQueue
    journal: Journal
    check_responses: bool
    webhooks: WebhookHub | None = None  # sends the events of what handlers change

    def watch(self, team: TeamState) -> AbstractContextManager[None]:
        return nullcontext() if self.webhooks is None else self.webhooks.watch(team)


class RawPathMiddleware:
    """Route on the path as sent: an id holding `%2F` stays one path segment (servers hand the
    app a decoded path, in which it would become a new route). Handlers decode parameters."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") if scope["type"] == "http" else None
        if raw:
            scope = {**scope, "path": raw.split(b"?", 1)[0].decode("latin-1")}
        await self.app(scope, receive, send)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _idempotency_key(raw: bytes) -> str | None:
    """The body's key, for the journal: also of requests refused or failed on purpose."""
    if b"idempotency_key" not in raw:
        return None
    try:
        key = json.loads(raw).get("idempotency_key")
    except (ValueError, AttributeError):
        return None
    return key if isinstance(key, str) else None


def _json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    content = json.dumps(payload, ensure_ascii=False, allow_nan=False).encode()
    return Response(content, status, headers=headers, media_type=JSON)


def _envelope(reply: Reply | PageReply | FlatReply) -> dict[str, Any]:
    if isinstance(reply, PageReply):
        payload = {
            "message": reply.message,
            "data": reply.items,
            "has_more": reply.has_more,
            "total_results": reply.total,
        }
        if reply.next is not None:
            payload["next"] = reply.next
        return {**payload, **reply.extra}
    if isinstance(reply, FlatReply):
        return {"message": reply.message, **reply.fields}
    return {"message": reply.message, "data": reply.data}


class OperationEndpoint:
    def __init__(self, backend: Backend, op: Operation, handler: Handler) -> None:
        self.backend = backend
        self.op = op
        self.handler = handler

    async def handle(self, request: Request) -> Response:
        backend = self.backend
        raw_body = await request.body()
        fault = backend.faults.take()
        headers: dict[str, str] = {}
        team: str | None = None
        try:
            if fault is not None:
                raise fault.error()
            with backend.world.lock:
                acting = self._acting_team(
                    self._authenticate(request), request.query_params.get("team")
                )
                team = acting.id
                status, content = self._process(request, acting, raw_body)
        except FakeAPIError as error:
            status, headers = error.status, error.headers
            content = json.dumps(error.body(), ensure_ascii=False)
        backend.journal.add(
            RecordedRequest(
                method=request.method,
                path=request.scope["path"],
                operation_id=self.op.id,
                team=team,
                status=status,
                idempotency_key=_idempotency_key(raw_body),
                injected=fault is not None,
            )
        )
        if backend.check_responses and fault is None:
            problems = backend.validator.response_problems(self.op, status, json.loads(content))
            if problems:
                raise FakeSpecViolation(
                    f"{self.op.id} would answer {status} with a body the spec rejects: "
                    + "; ".join(problems)
                )
        return Response(content.encode(), status, headers=headers, media_type=JSON)

    def _process(self, request: Request, acting: TeamState, raw_body: bytes) -> tuple[int, str]:
        """Validate, run the handler and serialise its answer (under the world's lock, so no
        other request can change what is sent)."""
        backend = self.backend
        body, has_body = self._parse_body(raw_body, request.headers.get("content-type", ""))
        query = backend.validator.check_request(self.op, request.query_params, body, has_body)
        files: dict[str, UploadedFile] = {}
        if isinstance(body, Form):
            files = body.files
            body = body.fields
        call = Call(
            op=self.op.id,
            spec=backend.validator.spec,
            world=backend.world,
            account=acting.account,
            team=acting,
            path={name: unquote(value) for name, value in request.path_params.items()},
            query=query,
            body=body,
            base_url=f"{request.url.scheme}://{request.url.netloc}",
            files=files,
            raw_query=dict(request.query_params),
        )
        with backend.watch(acting):
            reply = self.handler(call)
        status = reply.status if isinstance(reply, (Reply, FlatReply)) else 200
        return status, json.dumps(_envelope(reply), ensure_ascii=False, allow_nan=False)

    def _authenticate(self, request: Request) -> Account:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        account = self.backend.world.accounts.get(key.strip())
        if scheme.lower() != "bearer" or account is None:
            raise FakeAPIError(
                401, "unauthorized", "Authentication required: send Authorization: Bearer <key>"
            )
        return account

    def _acting_team(self, account: Account, requested: str | None) -> TeamState:
        """The key's own team, or the Connect team asked for: only teams of the key's billing
        account. Any other team, existing or not, is refused alike (403 `forbidden`)."""
        world = self.backend.world
        if requested is None:
            return world.teams[account.home_team]
        team = world.team_of(account, requested)
        if team is None:
            raise FakeAPIError(
                403, "forbidden", f"This key cannot act for team {requested!r} (gigstack Connect)"
            )
        return team

    def _parse_body(self, raw: bytes, content_type: str) -> tuple[Any, bool]:
        if self.op.body_schema is None or not raw.strip():
            return None, False  # operations without a body ignore what was sent
        if self.op.body_media == FORM_MEDIA:
            form = parse_form(raw, content_type)
            check_file_sizes(form)
            return form, True
        try:
            body = json.loads(raw, parse_float=_finite, parse_constant=_reject_constant)
        except ValueError:
            problem = "The request body is not valid JSON"
            raise bad_request("invalid_request_body", problem) from None
        return body, True


def _route_order(op: Operation) -> tuple[tuple[int, str], ...]:
    # Literal segments before parameters: `/teams/integrations` must win over `/teams/{id}`.
    return tuple((1 if "{" in part else 0, part) for part in op.path.split("/"))


def _invoice_file(backend: Backend) -> Any:
    """The URLs `invoices.files` hands out are served here, without auth, like storage links."""

    async def endpoint(request: Request) -> Response:
        team = backend.world.teams.get(unquote(request.path_params["team"]))
        stem, _, kind = unquote(request.path_params["name"]).rpartition(".")
        invoice = None if team is None else team.collection("invoices").find(stem)
        if invoice is None or kind not in ("pdf", "xml"):
            return _json_response(404, FakeAPIError(404, "file_not_found", "No such file").body())
        if kind == "pdf":
            text = f"%PDF-1.4\n% gigstack fake CFDI {invoice['uuid']}\n%%EOF\n"
            return Response(text.encode(), media_type="application/pdf")
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0"'
            f" Serie={quoteattr(str(invoice['series']))}"
            f" Folio={quoteattr(str(invoice['folio_number']))}"
            f" Total={quoteattr(str(invoice['total']))}"
            f" TipoDeComprobante={quoteattr(str(invoice['invoice_type']))}>"
            "<cfdi:Complemento><tfd:TimbreFiscalDigital"
            ' xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1"'
            f" UUID={quoteattr(invoice['uuid'])}/></cfdi:Complemento></cfdi:Comprobante>"
        )
        return Response(xml.encode(), media_type="application/xml")

    return endpoint


def _document_file(backend: Backend) -> Any:
    """The uploaded files (support documents) are served back at their `file_url`, as stored."""

    async def endpoint(request: Request) -> Response:
        team = backend.world.teams.get(unquote(request.path_params["team"]))
        stored = None if team is None else team.uploads.get(unquote(request.path_params["id"]))
        if stored is None:
            return _json_response(404, FakeAPIError(404, "file_not_found", "No such file").body())
        return Response(stored.data, media_type=stored.content_type or "application/octet-stream")

    return endpoint


def build_app(backend: Backend, extra_routes: Sequence[BaseRoute] = ()) -> Starlette:
    """The API under `/v2`, the invoice and document files, then `extra_routes` (the control
    endpoints)."""
    spec = backend.validator.spec
    operations = sorted(spec.operations.values(), key=_route_order)
    served = handlers(spec)
    missing = {op.id for op in operations} - set(served)
    if missing:
        raise RuntimeError(f"the fake has no handler for {sorted(missing)}")
    routes: list[BaseRoute] = [
        Route(
            API_PREFIX + op.path,
            OperationEndpoint(backend, op, served[op.id]).handle,
            methods=[op.method],
        )
        for op in operations
    ]
    routes.append(Route("/files/{team}/{name}", _invoice_file(backend), methods=["GET"]))
    routes.append(Route("/documents/{team}/{id}", _document_file(backend), methods=["GET"]))
    routes.extend(extra_routes)

    async def unknown_route(request: Request) -> Response:
        scope = request.scope
        if any(route.matches(scope)[0] is Match.PARTIAL for route in routes):
            error = FakeAPIError(405, "operation_not_allowed", f"{request.method} is not allowed")
        else:
            error = FakeAPIError(404, "resource_not_found", f"No route {scope['path']}")
        return _json_response(error.status, error.body())

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    routes.append(Route("/{path:path}", unknown_route, methods=methods))
    return Starlette(routes=routes, middleware=[Middleware(RawPathMiddleware)])
