"""What the SAT's CFDI 4.0 catalogs say about receivers: which tax regimes fit personas físicas
and morales, and which CFDI uses each receiver regime may take (c_RegimenFiscal and c_UsoCFDI of
Anexo 20). Codes missing from these tables are not checked: the SAT revises its catalogs."""

from __future__ import annotations

FISICA = "física"
MORAL = "moral"
BOTH = frozenset({FISICA, MORAL})

# c_RegimenFiscal: the kinds of taxpayer each regime is for. 622, 628, 629 and 630 are given both
# kinds: sources disagree on their columns, and the fake refuses only what is certain.
REGIME_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("601", "603", "620", "623", "624"), frozenset({MORAL})),
    **dict.fromkeys(
        ("605", "606", "607", "608", "611", "612", "614", "615", "616", "621", "625"),
        frozenset({FISICA}),
    ),
    **dict.fromkeys(("610", "626", "622", "628", "629", "630"), BOTH),
}

# c_UsoCFDI: the receiver regimes each use is allowed with (column RegimenFiscalReceptor).
_GOODS_AND_INVESTMENTS = frozenset(
    ("601", "603", "606", "612", "620", "621", "622", "623", "624", "625", "626")
)
_PERSONAL_DEDUCTIONS = frozenset(("605", "606", "607", "608", "611", "612", "614", "615", "625"))
# S01 and CP01: every receiver regime (628, 629 and 630 are none).
_ANY_RECEIVER = _GOODS_AND_INVESTMENTS | _PERSONAL_DEDUCTIONS | {"610", "616"}
USE_REGIMES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("G01", "G02", "G03", "I01", "I02", "I03", "I04", "I05", "I06", "I07", "I08"),
        _GOODS_AND_INVESTMENTS,
    ),
    **dict.fromkeys(tuple(f"D{n:02d}" for n in range(1, 11)), _PERSONAL_DEDUCTIONS),
    "S01": _ANY_RECEIVER,
    "CP01": _ANY_RECEIVER,
    "CN01": frozenset({"605"}),
}
# Uses only personas físicas may take (personal deductions and payroll).
USE_KINDS: dict[str, frozenset[str]] = {
    use: frozenset({FISICA}) for use in USE_REGIMES if use.startswith(("D", "CN"))
}

# The generic RFCs: the general public and foreign receivers, both regime 616 and use S01.
GENERIC_RFCS: dict[str, str] = {
    "XAXX010101000": "público en general",
    "XEXX010101000": "foreign receiver",
}
GENERIC_REGIME = "616"
GENERIC_USE = "S01"
PPD_FORM = "99"


def uses_for(regime: str) -> list[str]:
    """The CFDI uses a receiver in `regime` may take, in catalog order."""
    return [use for use, regimes in USE_REGIMES.items() if regime in regimes]
