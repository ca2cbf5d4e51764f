"""The SAT rules of CFDI 4.0 that stamping and cancelling enforce, each answered 400 with the
field at fault in `error.details`:

- the receiver's RFC: 12 characters for a persona moral, 13 for a persona física, or a generic
  RFC (`invalid_field_value`);
- the receiver's tax regime fits the RFC's kind of person, 616 for generic RFCs
  (`invalid_field_value`);
- the CFDI use is allowed for the receiver's regime and kind, S01 for generic RFCs
  (`invalid_field_value`);
- payment method `PPD` only with payment form `99`, and `99` only with `PPD`
  (`invalid_field_value`);
- cancellation motive `01` only with the UUID of the substituting CFDI (`validation_failed`).

What a receiver does not state is not checked (a client may be stored without a regime).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..catalogs import CFDI_USE, TAX_SYSTEM
from ._calls import Call
from ._errors import FakeAPIError, bad_request
from ._sat_catalog import (
    FISICA,
    GENERIC_REGIME,
    GENERIC_RFCS,
    GENERIC_USE,
    MORAL,
    PPD_FORM,
    REGIME_KINDS,
    USE_KINDS,
    USE_REGIMES,
    uses_for,
)

# Letters of the name (3 for a company, 4 for a person), the date (YYMMDD), the homoclave. Case
# is not significant here: whether the API upper-cases RFCs is not documented.
_RFC = re.compile(r"^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})[A-Z0-9]{3}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_PLURAL = {FISICA: "físicas", MORAL: "morales"}
# `P01` was retired with CFDI 3.3, yet the API's own examples send it: it is not refused.
_UNCHECKED_USES = frozenset({"P01"})


@dataclass(frozen=True)
class Problem:
    field: str  # dotted, as the request names it: "client.tax_id", "payment_form"
    message: str

    def error(self, others: list[Problem]) -> FakeAPIError:
        details = [f"{p.field}: {p.message}" for p in [self, *others]]
        return bad_request("invalid_field_value", self.message, details)


def _real_date(yy: str, mm: str, dd: str) -> bool:
    for century in (1900, 2000):
        try:
            date(century + int(yy), int(mm), int(dd))
        except ValueError:
            continue
        return True
    return False


def rfc_kind(rfc: str) -> str | None:
    """`moral` (12 characters), `física` (13) or None when `rfc` is not shaped like an RFC."""
    found = _RFC.match(rfc.upper())
    if found is None or not _real_date(*found.group(2, 3, 4)):
        return None
    return MORAL if len(found.group(1)) == 3 else FISICA


def rfc_problem(rfc: str, field: str) -> Problem | None:
    if rfc_kind(rfc) is not None:
        return None
    return Problem(
        field,
        f"RFC {rfc!r} is not valid: a persona moral's has 12 characters (3 letters, a YYMMDD "
        "date, a 3-character homoclave), a persona física's 13 (4 letters, date, homoclave); "
        "use XAXX010101000 for the general public, XEXX010101000 for a foreign receiver",
    )


def _regime_name(regime: str) -> str:
    return f"{regime} ({TAX_SYSTEM[regime]})" if regime in TAX_SYSTEM else regime


def _use_name(use: str) -> str:
    return f"{use} ({CFDI_USE[use]})" if use in CFDI_USE else use


def regime_problem(rfc: str | None, regime: str, field: str) -> Problem | None:
    """The regime against the RFC: 616 for a generic RFC, else one for the RFC's kind."""
    if rfc is not None and rfc.upper() in GENERIC_RFCS:
        if regime == GENERIC_REGIME:
            return None
        who = GENERIC_RFCS[rfc.upper()]
        return Problem(
            field,
            f"RFC {rfc} ({who}) takes tax regime {_regime_name(GENERIC_REGIME)}, not {regime}",
        )
    kind = None if rfc is None else rfc_kind(rfc)
    fits = REGIME_KINDS.get(regime)
    if kind is None or fits is None or kind in fits:
        return None
    (other,) = fits
    return Problem(
        field,
        f"Tax regime {_regime_name(regime)} is for personas {_PLURAL[other]}, but RFC {rfc} is a "
        f"persona {kind}'s ({12 if kind == MORAL else 13} characters)",
    )


