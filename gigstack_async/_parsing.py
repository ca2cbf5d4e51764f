"""The one exception a response parser raises: where in the JSON a value had the wrong shape."""

from __future__ import annotations


class ParseError(Exception):
    """A response value the models cannot read. `path` says where it sits, relative to the value
    handed to the parser (for example `items[2].taxes[0].rate`); `message` says what was wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
