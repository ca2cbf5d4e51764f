"""Every default of the client in one place."""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.gigstack.io/v2"
ENV_API_KEY = "GIGSTACK_API_KEY"
ENV_BASE_URL = "GIGSTACK_BASE_URL"
ENV_LOG = "GIGSTACK_LOG"

# Stamping a CFDI goes through a PAC and the SAT and can take tens of seconds: the read timeout is
# generous, while a connection that cannot be opened fails fast.
DEFAULT_TIMEOUT = httpx.Timeout(90.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
# The whole of one call, every attempt and wait included: three full read timeouts and the waits.
DEFAULT_DEADLINE = 300.0
# A base64 PDF with its XML fits many times over; anything larger is refused, not buffered.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)

# Exponential backoff with full jitter: attempt n waits uniform(0, min(MAX, INITIAL * 2**n)).
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After longer than this is not waited: the error is raised to the caller instead.
MAX_RETRY_AFTER = 60.0

# Statuses worth another attempt for requests that are safe to repeat.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Statuses that prove the server did not process the request: safe to retry even a plain POST.
UNPROCESSED_STATUSES = frozenset({429, 503})

PAGE_SIZE_MIN = 1
PAGE_SIZE_MAX = 100

# The largest file an upload sends (the API documents 10 MiB for support documents).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
