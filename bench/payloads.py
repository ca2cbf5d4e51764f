"""Realistic gigstack response bodies, built once and encoded to bytes before any timing.

The shapes follow the spec's schemas (`GigstackClient`, `Invoice`, `Item`, `Tax`, the list
envelope) with every documented field filled in, as a production account returns them.
"""

from __future__ import annotations

import json
from typing import Any

CLIENT_ID = "client_8Kq2mZ7xR4"
OPENAI_MODEL_ID = "gpt-4o-mini"
PAGE_LIMIT = 100
CURSOR_MARK = "@@cursor@@"
BASE_CREATED_AT = 1_733_000_000


def client_object(index: int = 0) -> dict[str, Any]:
    """A `GigstackClient` with every field of the schema, address and defaults included."""
    return {
        "id": CLIENT_ID if index == 0 else f"client_{index:010d}",
        "name": "Comercializadora del Bajío",
        "legal_name": "COMERCIALIZADORA DEL BAJIO",
        "company": "Comercializadora del Bajío SA de CV",
        "email": "facturacion@comercializadorabajio.mx",
        "phone": "+52 477 123 4567",
        "bcc": ["contabilidad@comercializadorabajio.mx", "cxp@comercializadorabajio.mx"],
        "tax_id": "CBA120315QX7",
        "rfc": "CBA120315QX7",
        "tax_system": "601",
        "use": "G03",
        "address": {
            "street": "Boulevard Adolfo López Mateos",
            "exterior": "1402",
            "interior": "Piso 3",
            "neighborhood": "Jardines del Moral",
            "city": "León",
            "municipality": "León",
            "state": "Guanajuato",
            "zip": "37160",
            "country": "MEX",
        },
        "defaults": {
            "issue_automatic_invoices": True,
            "issue_invoiceable_receipts": False,
            "keep_full_legal_name": False,
        },
        "efos": {"is_valid": True},
        "efos_status": "clean",
        "efos_checked_at": "2025-11-02T16:20:11Z",
        "is_valid": True,
        "from": "api",
        "livemode": True,
        "owner": "user_3Fh81kQz0P",
        "team": "team_9Wd72LmN1c",
        "created_at": BASE_CREATED_AT + index,
        "metadata": {
            "crm_id": f"hs-{48213 + index}",
            "segment": "wholesale",
            "account_manager": "ana.garcia",
            "payment_terms_days": 30,
        },
    }


def _tax(kind: str, rate: float, *, withholding: bool, base: float) -> dict[str, Any]:
    return {
        "type": kind,
        "rate": rate,
        "factor": "Tasa",
        "withholding": withholding,
        "inclusive": False,
        "base": f"{base:.2f}",
    }


def _item(index: int, line: int, unit_price: float, quantity: float) -> dict[str, Any]:
    subtotal = unit_price * quantity
    taxes = [_tax("IVA", 0.16, withholding=False, base=subtotal)]
    if line == 1:  # professional services to a company: ISR and IVA withheld too
        taxes.append(_tax("ISR", 0.10, withholding=True, base=subtotal))
    return {
        "id": f"item_{index:06d}{line}",
        "description": "Servicios de consultoría en implementación de facturación electrónica",
        "quantity": quantity,
        "unit_price": unit_price,
        "discount": 0,
        "product_key": "80101500",
        "unit_key": "E48",
        "unit_name": "Unidad de servicio",
        "sku": f"SKU-CONS-{line:03d}",
        "taxability": "02",
        "taxes": taxes,
        "from": "api",
        "team": "team_9Wd72LmN1c",
        "created_at": BASE_CREATED_AT + index,
        "metadata": {"project": f"PRJ-{2025}-{index % 97:02d}"},
    }


def invoice_object(index: int) -> dict[str, Any]:
    """An income `Invoice` (CFDI type I) with client, stamp, items and their taxes."""
    items = [_item(index, 0, 12500.0, 1)]
    if index % 2:
        items.append(_item(index, 1, 850.5, 3))
    subtotal = sum(i["unit_price"] * i["quantity"] for i in items)
    taxes = round(subtotal * 0.16, 2)
    return {
        "id": f"inv_{index:010d}",
        "uuid": f"3f2a8c1e-5b7d-4e09-9a61-{index:012d}",
        "client": {
            "id": f"client_{index % 40:010d}",
            "name": "Comercializadora del Bajío",
            "legal_name": "COMERCIALIZADORA DEL BAJIO",
            "email": "facturacion@comercializadorabajio.mx",
            "tax_id": "CBA120315QX7",
        },
        "status": "valid",
        "cancellation_status": None,
        "cancellation_receipt": None,
        "currency": "MXN",
        "exchange_rate": 1,
        "total": round(subtotal + taxes, 2),
        "subtotal": subtotal,
        "taxes": taxes,
        "discount": 0,
        "last_balance": 0,
        "series": "A",
        "folio_number": 1000 + index,
        "invoice_type": "I",
        "payment_form": "03",
        "payment_method": "PUE",
        "payment_complements": 0,
        "items": items,
        "stamp": {
            "stamp_at": BASE_CREATED_AT + index,
            "sello": "kQ7vZp1xR2sT9uW3yA5bC8dE0fG4hJ6kL1mN3pQ5rS7tU9vW2xY4zA6bC8dE0fG==",
        },
        "livemode": True,
        "owner": "user_3Fh81kQz0P",
        "created_at": BASE_CREATED_AT + index,
        "metadata": {"order_id": f"SO-{70000 + index}", "channel": "b2b"},
    }


def count_fields(value: object) -> int:
    """Leaf values in a JSON document (what a parser has to read)."""
    if isinstance(value, dict):
        return sum(count_fields(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_fields(v) for v in value)
    return 1


def encode(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def client_envelope() -> bytes:
    return encode({"message": "Client retrieved successfully", "data": client_object()})


def invoices(count: int) -> list[dict[str, Any]]:
    return [invoice_object(i) for i in range(count)]


def invoice_page(
    count: int = PAGE_LIMIT, *, next_cursor: str | None = None, total: int | None = None
) -> bytes:
    """A list envelope of `count` income invoices, as one page of `invoices.income.list`."""
    return encode(
        {
            "message": "Invoices retrieved successfully",
            "data": invoices(count),
            "has_more": next_cursor is not None,
            "next": next_cursor,
            "total_results": count if total is None else total,
        }
    )


def invoice_page_parts(count: int, total: int) -> tuple[bytes, bytes]:
    """The bytes before and after the `next` cursor of a page that has more, so that a server can
    stamp each page's cursor in without encoding anything per request."""
    body = invoice_page(count, next_cursor=CURSOR_MARK, total=total)
    before, after = body.split(CURSOR_MARK.encode(), 1)
    return before, after


def openai_model() -> bytes:
    """`GET /models/{id}` as the OpenAI API shapes it, carrying the gigstack client's fields as
    extras so that both SDKs read a body of the same size and field count."""
    extras = {k: v for k, v in client_object().items() if k != "id"}
    return encode(
        {"id": OPENAI_MODEL_ID, "object": "model", "created": 1721172741, "owned_by": "system"}
        | extras
    )
