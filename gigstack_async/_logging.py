"""The `gigstack_async` logger, switched on with GIGSTACK_LOG=debug|info. Secrets never reach it."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from ._constants import ENV_LOG

logger = logging.getLogger("gigstack_async")

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def configure_from_env() -> None:
    """Attach a stderr handler once when GIGSTACK_LOG asks for one."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(ENV_LOG, "").lower())
    if level is None or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


def redact(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {k: "<redacted>" if k.lower() in _SECRET_HEADERS else v for k, v in headers}
