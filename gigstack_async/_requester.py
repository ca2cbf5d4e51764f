"""The one road every call takes: options -> generated endpoint -> retries -> model or typed error.

Resource methods (generated from the spec) only describe the call; scoping, idempotency keys,
retries, error mapping, unwrapping and pagination all live here, once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar, cast

import httpx

from . import _retry
from ._constants import MAX_RETRY_AFTER
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    GigstackError,
    status_error,
)
from ._generated.client import AuthenticatedClient
from ._generated.registry import OPERATIONS, OperationInfo
from ._generated.types import Unset
from ._logging import logger
from ._pagination import AsyncPager, Page
from ._parsing import ParseError
from ._response import record
from ._sender import Sender
from ._validation import check_id, check_limit, check_team, coerce_body

T = TypeVar("T")
Endpoint = Callable[..., Awaitable[Any]]
Timeout = httpx.Timeout | httpx._client.UseClientDefault | None


class Requester:
    """Immutable call options plus the shared pool; copies are cheap, the original stays as is."""

    __slots__ = ("base_url", "headers", "http", "max_retries", "team", "timeout")

    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        base_url: str,
        headers: dict[str, str],
        timeout: Timeout,
        max_retries: int,
        team: str | None,
    ) -> None:
        self.http = http
        self.base_url = base_url
        self.headers = headers
        self.timeout = timeout
        self.max_retries = max_retries
        self.team = team

    def replace(self, **changes: Any) -> Requester:
        options = {name: getattr(self, name) for name in self.__slots__}
        return Requester(**{**options, **changes})

    # -- what the resource methods call ------------------------------------------------------

    async def call(
        self,
        op_id: str,
        endpoint: Endpoint,
        expect: type[T],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: object = None,
        body_model: type[Any] | None = None,
        team: str | None = None,
    ) -> T:
        op = OPERATIONS[op_id]
        kwargs = self._arguments(op, path, query, body, body_model, team)
        envelope, response = await self._send(op, endpoint, kwargs)
        data = getattr(envelope, "data", None)
        if expect is object:
            return cast(T, None if isinstance(data, Unset) else data)
        if isinstance(data, expect):
            return data
        raise APIResponseValidationError(
            f"{op.id}: expected {expect.__name__} in the response's `data` "
            f"(HTTP {response.status_code}), got {type(data).__name__}",
            response=response,
        )

    async def call_list(
        self,
        op_id: str,
        endpoint: Endpoint,
        item: type[T],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        team: str | None = None,
    ) -> list[T]:
        op = OPERATIONS[op_id]
        kwargs = self._arguments(op, path, query, None, None, team)
        envelope, response = await self._send(op, endpoint, kwargs)
        return _items(op, getattr(envelope, "data", None), item, response)

    def paginate(
        self,
        op_id: str,
        endpoint: Endpoint,
        item: type[T],
        *,
        query: Mapping[str, object] | None = None,
        team: str | None = None,
    ) -> AsyncPager[T]:
        op = OPERATIONS[op_id]
        kwargs = self._arguments(
            op, None, query, None, None, team
        )  # checked now, not on first await

        async def fetch(cursor: str | None) -> Page[T]:
            page_kwargs = kwargs if cursor is None else {**kwargs, "next_": cursor}
            envelope, response = await self._send(op, endpoint, page_kwargs)
            next_cursor = getattr(envelope, "next_", None)
            total = getattr(envelope, "total_results", None)
            return Page(
                _items(op, getattr(envelope, "data", None), item, response),
                has_more=getattr(envelope, "has_more", None) is True,
                next=next_cursor if isinstance(next_cursor, str) and next_cursor else None,
                total_results=total if isinstance(total, int) else None,
                response=response,
                cursor=cursor,
                fetch=fetch,
            )

        return AsyncPager(fetch)

    # -- the road ----------------------------------------------------------------------------

    def _arguments(
        self,
        op: OperationInfo,
        path: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        body: object,
        body_model: type[Any] | None,
        team: str | None,
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if path:
            for name, value in path.items():
                kwargs[name] = check_id(name, value)
        if query:
            for name, value in query.items():
                if value is not None:
                    kwargs[name] = check_limit(value) if name == "limit" else value
        scope = self.team if team is None else check_team(team)
        if scope is not None:
            kwargs["team"] = scope
        if body_model is not None and body is not None:
            kwargs["body"] = coerce_body(body, body_model, mint_idempotency_key=op.idempotency_key)
        return kwargs

    async def _send(
        self, op: OperationInfo, endpoint: Endpoint, kwargs: dict[str, Any]
    ) -> tuple[object, httpx.Response]:
        # A POST repeats safely only when it carries an idempotency key (minted in _arguments).
        repeatable = op.method != "POST" or op.idempotency_key
        attempt = 0
        while True:
            sender = Sender(self.http, self.base_url, self.headers, self.timeout)
            client = AuthenticatedClient(base_url=self.base_url, token="")
            # Generated endpoints only call `.request(**kwargs)` on this object.
            client.set_async_httpx_client(cast(httpx.AsyncClient, sender))
            error: GigstackError
            cause: Exception | None = None  # chained onto the error the caller sees
            parsed: object = None
            try:
                parsed = (await endpoint(client=client, **kwargs)).parsed
            except httpx.TimeoutException as exc:
                error, cause = APITimeoutError(request=_request_of(exc)), exc
                retryable = _retry.error_is_retryable(exc, repeatable=repeatable)
            except httpx.HTTPError as exc:
                detail = str(exc) or "the connection failed before a response"
                error = APIConnectionError(
                    f"{type(exc).__name__}: {detail}", request=_request_of(exc)
                )
                cause = exc
                retryable = _retry.error_is_retryable(exc, repeatable=repeatable)
            except (ParseError, ValueError, TypeError, KeyError, AttributeError) as exc:
                # Raised by generated parsing: undecodable JSON, a shape the models cannot read,
                # or a status outside HTTPStatus (e.g. 520).
                if sender.response is None:
                    raise
                if sender.response.is_success:
                    raise APIResponseValidationError(
                        f"{op.id}: the response body could not be read "
                        f"({type(exc).__name__}: {exc})",
                        response=sender.response,
                    ) from None
            response = sender.response
            if response is not None:
                record(response)
                if response.is_success:
                    if getattr(parsed, "success", None) is False:
                        raise status_error(response)
                    # `parsed` is None for a success status the spec does not declare (e.g. a 204
                    # from a delete): the caller decides whether a missing body is acceptable.
                    return parsed, response
                error = status_error(response)
                retryable = _retry.status_is_retryable(response.status_code, repeatable=repeatable)
            if not retryable or attempt >= self.max_retries:
                raise error from cause
            delay = _retry.retry_after(response)
            if delay is None:
                delay = _retry.backoff(attempt)
            elif delay > MAX_RETRY_AFTER:
                raise error from cause
            attempt += 1
            logger.info(
                "%s: retry %d of %d in %.2fs after %s",
                op.id,
                attempt,
                self.max_retries,
                delay,
                error,
            )
            await asyncio.sleep(delay)


def _request_of(exc: httpx.HTTPError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # httpx raises when the error carries no request
        return None


def _items(op: OperationInfo, data: object, item: type[T], response: httpx.Response) -> list[T]:
    if data is None or isinstance(data, Unset):
        return []
    if not isinstance(data, list):
        raise APIResponseValidationError(
            f"{op.id}: expected a list in `data`, got {type(data).__name__}", response=response
        )
    items: list[T] = []
    for element in data:
        if element is None:  # the API is known to send null list elements: skip them
            continue
        if not isinstance(element, item):
            raise APIResponseValidationError(
                f"{op.id}: a list element is not a {item.__name__}", response=response
            )
        items.append(element)
    return items
