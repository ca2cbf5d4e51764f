"""Request bodies as plain dicts that type checkers understand.

Each body schema has a `TypedDict` named `<Schema>Params` (nested ones too: `ItemParams`,
`TaxParams`, ...), with the API's own key names, required keys marked `Required`, and catalog
fields typed with their SAT codes (any other string is accepted too). Every method that takes a
body accepts either the model (`InvoiceIncomeInput(...)`) or such a dict::

    from gigstack_async.params import InvoiceIncomeInputParams

    body: InvoiceIncomeInputParams = {
        "client": {"id": "client_123"},
        "items": [{"description": "Consultoría", "quantity": 1, "unit_price": 100,
                   "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa"}]}],
        "payment_form": "03",
    }

Importing this module loads no model class.
"""

from ._generated.params import *  # noqa: F403
from ._generated.params import __all__ as __all__
