"""gigstack_async: the async Python SDK for the gigstack API v2 (CFDI 4.0 invoicing, payments,
sales receipts, teams and users, with gigstack Connect)."""

from ._client import Gigstack
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    GigstackError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    UnprocessableEntityError,
)
from ._generated.registry import SPEC_SHA256, SPEC_VERSION
from ._pagination import AsyncPager, Page, SearchPage, SearchPager
from ._response import CapturedResponse, capture_response
from ._timestamps import to_datetime
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__
from ._webhook_errors import WebhookVerificationError

__all__ = [
    "NOT_GIVEN",
    "SPEC_SHA256",
    "SPEC_VERSION",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "CapturedResponse",
    "ClientClosedError",
    "ConflictError",
    "Gigstack",
    "GigstackError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "SearchPage",
    "SearchPager",
    "UnprocessableEntityError",
    "WebhookVerificationError",
    "__version__",
    "capture_response",
    "to_datetime",
]