def use_problem(use: str, rfc: str | None, regime: str | None, field: str) -> Problem | None:
    """The CFDI use against the receiver: S01 for a generic RFC, one the regime allows, one
    for the RFC's kind of person."""
    if use in _UNCHECKED_USES or use not in USE_REGIMES:
        return None
    if rfc is not None and rfc.upper() in GENERIC_RFCS:
        if use == GENERIC_USE:
            return None
        who = GENERIC_RFCS[rfc.upper()]
        return Problem(field, f"RFC {rfc} ({who}) takes CFDI use {GENERIC_USE}, not {use}")
    if regime is not None and regime in REGIME_KINDS and regime not in USE_REGIMES[use]:
        allowed = ", ".join(uses_for(regime)) or "none"
        return Problem(
            field,
            f"CFDI use {_use_name(use)} is not allowed for a receiver in tax regime "
            f"{_regime_name(regime)}; that regime allows: {allowed}",
        )
    kind = None if rfc is None else rfc_kind(rfc)
    if kind is not None and kind not in USE_KINDS.get(use, {kind}):
        return Problem(
            field,
            f"CFDI use {_use_name(use)} is only for personas físicas, but RFC {rfc} is a "
            "persona moral's",
        )
    return None


def receiver_problems(
    receiver: Mapping[str, Any], use: Any, prefix: str = "client."
) -> list[Problem]:
    """What is wrong with a receiver's RFC, regime and the CFDI use given to it."""
    rfc = receiver.get("tax_id")
    rfc = rfc if isinstance(rfc, str) and rfc else None
    regime = receiver.get("tax_system")
    regime = regime if isinstance(regime, str) and regime else None
    found: list[Problem | None] = []
    if rfc is not None:
        found.append(rfc_problem(rfc, f"{prefix}tax_id"))
    if regime is not None:
        found.append(regime_problem(rfc, regime, f"{prefix}tax_system"))
    if isinstance(use, str) and use:
        found.append(use_problem(use, rfc, regime, "use"))
    return [problem for problem in found if problem is not None]


def payment_problems(method: str, form: Any) -> list[Problem]:
    """PPD takes payment form 99 (por definir); 99 is only for PPD."""
    if form is None or method not in ("PUE", "PPD"):
        return []
    if method == "PPD" and form != PPD_FORM:
        message = f"Payment method PPD takes payment form {PPD_FORM} (por definir), not {form}"
        return [Problem("payment_form", message)]
    if method == "PUE" and form == PPD_FORM:
        message = (
            f"Payment form {PPD_FORM} (por definir) is only for payment method PPD; this CFDI "
            "is PUE (the default when payment_method is not sent)"
        )
        return [Problem("payment_form", message)]
    return []


def check_stamp(body: Mapping[str, Any], receiver: Mapping[str, Any]) -> None:
    """Raise the first SAT rule a CFDI would break (all of them in `error.details`)."""
    method = body.get("payment_method") or "PUE"
    use = body.get("use") or receiver.get("use")
    problems = payment_problems(method, body.get("payment_form"))
    problems += receiver_problems(receiver, use)
    if problems:
        raise problems[0].error(problems[1:])


def check_invoice(call: Call, body: Mapping[str, Any], client: Mapping[str, Any]) -> None:
    """Check a CFDI about to be stamped for `client` (as the invoice carries it): the receiver's
    fiscal data is the team's stored client, overridden by what the invoice carries."""
    stored = call.team.collection("clients").find(client["id"]) if client.get("id") else None
    given = {key: value for key, value in client.items() if value is not None}
    check_stamp(body, {**(stored or {}), **given})


def substitution_of(body: Mapping[str, Any]) -> Any:
    # `replacement` is the older official CLI's name for `substitution_uuid`.
    return body.get("substitution_uuid") or body.get("replacement")


def check_cancellation(body: Mapping[str, Any]) -> None:
    """Motive 01 (issued with errors, with relation) needs the UUID of the CFDI that replaces
    the canceled one. With other motives a substitution is ignored."""
    if body.get("motive") != "01":
        return
    substitution = substitution_of(body)
    if not substitution:
        raise bad_request(
            "validation_failed",
            "Motive 01 needs the substitution_uuid of the CFDI that replaces this one",
            ["body/substitution_uuid: is required when motive is 01"],
        )
    if not isinstance(substitution, str) or not _UUID.match(substitution):
        raise bad_request(
            "validation_failed",
            f"substitution_uuid {substitution!r} is not a CFDI UUID (folio fiscal): send the "
            "`uuid` of the replacing invoice, 36 characters such as "
            "'5f0b3c1e-8d2a-4f6b-9c7d-1a2b3c4d5e6f'",
            ["body/substitution_uuid: not a UUID"],
        )
