"""The spec covers the documented core operations (at least), and the documented examples fit it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from gigstack_async.testing._spec import Spec
from tests.conftest import ROOT, SPEC_DATA

EXAMPLES = SPEC_DATA / "examples"
REFERENCE = ROOT.parent / "shared" / "gigstack-api"
ERROR_STATUSES = {"400", "401", "403", "404", "409", "422", "429", "500"}


def spec_operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Operation id -> (method, path, the operation object as written)."""
    return {op.id: (op.method, op.path, op.source) for op in Spec(spec).operations.values()}


def test_every_documented_core_operation_is_in_the_spec(spec, core_operations):
    # A floor: the spec may hold more operations than the reference's core list.
    ops = Spec(spec).operations
    for expected in core_operations:
        assert expected["id"] in ops, expected["id"]
        op = ops[expected["id"]]
        assert (op.method, op.path) == (expected["method"], expected["path"]), expected["id"]
        assert op.tag == expected["tag"], expected["id"]


def test_every_operation_takes_team_bearer_auth_and_documents_the_errors(spec):
    for op_id, (_, _, op) in spec_operations(spec).items():
        assert "team" in {p.name for p in Spec(spec).operation(op_id).params}, op_id
        assert op["tags"] and len(op["tags"]) == 1, op_id
        assert op.get("security") == [{"bearerAuth": []}], op_id
        assert {str(code) for code in op["responses"]} >= ERROR_STATUSES, op_id


def test_no_defaults_on_parameters_or_request_fields(spec):
    assert '"default":' not in json.dumps(spec["components"]["parameters"])
    for name, schema in spec["components"]["schemas"].items():
        if name.endswith("Input"):
            assert '"default":' not in json.dumps(schema), name


def _examples(spec: dict[str, Any]):
    """(operation id, where, example name, value, schema) for every example attached in the spec."""
    for op_id, (_, _, op) in spec_operations(spec).items():
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        for name, example in body.get("examples", {}).items():
            yield op_id, "request", name, example["value"], body["schema"]
        for status, response in op["responses"].items():
            media = response.get("content", {}).get("application/json", {})
            for name, example in media.get("examples", {}).items():
                yield op_id, status, name, example["value"], media["schema"]


def _validator(spec: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    registry = Registry().with_resource("urn:spec", Resource.opaque(spec))
    rooted = json.loads(json.dumps(schema).replace('"#/components/', '"urn:spec#/components/'))
    return Draft202012Validator(rooted, registry=registry)


def test_every_attached_example_validates(spec):
    seen = 0
    for op_id, where, name, value, schema in _examples(spec):
        errors = list(_validator(spec, schema).iter_errors(value))
        assert not errors, f"{op_id} {where} {name}: {errors[0].message}"
        seen += 1
    assert seen >= 44


def test_a_wrong_example_is_rejected(spec):
    """The validation above can fail: a body of the wrong shape does."""
    schema = {"$ref": "#/components/schemas/RefundPaymentInput"}
    assert list(_validator(spec, schema).iter_errors({"amount": "lots"}))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_documented_core_example_is_attached(spec, path: Path):
    value = json.loads(path.read_text(encoding="utf-8"))
    op_id = path.name.split(".")[0]
    kind = path.name.split(".")[1]
    attached = [
        v for o, where, _, v, _ in _examples(spec)
        if o == op_id and (where == "request") == (kind == "request")
    ]  # fmt: skip
    assert value in attached, f"{path.name} is not attached to {op_id}"


@pytest.mark.skipif(not REFERENCE.exists(), reason="the API reference is not beside this checkout")
def test_vendored_reference_matches_the_source():
    for path in EXAMPLES.glob("*.json"):
        assert path.read_bytes() == (REFERENCE / "examples" / path.name).read_bytes(), path.name


# Words that speak of where a fact came from or how sure the spec's author is. They belong in
# `x-notes`; summaries and descriptions become SDK docstrings and speak to users.
PROVENANCE = re.compile(
    r"decision\s+\d+|open\s+question|official\s+cli|\bcli\b|n8n|cli-idx|unconfirmed|\bL\d+\b"
    r"|github\.com|docs\.gigstack\.io|fidelity|gigstack-cli|\bdocs?\b|\bguide\b|examples/|\.json\b"
    r"|undocumented|not documented|presumabl|probabl|\blikely\b|guess|schema example|fixture"
    r"|docs model|ApiPublic",
    re.IGNORECASE,
)
# Keys holding data, not documentation: a `description` inside them is a field, not text.
DATA_KEYS = {"example", "default", "enum", "const", "value"}


def _texts(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    """(JSON pointer, text) for every `summary` and `description` in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}/{key}"
            if key in DATA_KEYS:
                continue
            if key in ("summary", "description") and isinstance(value, str):
                yield here, value
            elif key == "properties" and isinstance(value, dict):
                for name, schema in value.items():
                    yield from _texts(schema, f"{here}/{name}")
            else:
                yield from _texts(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{where}/{index}")


def _x_notes(node: Any, where: str = "#") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-notes":
                yield f"{where}/{key}", value
            elif key not in DATA_KEYS:
                yield from _x_notes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _x_notes(item, f"{where}/{index}")


def test_the_walk_reaches_operation_parameter_property_and_example_texts(spec):
    pointers = {pointer for pointer, _ in _texts(spec)}
    assert "#/paths//clients/get/description" in pointers
    assert "#/components/parameters/limit/description" in pointers
    assert "#/components/schemas/Service/properties/description/description" in pointers
    assert "#/info/description" in pointers
    assert any("/examples/" in pointer and pointer.endswith("/summary") for pointer in pointers)
    assert len(pointers) > 900


def test_provenance_pattern_catches_what_it_should():
    for text in (
        "decision 12",
        "an Open Question",
        "the official CLI",
        "cli-idx",
        "n8n node",
        "L123",
        "unconfirmed",
        "https://github.com/x",
        "docs.gigstack.io/x",
        "fidelity",
        "the docs example",
        "Clients API Guide",
        "(examples/clients_list.response.200.json)",
        "read by gigstack-cli",
        "undocumented",
        "presumably present",
        "docs model ApiPublicClient",
    ):
        assert PROVENANCE.search(text), text
    assert not PROVENANCE.search(
        "Lists the client's invoices; L-shaped, clinic, decisions, documents"
    )


def test_summaries_and_descriptions_speak_to_users(spec):
    offending = [
        f"{pointer}: {match.group(0)!r}"
        for pointer, text in _texts(spec)
        for match in [PROVENANCE.search(text)]
        if match
    ]
    assert not offending, "\n".join(offending)


def test_x_notes_are_strings(spec):
    notes = list(_x_notes(spec))
    assert len(notes) > 100, "the sources of the descriptions are kept in x-notes"
    wrong = [pointer for pointer, value in notes if not isinstance(value, str) or not value.strip()]
    assert not wrong, wrong
