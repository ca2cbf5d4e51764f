"""Base of the generated resource classes: each holds the one core every call goes through."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._requester import Requester


class Resource:
    def __init__(self, core: Requester) -> None:
        self._core = core
