"""Hand-written pydantic v2 models equivalent to the SDK's invoice list models (the parse peer).

Same fields and nullability as the spec's `Invoice`, `InvoiceClient`, `InvoiceStamp`, `Item`, `Tax`
and list envelope; SAT codes as plain strings and unknown keys kept, as the SDK does.
Imported only where pydantic is installed (the bench environment).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Tax(_Model):
    type: str | None = None
    rate: float | None = None
    factor: str | None = None
    withholding: bool | None = None
    inclusive: bool | None = None
    base: str | None = None


class Item(_Model):
    id: str | None = None
    description: str | None = None
    quantity: float | None = None
    unit_price: float | None = None
    discount: float | None = None
    product_key: str | None = None
    unit_key: str | None = None
    unit_name: str | None = None
    sku: str | None = None
    taxability: str | None = None
    taxes: list[Tax] | None = None
    from_: str | None = Field(default=None, alias="from")
    team: str | None = None
    created_at: int | None = None
    metadata: Any = None
    search: dict[str, Any] | None = None
    third_party: dict[str, Any] | None = None


class InvoiceClient(_Model):
    id: str | None = None
    name: str | None = None
    legal_name: str | None = None
    email: str | None = None
    tax_id: str | None = None


class InvoiceStamp(_Model):
    stamp_at: int | None = None
    sello: str | None = None


class Invoice(_Model):
    id: str | None = None
    uuid: str | None = None
    client: InvoiceClient | None = None
    status: str | None = None
    cancellation_status: str | None = None
    cancellation_receipt: str | None = None
    currency: str | None = None
    exchange_rate: float | None = None
    total: float | None = None
    subtotal: float | None = None
    taxes: float | None = None
    discount: float | None = None
    last_balance: float | None = None
    series: str | None = None
    folio_number: int | None = None
    invoice_type: str | None = None
    payment_form: str | None = None
    payment_method: str | None = None
    payment_complements: int | None = None
    items: list[Item] | None = None
    stamp: InvoiceStamp | None = None
    livemode: bool | None = None
    owner: str | None = None
    created_at: int | None = None
    metadata: Any = None


class InvoiceListEnvelope(_Model):
    message: str | None = None
    success: bool | None = None
    timestamp: int | str | None = None
    data: list[Invoice | None] = []
    next: str | None = None
    has_more: bool | None = None
    total_results: int | None = None


class Address(_Model):
    country: str | None = None
    street: str | None = None
    exterior: str | None = None
    interior: str | None = None
    neighborhood: str | None = None
    municipality: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None


class ClientDefaults(_Model):
    keep_full_legal_name: bool | None = None
    issue_automatic_invoices: bool | None = None
    issue_invoiceable_receipts: bool | None = None


class ClientEfos(_Model):
    is_valid: bool | None = None


class GigstackClient(_Model):
    id: str
    name: str | None = None
    company: str | None = None
    legal_name: str | None = None
    email: str | None = None
    phone: str | None = None
    tax_id: str | None = None
    tax_system: str | None = None
    use: str | None = None
    address: Address | None = None
    efos: ClientEfos | None = None
    is_valid: bool | None = None
    livemode: bool | None = None
    created_at: int | None = None
    team: str | None = None
    owner: str | None = None
    from_: str | None = Field(default=None, alias="from")
    metadata: Any = None
    bcc: list[str] | None = None
    defaults: ClientDefaults | None = None
    rfc: str | None = None
    efos_status: str | None = None
    efos_checked_at: str | None = None


class GigstackClientEnvelope(_Model):
    message: str | None = None
    success: bool | None = None
    timestamp: int | str | None = None
    data: GigstackClient | None = None
