"""Support documents: files uploaded to a client, an invoice or a payment (multipart), listed
back per record and served at their `file_url` with the bytes that were uploaded."""

from __future__ import annotations

import os

from .._calls import Call, Handler, Reply
from .._errors import bad_request
from .._multipart import UploadedFile
from .._store import Record, new_id, now_ms

# The types the API accepts, by media type: PDF, PNG, JPG/JPEG, WEBP.
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
ACCEPTED = frozenset(EXTENSIONS.values())
# (collection, the record's key in paths, entity type in `linked_entities`) per owner.
OWNERS = {
    "clients": ("clients", "client"),
    "invoices": ("invoices", "invoice"),
    "payments": ("payments", "payment"),
}


def media_type(file: UploadedFile) -> str | None:
    """What the file is, from its first bytes, else its name, else its declared type; None when
    it is none of the accepted types."""
    data = file.data
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    by_name = EXTENSIONS.get(os.path.splitext(file.file_name)[1].lower())
    declared = (file.content_type or "").split(";")[0].strip().lower()
    return by_name or (declared if declared in ACCEPTED else None)


def _owner(call: Call, collection: str) -> tuple[str, str]:
    """(entity type, entity id) of the record of the path; 404 when the team has none."""
    name, entity_type = OWNERS[collection]
    records = call.team.collection(name)
    record = records.get(call.path["id"])
    return entity_type, str(record[records.key])


def _linked_to(document: Record, entity_type: str, entity_id: str) -> bool:
    return any(
        link.get("entity_type") == entity_type and link.get("entity_id") == entity_id
        for link in document.get("linked_entities") or []
    )


def _upload(collection: str) -> Handler:
    def upload(call: Call) -> Reply:
        entity_type, entity_id = _owner(call, collection)
        file = call.files["file"]
        kind = media_type(file)
        if kind is None:
            raise bad_request(
                "invalid_file_format",
                "The document must be a PDF, PNG, JPG, JPEG or WEBP file",
                [f"body/file: {file.file_name!r} is not an accepted type"],
            )
        fields = call.fields
        document_id = new_id("doc")
        stamp = now_ms()
        document: Record = {
            "id": document_id,
            "document_type": fields.get("documentType"),
            "name": fields.get("name") or file.file_name,
            "description": fields.get("description"),
            "file_url": f"{call.base_url}/documents/{call.team.id}/{document_id}",
            "file_name": file.file_name,
            "file_size": file.size,
            "mime_type": kind,
            "compliance_status": "pending_review",
            "compliance_notes": None,
            "ai_extraction": None,
            "audits": [],
            "created_at": stamp,
            "updated_at": stamp,
            "linked_entities": [
                {"entity_type": entity_type, "entity_id": entity_id, "linked_at": stamp}
            ],
        }
        call.team.uploads[document_id] = UploadedFile(file.data, file.file_name, kind)
        call.team.collection("support_documents").add(document)
        return Reply(document, "Support document uploaded successfully")

    return upload


def _list(collection: str) -> Handler:
    def list_(call: Call) -> Reply:
        entity_type, entity_id = _owner(call, collection)
        documents = [
            document
            for document in call.team.collection("support_documents").values()
            if _linked_to(document, entity_type, entity_id)
        ]
        return Reply(documents, "Support documents retrieved successfully")

    return list_


HANDLERS: dict[str, Handler] = {
    f"{collection}_support_documents_{verb}": make(collection)
    for collection in OWNERS
    for verb, make in (("upload", _upload), ("list", _list))
}
