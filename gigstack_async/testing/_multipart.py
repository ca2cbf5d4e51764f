"""multipart/form-data request bodies, read byte for byte: text fields and uploaded files."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

from .._constants import MAX_UPLOAD_BYTES
from ._errors import bad_request


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a form: its bytes, the file name and media type the sender gave."""

    data: bytes
    file_name: str
    content_type: str | None

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class Form:
    """A parsed form: text fields and files by field name (a repeated name keeps the last)."""

    fields: dict[str, str]
    files: dict[str, UploadedFile]

    def names(self) -> set[str]:
        return set(self.fields) | set(self.files)


def _header_params(header: str, value: str) -> Message:
    message = Message()
    message[header] = value
    return message


def boundary_of(content_type: str) -> str | None:
    """The boundary of a `multipart/form-data` content type; None for any other type."""
    message = _header_params("content-type", content_type)
    if message.get_content_type() != "multipart/form-data":
        return None
    boundary = message.get_param("boundary", header="content-type")
    return boundary if isinstance(boundary, str) and boundary else None


def parse_form(raw: bytes, content_type: str) -> Form:
    """The form in `raw`; a body that is not well-formed multipart/form-data is a 400
    `invalid_request_body`."""
    boundary = boundary_of(content_type)
    if boundary is None:
        raise _malformed("send the body as multipart/form-data")
    delimiter = b"--" + boundary.encode("latin-1")
    chunks = raw.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise _malformed("the multipart body is incomplete")
    form = Form({}, {})
    for chunk in chunks[1:-1]:
        if not chunk.startswith(b"\r\n") or not chunk.endswith(b"\r\n"):
            raise _malformed("a multipart part is not framed by CRLF")
        head, separator, data = chunk[2:-2].partition(b"\r\n\r\n")
        if not separator:
            raise _malformed("a multipart part has no header block")
        _add_part(form, head.decode("latin-1"), data)
    return form


def _add_part(form: Form, head: str, data: bytes) -> None:
    headers: dict[str, str] = {}
    for line in head.split("\r\n"):
        header, colon, value = line.partition(":")
        if colon:
            headers[header.strip().lower()] = value.strip()
    disposition = headers.get("content-disposition", "")
    params = _header_params("content-disposition", disposition)
    name = params.get_param("name", header="content-disposition")
    if not disposition.lower().startswith("form-data") or not isinstance(name, str):
        raise _malformed("every part needs Content-Disposition: form-data with a name")
    file_name = params.get_filename()
    if file_name is None:
        try:
            form.fields[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _malformed(f"the text field {name!r} is not UTF-8") from None
        return
    form.files[name] = UploadedFile(data, file_name, headers.get("content-type"))


def _malformed(problem: str) -> Exception:
    return bad_request("invalid_request_body", "The request body is not a valid form", [problem])


def check_file_sizes(form: Form) -> None:
    """Files over the API's upload limit are refused (400 `file_upload_error`)."""
    for name, file in form.files.items():
        if file.size > MAX_UPLOAD_BYTES:
            raise bad_request(
                "file_upload_error",
                f"The file {file.file_name!r} is larger than 10 MiB",
                [f"body/{name}: {file.size} bytes, at most {MAX_UPLOAD_BYTES}"],
            )
