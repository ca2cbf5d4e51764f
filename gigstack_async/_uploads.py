"""Files in upload bodies: bytes, a path or a binary file object, read whole before sending.

The content is read once, so a retry sends the same bytes again, and a file over the limit is
refused before anything reaches the network. A file object the caller passes is left at the
position it had, so it can be sent again.
"""

from __future__ import annotations

import copy
import io
import mimetypes
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._constants import MAX_UPLOAD_BYTES
from ._generated.types import File

# What a file field of an upload body takes.
Upload = (
    bytes
    | bytearray
    | memoryview
    | str
    | os.PathLike[str]
    | io.BufferedIOBase
    | io.RawIOBase
    | File
)


def is_upload(value: object) -> bool:
    """Whether `value` is something a file field takes (checked before the network)."""
    return isinstance(value, (bytes, bytearray, memoryview, str, os.PathLike, File)) or hasattr(
        value, "read"
    )


def read_upload(name: str, value: object) -> File:
    """The upload as a `File` holding its bytes, its file name and its media type."""
    if isinstance(value, File):
        return _file(name, _read_stream(name, value.payload), value.file_name, value.mime_type)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _file(name, bytes(value), None, None)
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        if not path.is_file():
            raise FileNotFoundError(f"{name}: no file at {str(path)!r}")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise ValueError(f"{name}: {path.name} is larger than {_mib(MAX_UPLOAD_BYTES)}")
        return _file(name, path.read_bytes(), path.name, None)
    if hasattr(value, "read"):
        file_name = getattr(value, "name", None)
        base = os.path.basename(file_name) if isinstance(file_name, str) else None
        return _file(name, _read_stream(name, value), base, None)
    raise TypeError(
        f"{name} must be bytes, a file path or a binary file object, not {type(value).__name__}"
    )


def with_uploads(body: object, model: type[Any], fields: tuple[tuple[str, str], ...]) -> Any:
    """The upload body as its model, each file field read whole. `fields` holds the (wire name,
    model attribute) of each file field."""
    if isinstance(body, model):
        result = copy.copy(body)
        for wire, attribute in fields:
            value = getattr(result, attribute, None)
            if value is not None:
                setattr(result, attribute, read_upload(wire, value))
        return result
    if not isinstance(body, Mapping):
        raise TypeError(f"body must be a {model.__name__} or a mapping, not {type(body).__name__}")
    missing = [wire for wire, _ in fields if body.get(wire) is None]
    if missing:
        raise ValueError(f"{model.__name__} needs the file field(s) {', '.join(missing)}")
    files = {attribute: read_upload(wire, body[wire]) for wire, attribute in fields}
    result = model.from_dict({**body, **{wire: b"" for wire, _ in fields}})
    for attribute, file in files.items():
        setattr(result, attribute, file)
    return result


def _read_stream(name: str, stream: Any) -> bytes:
    start = _position(stream)
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    if start is not None:
        # The caller's file is left where it was, so that the same file (or the same model
        # holding it) can be sent again rather than sending nothing the second time.
        stream.seek(start)
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"{name}: the file must be opened in binary mode ('rb')")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"{name}: the file is larger than {_mib(MAX_UPLOAD_BYTES)}")
    return bytes(data)


def _position(stream: Any) -> int | None:
    """Where a seekable stream is (None for one that cannot go back, such as a pipe)."""
    try:
        position = stream.tell() if stream.seekable() else None
    except (AttributeError, OSError, ValueError):
        return None
    return position if isinstance(position, int) else None


def _file(name: str, data: bytes, file_name: str | None, mime_type: str | None) -> File:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"{name}: the file is larger than {_mib(MAX_UPLOAD_BYTES)}")
    if mime_type is None and file_name:
        mime_type = mimetypes.guess_type(file_name)[0]
    return File(
        payload=io.BytesIO(data),
        file_name=file_name or name,
        mime_type=mime_type or "application/octet-stream",
    )


def _mib(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB"
