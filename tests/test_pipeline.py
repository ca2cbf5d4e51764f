"""The generation pipeline: registry, catalogs and version facts come from the spec."""

from __future__ import annotations

import hashlib
import inspect

import gigstack_async
from gigstack_async import catalogs
from gigstack_async._generated.registry import OPERATIONS
from gigstack_async.testing._spec import Spec
from tests.conftest import SPEC_PATH
from tests.test_spec import PROVENANCE, spec_operations


def test_registry_lists_every_operation_of_the_spec(spec):
    ops = spec_operations(spec)
    assert set(OPERATIONS) == set(ops)
    for op_id, (method, path, op) in ops.items():
        info = OPERATIONS[op_id]
        assert (info.method, info.path, info.tag) == (method, path, op["tags"][0])
        assert info.pagination == op.get("x-pagination")
        assert info.idempotency == op.get("x-idempotency-key")
        assert info.retry is (op.get("x-retry") != "never")
        assert ".".join(info.sdk_method) == op["x-sdk-method"]


def test_only_gets_puts_deletes_and_honoured_keys_are_repeatable():
    for info in OPERATIONS.values():
        assert info.repeatable is (info.method != "POST" or info.idempotency == "honoured")
    assert not OPERATIONS["invoices_income_create"].repeatable  # the key is only sent
    assert OPERATIONS["payments_register"].repeatable
    assert not OPERATIONS["teams_onboarding_url"].retry


def test_idempotent_operations_take_the_key_in_their_body(spec):
    keyed = {op_id for op_id, info in OPERATIONS.items() if info.idempotency}
    for op_id in keyed:
        reader = Spec(spec)
        body = reader.schema_name(reader.operation(op_id).body_schema)
        assert body is not None, op_id
        assert "idempotency_key" in reader.schema_properties(body), op_id


def test_spec_version_and_digest_are_the_spec_s(spec):
    assert spec["info"]["version"] == gigstack_async.SPEC_VERSION
    assert hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest() == gigstack_async.SPEC_SHA256


def test_catalogs_hold_every_sat_code_with_its_meaning(spec):
    schema = spec["components"]["schemas"]["TaxSystem"]
    assert dict(catalogs.TAX_SYSTEM) == dict(
        zip(schema["enum"], schema["x-enum-descriptions"], strict=True)
    )
    assert catalogs.PAYMENT_METHOD.keys() == {"PUE", "PPD"}
    assert "01" in catalogs.CANCELLATION_MOTIVE and "G03" in catalogs.CFDI_USE
    assert "08" in catalogs.PAYMENT_FORM  # leading zeros survive YAML and JSON


def _public_methods():
    gs = gigstack_async.Gigstack(api_key="k")
    for op_id, info in sorted(OPERATIONS.items()):
        target: object = gs
        for name in info.sdk_method:
            target = getattr(target, name)
        yield op_id, target


def test_every_method_documents_its_arguments_returns_and_errors_for_the_user():
    for op_id, method in _public_methods():
        doc = inspect.getdoc(method) or ""
        assert not PROVENANCE.search(doc), (op_id, PROVENANCE.search(doc))
        args = doc.split("Args:\n", 1)[1].split("\n\n", 1)[0]
        documented = {
            name.strip()
            for line in args.splitlines()
            if not line.startswith("        ")  # an entry, not its continuation
            for name in line.split(":", 1)[0].split(",")
        }
        parameters = set(inspect.signature(method).parameters)
        assert parameters <= documented, (op_id, parameters - documented)
        assert "\nReturns:\n" in doc and "\nRaises:\n" in doc, op_id
