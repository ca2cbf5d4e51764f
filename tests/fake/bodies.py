"""Realistic request bodies for the fake's tests (plain dicts with the wire keys)."""

from __future__ import annotations

import uuid
from typing import Any

IVA_16 = {"type": "IVA", "rate": 0.16, "factor": "Tasa"}


def client(**overrides: Any) -> dict[str, Any]:
    return {
        "legal_name": "Empresa Demo SA de CV",
        "tax_id": "EDE010101AB1",
        "tax_system": "601",
        "email": f"pagos+{uuid.uuid4().hex[:8]}@empresa.mx",
        "use": "G03",
        "address": {"zip": "03100", "country": "MEX"},
        **overrides,
    }


def item(unit_price: float = 1000, **overrides: Any) -> dict[str, Any]:
    return {
        "description": "Consultoría",
        "quantity": 1,
        "unit_price": unit_price,
        "product_key": "80101500",
        "unit_key": "E48",
        "taxes": [IVA_16],
        **overrides,
    }


def invoice(client_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "client": {"id": client_id},
        "items": [item()],
        "payment_form": "03",
        "payment_method": "PUE",
        "use": "G03",
        **overrides,
    }


def payment(client_id: str, **overrides: Any) -> dict[str, Any]:
    return {"client": {"id": client_id}, "items": [item()], **overrides}


def receipt(**overrides: Any) -> dict[str, Any]:
    return {"items": [item(500)], "payment_form": "03", **overrides}


def user(**overrides: Any) -> dict[str, Any]:
    return {
        "email": f"ana+{uuid.uuid4().hex[:8]}@empresa.mx",
        "first_name": "Ana",
        "last_name": "López",
        **overrides,
    }
