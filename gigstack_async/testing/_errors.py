"""Errors the fake answers with, in gigstack's documented error envelope."""

from __future__ import annotations

from typing import Any

# The machine code each status carries when no more precise one applies (all are ApiErrorCode
# values of the spec).
DEFAULT_CODES: dict[int, str] = {
    400: "validation_failed",
    401: "unauthorized",
    403: "forbidden",
    404: "resource_not_found",
    405: "operation_not_allowed",
    409: "resource_conflict",
    422: "business_rule_violation",
    429: "rate_limit_exceeded",
    500: "internal_server_error",
    502: "external_service_error",
    503: "service_unavailable",
    504: "external_service_error",
}


def default_code(status: int) -> str:
    if status in DEFAULT_CODES:
        return DEFAULT_CODES[status]
    return "internal_server_error" if status >= 500 else "validation_failed"


class FakeAPIError(Exception):
    """Raised by a handler to answer with an error envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return {"success": False, "message": self.message, "error": error}


class FakeSpecViolation(AssertionError):
    """The fake was about to answer with a body its own spec does not allow: a bug in the fake,
    raised loudly instead of being sent."""


def not_found(kind: str, identifier: str) -> FakeAPIError:
    return FakeAPIError(404, "resource_not_found", f"{kind} {identifier!r} was not found")


def bad_request(code: str, message: str, details: list[str] | None = None) -> FakeAPIError:
    return FakeAPIError(400, code, message, details=details)


def not_allowed(message: str) -> FakeAPIError:
    return FakeAPIError(422, "operation_not_allowed", message)
