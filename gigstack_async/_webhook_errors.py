"""The errors of `gigstack_async.webhooks`."""

from __future__ import annotations

from ._exceptions import GigstackError

__all__ = ["WebhookPayloadError", "WebhookVerificationError"]


class WebhookVerificationError(GigstackError):
    """A webhook delivery that must not be trusted or cannot be read: a missing or wrong signature
    or shared-secret header, a stale timestamp, or (as `WebhookPayloadError`) a malformed body.

    Answer such a delivery with a 4xx and do not act on it. Messages never contain the secret.
    """


class WebhookPayloadError(WebhookVerificationError):
    """The body is not a gigstack event: not JSON, not a JSON object, no event name, or a resource
    (or `id`, `created`, `livemode`) of the wrong shape. The message says which."""
