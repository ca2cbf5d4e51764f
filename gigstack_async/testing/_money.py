"""Totals of a list of items the way a CFDI computes them: decimal pesos, taxes per item.

`subtotal` is the sum of `unit_price * quantity` before discounts, `total` is
`subtotal - discount + taxes - withholdings`. An `inclusive` tax is taken out of the price first;
`Tasa` taxes apply their `rate` (a fraction) to the discounted base, `Cuota` taxes apply per unit,
`Exento` ones nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ._errors import bad_request


def _number(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return float(value)


def totals(items: Iterable[dict[str, Any]]) -> dict[str, float]:
    subtotal = discount = transferred = withheld = 0.0
    for item in items:
        quantity = _number(item.get("quantity"), 1.0)
        gross = quantity * _number(item.get("unit_price"), 0.0)
        item_discount = _number(item.get("discount"), 0.0)
        taxes = [tax for tax in item.get("taxes") or [] if isinstance(tax, dict)]
        inclusive = sum(
            _number(tax.get("rate"), 0.0)
            for tax in taxes
            if tax.get("inclusive") and not tax.get("withholding") and _is_rate(tax)
        )
        divisor = 1 + inclusive if inclusive > -1 else 1.0
        base = (gross - item_discount) / divisor
        for tax in taxes:
            if tax.get("factor") == "Exento":
                continue
            rate = _number(tax.get("rate"), 0.0)
            value = quantity * rate if tax.get("factor") == "Cuota" else base * rate
            if tax.get("withholding"):
                withheld += value
            else:
                transferred += value
        subtotal += gross / divisor
        discount += item_discount / divisor
    result = {
        "subtotal": round(subtotal, 2),
        "discount": round(discount, 2),
        "taxes": round(transferred, 2),
        "total": round(subtotal - discount + transferred - withheld, 2),
    }
    if not all(math.isfinite(value) for value in result.values()):
        raise bad_request("invalid_field_value", "The amounts of the items are out of range")
    return result


def _is_rate(tax: dict[str, Any]) -> bool:
    return tax.get("factor") in (None, "Tasa")
