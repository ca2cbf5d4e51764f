"""The one road every call takes: describe, build, send with retries, parse, unwrap.

Resource methods (generated from the spec) only name the operation and pass the caller's values;
scoping, per-call options, idempotency keys, retries, error mapping, unwrapping and pagination all
live here, once. The request is built from the operation's generated description and sent on the
client's one pool; the response is read, closed and parsed here.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Mapping
from importlib import import_module
from types import ModuleType
from typing import Any, TypeVar, cast

import httpx

from . import _json, _retry
from ._constants import MAX_RETRY_AFTER
from ._deadline import Deadline, check_deadline
from ._decode import within
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    ClientClosedError,
    GigstackError,
    InvalidRequestError,
    status_error,
)
from ._generated.registry import OPERATIONS, OperationInfo
from ._generated.types import Unset
from ._limits import read_capped
from ._logging import logger, redact
from ._pagination import AsyncPager, Page, SearchPage, SearchPager
from ._parsing import ParseError, Readable, read_model
from ._response import record, record_idempotency_key
from ._transport_errors import aiohttp_cause, as_httpx_error
from ._types import NOT_GIVEN, NotGiven, RequestTimeout
from ._uploads import with_uploads
from ._validation import (
    check_headers,
    check_id,
    check_limit,
    check_metadata,
    check_path,
    check_query,
    check_team,
    check_timeout,
    coerce_body,
)

T = TypeVar("T")

_GENERATED = __name__.rsplit(".", 1)[0] + "._generated"
# Methods `Gigstack.request` may send again after the server may have processed them.
_REPEATABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class Requester:
    """Immutable call options plus the shared pool; copies are cheap, the original stays as is."""

    __slots__ = (
        "_defaults",
        "auth",
        "base_url",
        "deadline",
        "headers",
        "http",
        "max_response_bytes",
        "max_retries",
        "team",
        "timeout",
    )

    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        auth: httpx.Auth,
        base_url: str,
        headers: dict[str, str],
        timeout: RequestTimeout,
        max_retries: int,
        team: str | None,
        deadline: float | None,
        max_response_bytes: int,
    ) -> None:
        self.http = http
        self.auth = auth
        self.base_url = base_url
        self.headers = headers  # merged into each request only when the pool is the caller's
        self.timeout = timeout
        self.max_retries = max_retries
        self.team = team
        self.deadline = deadline  # seconds per logical call, retries included
        self.max_response_bytes = max_response_bytes
        # The options of a call that sets none of its own, made once. A timeout equal to the
        # pool's is left to the pool, which spares httpx a copy of it on every request.
        pool_timeout = httpx.USE_CLIENT_DEFAULT if timeout == http.timeout else timeout
        self._defaults = _Options(pool_timeout, None, headers or None, deadline)

    def replace(
        self,
        *,
        team: str | NotGiven | None = NOT_GIVEN,
        timeout: RequestTimeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Requester:
        """A copy with the options given changed (already checked), sharing the pool."""
        return Requester(
            http=self.http,
            auth=self.auth,
            base_url=self.base_url,
            headers=self.headers,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            team=self.team if isinstance(team, NotGiven) else team,
            deadline=self.deadline if isinstance(deadline, NotGiven) else deadline,
            max_response_bytes=self.max_response_bytes,
        )

    # -- what the resource methods call ------------------------------------------------------

    async def call(
        self,
        op_id: str,
        expect: type[T],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: object = None,
        body_model: type[Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        team: str | None = None,
        timeout: object = NOT_GIVEN,
        deadline: object = NOT_GIVEN,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        absent_ok: bool = False,
    ) -> T:
        op = OPERATIONS[op_id]
        options = self._options(timeout, extra_query, extra_headers, deadline=deadline)
        kwargs = self._arguments(op, path, query, team)
        described = self._describe(op, kwargs, body, body_model, extra_body)
        request = self._build(described, options)
        key = _idempotency_key(described)
        is_model = hasattr(expect, "from_dict")  # a generated model, read straight from `data`
        parsed, response = await self._send_parsed(
            op, request, options, key, data_model=cast("Readable[T]", expect) if is_model else None
        )
        data = parsed if is_model and parsed.__class__ is expect else getattr(parsed, "data", None)
        if expect is object or (absent_ok and data is None):
            # `absent_ok`: only for `call_optional`, whose callers expect `T | None`.
            return cast(T, data)
        if isinstance(data, expect):
            return data
        raise APIResponseValidationError(
            f"{op.id}: expected {expect.__name__} in the response's `data` "
            f"(HTTP {response.status_code}), got {type(data).__name__}",
            response=response,
        )

    async def call_optional(self, op_id: str, expect: type[T], **options: Any) -> T | None:
        """A call whose result may be absent: None when the response carries no `data`."""
        result: T | None = await self.call(op_id, expect, absent_ok=True, **options)
        return result

    async def call_none(self, op_id: str, **options: Any) -> None:
        """A call whose response carries no documented content: checked, then dropped."""
        await self.call(op_id, object, **options)

    async def call_list(
        self,
        op_id: str,
        item: type[T],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        team: str | None = None,
        timeout: object = NOT_GIVEN,
        deadline: object = NOT_GIVEN,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> list[T]:
        op = OPERATIONS[op_id]
        options = self._options(timeout, extra_query, extra_headers, deadline=deadline)
        kwargs = self._arguments(op, path, query, team)
        envelope, response = await self._send_listing(op, kwargs, options)
        return _items(op, getattr(envelope, "data", None), item, response)

    def paginate(
        self,
        op_id: str,
        item: type[T],
        *,
        query: Mapping[str, object] | None = None,
        metadata: Mapping[str, object] | None = None,
        team: str | None = None,
        timeout: object = NOT_GIVEN,
        deadline: object = NOT_GIVEN,
        max_pages: int | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AsyncPager[T]:
        op = OPERATIONS[op_id]
        # Everything is checked now, not on the first await.
        options = self._options(timeout, extra_query, extra_headers, metadata, deadline=deadline)
        kwargs = self._arguments(op, None, query, team)

        async def fetch(cursor: str | None) -> Page[T]:
            page_kwargs = kwargs if cursor is None else {**kwargs, "next_": cursor}
            envelope, response = await self._send_listing(op, page_kwargs, options)
            return Page(
                _items(op, getattr(envelope, "data", None), item, response),
                has_more=getattr(envelope, "has_more", None) is True,
                # Some lists name the cursor `next_cursor`.
                next=_cursor(getattr(envelope, "next_", None))
                or _cursor(getattr(envelope, "next_cursor", None)),
                total_results=_count(getattr(envelope, "total_results", None)),
                response=response,
                cursor=cursor,
                fetch=fetch,
            )

        return AsyncPager(fetch, max_pages=max_pages)

    def search(
        self,
        op_id: str,
        item: type[T],
        *,
        query: Mapping[str, object] | None = None,
        team: str | None = None,
        timeout: object = NOT_GIVEN,
        deadline: object = NOT_GIVEN,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> SearchPager[T]:
        op = OPERATIONS[op_id]
        # Everything is checked now, not on the first await.
        options = self._options(timeout, extra_query, extra_headers, deadline=deadline)
        kwargs = self._arguments(op, None, query, team)

        async def fetch(number: int | None) -> SearchPage[T]:
            page_kwargs = kwargs if number is None else {**kwargs, "page": number}
            envelope, response = await self._send_listing(op, page_kwargs, options)
            returned = _count(getattr(envelope, "page", None))
            return SearchPage(
                _items(op, getattr(envelope, "data", None), item, response),
                page=returned or number or kwargs.get("page") or 1,
                per_page=_count(getattr(envelope, "per_page", None)),
                found=_count(getattr(envelope, "found", None)),
                has_more=getattr(envelope, "has_more", None) is True,
                response=response,
                fetch=fetch,
            )

        return SearchPager(fetch)

    async def call_bytes(
        self,
        op_id: str,
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: object = None,
        body_model: type[Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        team: str | None = None,
        timeout: object = NOT_GIVEN,
        deadline: object = NOT_GIVEN,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> bytes:
        """A call whose result is a base64 field at the top level of the body, decoded."""
        op = OPERATIONS[op_id]
        assert op.result is not None, op_id  # emitted only for operations with x-sdk-result
        options = self._options(timeout, extra_query, extra_headers, deadline=deadline)
        kwargs = self._arguments(op, path, query, team)
        described = self._describe(op, kwargs, body, body_model, extra_body)
        request = self._build(described, options)
        payload, response = await self._send(
            op.id, request, op.repeatable, retry=op.retry, options=options
        )
        field, _ = op.result
        value = payload.get(field) if isinstance(payload, dict) else None
        try:
            if not isinstance(value, str):
                raise ValueError(f"no text in `{field}`")
            return base64.b64decode(value, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise APIResponseValidationError(
                f"{op.id}: expected base64 content in the response's `{field}` ({exc})",
                response=response,
            ) from None

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None,
        json_body: object,
        team: str | None,
        timeout: object,
        deadline: object = NOT_GIVEN,
    ) -> Any:
        """Any endpoint, with the same auth, retries (by method), errors and unwrapping."""
        if not isinstance(method, str) or not method.isalpha():
            raise ValueError(f"method must be an HTTP method such as 'GET', got {method!r}")
        method = method.upper()
        options = self._options(timeout, query, None, deadline=deadline)
        scope = self.team if team is None else check_team(team)
        described: dict[str, Any] = {"method": method, "url": check_path(path)}
        if scope is not None:
            described["params"] = {"team": scope}
        if json_body is not None:
            described["json"] = json_body
        request = self._build(described, options)
        repeatable = method in _REPEATABLE_METHODS
        label = f"{method} {path}"
        payload, _ = await self._send(label, request, repeatable, retry=True, options=options)
        return payload.get("data") if isinstance(payload, dict) else payload

    # -- the road ----------------------------------------------------------------------------

    def _arguments(
        self,
        op: OperationInfo,
        path: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        team: str | None,
    ) -> dict[str, Any]:
        """The keyword arguments of the operation's `_get_kwargs`, checked."""
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
        return kwargs

    def _options(
        self,
        timeout: object,
        extra_query: Mapping[str, object] | None,
        extra_headers: Mapping[str, str] | None,
        metadata: Mapping[str, object] | None = None,
        *,
        deadline: object = NOT_GIVEN,
    ) -> _Options:
        if (
            extra_query is None
            and extra_headers is None
            and metadata is None
            and isinstance(timeout, NotGiven)
            and isinstance(deadline, NotGiven)
        ):
            return self._defaults
        query = check_query(extra_query, "extra_query") if extra_query is not None else {}
        if metadata is not None:
            query = {**check_metadata(metadata), **query}
        headers = self.headers
        if extra_headers is not None:
            headers = {**headers, **check_headers(extra_headers, "extra_headers")}
        return _Options(
            self.timeout if isinstance(timeout, NotGiven) else check_timeout(timeout),
            query or None,
            headers or None,
            self.deadline if isinstance(deadline, NotGiven) else check_deadline(deadline),
        )

    def _describe(
        self,
        op: OperationInfo,
        kwargs: dict[str, Any],
        body: object,
        body_model: type[Any] | None,
        extra_body: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        """The request as the operation's generated `_get_kwargs` describes it."""
        if body is not None and body_model is not None:
            if op.uploads:
                body = with_uploads(body, body_model, op.uploads)
            else:
                body = coerce_body(
                    body, body_model, mint_idempotency_key=op.idempotency is not None
                )
            kwargs = {**kwargs, "body": body}
        elif op.body == "required":
            model = getattr(body_model, "__name__", "model")
            raise TypeError(
                f"{'.'.join(op.sdk_method)}() needs a body: a {model} or a dict with its fields"
            )
        described: dict[str, Any] = _endpoint(op)._get_kwargs(**kwargs)
        if extra_body is not None:
            if not isinstance(extra_body, Mapping):
                raise TypeError("extra_body must be a mapping of JSON field names to values")
            if "files" in described:  # an upload: more form fields
                described["files"] = [
                    *described["files"],
                    *(
                        (name, (None, str(value).encode(), "text/plain"))
                        for name, value in extra_body.items()
                    ),
                ]
            else:
                described["json"] = {**described.get("json", {}), **extra_body}
        return described

    def _build(self, described: dict[str, Any], options: _Options) -> httpx.Request:
        """One URL join, the query (the operation's, then the extras) and the body."""
        params = described.get("params") or None
        if options.query:
            params = {**params, **options.query} if params else options.query
        try:
            return self.http.build_request(
                described["method"],
                self.base_url + described["url"],
                params=params,
                json=described.get("json"),
                files=described.get("files"),
                headers=options.headers,
                timeout=options.timeout,
            )
        except httpx.InvalidURL as exc:
            raise InvalidRequestError(
                f"The request URL could not be built ({exc}): a path or query value, such as a "
                "page cursor or a filter, is too long or not valid in a URL."
            ) from None

    async def _send_listing(
        self, op: OperationInfo, kwargs: dict[str, Any], options: _Options
    ) -> tuple[object, httpx.Response]:
        """A call without a body (a list, a page, a search page): its parsed envelope and the
        response."""
        request = self._build(self._describe(op, kwargs, None, None, None), options)
        return await self._send_parsed(op, request, options)

    async def _send_parsed(
        self,
        op: OperationInfo,
        request: httpx.Request,
        options: _Options,
        idempotency_key: str | None = None,
        *,
        data_model: Readable[object] | None = None,
    ) -> tuple[object, httpx.Response]:
        """The parsed response and the response. With `data_model`, a body whose `data` is an
        object gives that object as `data_model` (the envelope's other fields are not read)."""
        record_idempotency_key(idempotency_key)  # readable even when the call is cancelled
        try:
            payload, response = await self._send(
                op.id, request, op.repeatable, retry=op.retry, options=options
            )
            try:
                return _parse(op, response.status_code, payload, data_model), response
            except ParseError as exc:
                raise APIResponseValidationError(
                    f"{op.id}: the response could not be read: {exc}", response=response
                ) from None
            except RecursionError:
                raise APIResponseValidationError(
                    f"{op.id}: the response is nested too deeply to read", response=response
                ) from None
        except GigstackError as error:
            error.idempotency_key = idempotency_key  # so a caller's own retry can send it again
            raise

    async def _send(
        self,
        label: str,
        request: httpx.Request,
        repeatable: bool,
        *,
        retry: bool,
        options: _Options,
    ) -> tuple[object, httpx.Response]:
        """Send until success, a final error or the call's deadline; the decoded JSON body and
        the response."""
        if self.http.is_closed:
            raise ClientClosedError()

        def expired() -> APITimeoutError:
            return APITimeoutError(
                f"{label}: no answer within the call's deadline of {options.deadline:g} s "
                "(retries included)",
                request=request,
            )

        deadline = Deadline(options.deadline, expired)
        with deadline:
            attempt = 0
            retries = self.max_retries if retry else 0
            while True:
                error: GigstackError
                cause: Exception | None = None  # chained onto the error the caller sees
                response: httpx.Response | None = None
                try:
                    response = await self._attempt(request)
                except httpx.HTTPError as exc:
                    error, cause, retryable = _failure(exc, request, repeatable)
                else:
                    if 200 <= response.status_code < 300:
                        return _decode(label, response), response
                    error = status_error(response)
                    retryable = _retry.status_is_retryable(
                        response.status_code, repeatable=repeatable
                    )
                if not retryable or attempt >= retries:
                    raise error from cause
                delay = _retry.retry_after(response)
                if delay is None:
                    delay = _retry.backoff(attempt)
                elif delay > MAX_RETRY_AFTER:
                    raise error from cause
                if not deadline.allows_wait(delay):
                    raise error from cause  # no time left for another attempt
                attempt += 1
                logger.info(
                    "%s: retry %d of %d in %.2fs after %s", label, attempt, retries, delay, error
                )
                await _retry.sleep(delay)

    async def _attempt(self, request: httpx.Request) -> httpx.Response:
        if logger.isEnabledFor(logging.DEBUG):  # the check keeps redaction off the hot path
            headers = redact(request.headers.items())
            logger.debug("request %s %s headers=%s", request.method, request.url, headers)
        try:
            # The auth flow adds the key, and redacts it again once the response is back.
            response = await self.http.send(
                request, auth=self.auth, follow_redirects=False, stream=True
            )
            await read_capped(response, self.max_response_bytes)
        except httpx.TransportError as exc:
            error = as_httpx_error(exc)
            if error is exc:
                raise
            # The transport's own class misnames what happened: the caller sees what did, and
            # the exception underneath it.
            raise error from aiohttp_cause(exc)
        record(response)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("response %s %s -> %s", request.method, request.url, response.status_code)
        return response


class _Options:
    """The per-call options, checked once per call (a pager checks them once for every page)."""

    __slots__ = ("deadline", "headers", "query", "timeout")

    def __init__(
        self,
        timeout: RequestTimeout,
        query: dict[str, object] | None,
        headers: dict[str, str] | None,
        deadline: float | None,
    ) -> None:
        self.timeout = timeout
        self.query = query
        self.headers = headers
        self.deadline = deadline


_ENDPOINTS: dict[str, ModuleType] = {}


def _endpoint(op: OperationInfo) -> Any:
    """The operation's generated module, imported on first use."""
    module = _ENDPOINTS.get(op.id)
    if module is None:
        module = _ENDPOINTS[op.id] = import_module(op.module, _GENERATED)
    return module


def _parse(
    op: OperationInfo, status: int, payload: object, data_model: Readable[object] | None
) -> object:
    """The decoded body as the operation's model, or, with `data_model`, its `data` object as
    that model. Raises ParseError naming where a value had the wrong shape."""
    if data_model is not None and payload.__class__ is dict:
        data = payload.get("data")
        if data.__class__ is dict:
            try:
                return read_model(data_model, data)
            except ParseError as error:
                raise within(error, "data") from None
    return _endpoint(op)._parse_response(status, payload)


def _failure(
    exc: httpx.HTTPError, request: httpx.Request, repeatable: bool
) -> tuple[GigstackError, Exception | None, bool]:
    """What an attempt that got no response amounts to: the error the caller would see, the
    exception chained onto it, and whether another attempt may help."""
    if isinstance(exc, httpx.TimeoutException):
        return (
            APITimeoutError(request=request),
            exc,
            _retry.error_is_retryable(exc, repeatable=repeatable),
        )
    if isinstance(exc, httpx.LocalProtocolError):
        # Our own request is not valid HTTP (a header value, say): sending it again cannot help,
        # and the parser's message may quote the offending header, so it is left out.
        error = APIConnectionError(
            "The request could not be sent: one of its headers or its target is not valid HTTP "
            "(check default_headers, extra_headers and the http_client's headers).",
            request=request,
        )
        return error, None, False
    detail = str(exc) or "the connection failed before a response"
    return (
        APIConnectionError(f"{type(exc).__name__}: {detail}", request=request),
        exc,
        _retry.error_is_retryable(exc, repeatable=repeatable),
    )


def _decode(label: str, response: httpx.Response) -> object:
    """The JSON body of a success response (None when empty); `success: false` is an error."""
    content = response.content
    if not content:
        return None
    try:
        payload = _json.loads(content)
    except ValueError:
        raise APIResponseValidationError(
            f"{label}: the response body is not JSON", response=response
        ) from None
    except RecursionError:
        raise APIResponseValidationError(
            f"{label}: the response body is nested too deeply to read", response=response
        ) from None
    if isinstance(payload, dict) and payload.get("success") is False:
        raise status_error(response)
    return payload


def _idempotency_key(described: Mapping[str, Any]) -> str | None:
    body = described.get("json")
    key = body.get("idempotency_key") if isinstance(body, dict) else None
    return key if isinstance(key, str) else None


def _cursor(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


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
