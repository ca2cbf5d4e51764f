"""`gigstack_async.params`: a TypedDict per request body schema, loaded without any model."""

from __future__ import annotations

import ast
import inspect
import typing

from gigstack_async import params
from gigstack_async._generated import params as generated_params


def test_each_body_schema_has_a_typed_dict_with_required_keys_from_the_spec() -> None:
    body = params.InvoiceIncomeInputParams
    assert body.__required_keys__ == {"client", "items"}
    assert "payment_form" in body.__optional_keys__
    hints = typing.get_type_hints(params.TaxParams)
    assert "float" in str(hints["rate"])
    assert {"ItemParams", "TaxParams", "InvoiceClientInputParams"} <= set(params.__all__)


def test_params_imports_only_typing() -> None:
    imported: set[str] = set()
    for module in (params, generated_params):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom):
                imported.add("." * node.level + (node.module or ""))
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    # `.._uploads` holds the type of a file field (bytes, a path or a binary file); no models.
    allowed = {
        "__future__",
        "sys",
        "typing",
        "typing_extensions",
        "._generated.params",
        ".._uploads",
    }
    assert imported <= allowed
