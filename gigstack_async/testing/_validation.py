"""Requests and responses checked against the spec that ships with the SDK.

Every check here is the spec's own JSON Schema (Draft 2020-12, which OpenAPI 3.1 uses), run by
`jsonschema` over the components of the spec's document; nothing is re-stated by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ._errors import bad_request
from ._multipart import Form
from ._spec import Operation, Param, Spec

SPEC_URI = "urn:gigstack:openapi"
_MAX_DETAILS = 10
_INTEGER = re.compile(r"^-?\d+$")


def _error_lines(errors: list[Any], prefix: str) -> list[str]:
    lines = []
    for error in sorted(errors, key=lambda e: list(e.absolute_path))[:_MAX_DETAILS]:
        where = "/".join(str(part) for part in error.absolute_path)
        where = f"{prefix}/{where}" if where else prefix
        message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
        lines.append(f"{where}: {message}")
    return lines


class SpecValidator:
    """The validators of a spec's parts, compiled on first use and kept."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        resource = Resource.from_contents(spec.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._validators: dict[str, Any] = {}

    def _validator(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            rooted = _rebase(schema)
            validator = Draft202012Validator(rooted, registry=self._registry)
            self._validators[key] = validator
        return validator

    def errors(self, schema: dict[str, Any], value: Any, prefix: str) -> list[str]:
        return _error_lines(list(self._validator(schema).iter_errors(value)), prefix)

    def check_request(
        self, op: Operation, query: Mapping[str, str], body: Any, has_body: bool
    ) -> dict[str, Any]:
        """The declared query parameters, typed; raises 400 `validation_failed` when the query or
        the body breaks the spec. Undeclared query parameters are ignored, as the API does."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for param in op.params:
            if param.location != "query":
                continue
            if param.name not in query:
                if param.required:
                    problems.append(f"query/{param.name}: is required")
                continue
            value, problem = self._coerce(param, query[param.name])
            if problem is None:
                problems += self.errors(param.schema, value, f"query/{param.name}")
                values[param.name] = value
            else:
                problems.append(problem)
        if isinstance(body, Form):
            problems += self.form_problems(op, body)
        elif op.body_schema is not None:
            if has_body:
                problems += self.errors(op.body_schema, body, "body")
            elif op.body_required:
                problems.append("body: a JSON request body is required")
        if problems:
            raise bad_request("validation_failed", "Request validation failed", problems)
        return values

    def form_problems(self, op: Operation, form: Form) -> list[str]:
        """A multipart form against the body schema: file fields must be files, the others
        text that fits their schema, the required ones present."""
        assert op.body_schema is not None
        file_fields = self.spec.file_fields(op.body_schema)
        properties = self.spec.resolve(op.body_schema).get("properties", {})
        problems: list[str] = []
        value: dict[str, Any] = {}
        for name, text in form.fields.items():
            if name in file_fields:
                problems.append(f"body/{name}: must be a file part (with a filename)")
                value[name] = ""  # reported once, here, not again as missing
                continue
            value[name] = self._form_value(properties.get(name, {}), text)
        for name in form.files:
            if name in file_fields:
                value[name] = ""  # a file stands in as the string its schema declares
            elif name in properties:
                problems.append(f"body/{name}: must be a text field, not a file")
        return problems + self.errors(op.body_schema, value, "body")

    def _form_value(self, schema: dict[str, Any], text: str) -> Any:
        """A text field read as its schema's type (forms carry text only)."""
        types = self.spec.resolve(schema).get("type", "string")
        types = types if isinstance(types, list) else [types]
        if "string" in types:
            return text
        try:
            return json.loads(text)
        except ValueError:
            return text

    def _coerce(self, param: Param, raw: str) -> tuple[Any, str | None]:
        types = self.spec.resolve(param.schema).get("type", "string")
        types = types if isinstance(types, list) else [types]
        if "integer" in types:
            if not _INTEGER.match(raw):
                return None, f"query/{param.name}: {raw!r} is not an integer"
            return int(raw), None
        if "number" in types:
            try:
                return float(raw), None
            except ValueError:
                return None, f"query/{param.name}: {raw!r} is not a number"
        if "boolean" in types:
            if raw not in ("true", "false"):
                return None, f"query/{param.name}: {raw!r} is not true or false"
            return raw == "true", None
        return raw, None

    def response_problems(self, op: Operation, status: int, body: Any) -> list[str]:
        if status not in op.responses:
            return [f"status {status} is not documented for {op.id}"]
        schema = op.responses[status]
        return [] if schema is None else self.errors(schema, body, "response")


def _rebase(schema: dict[str, Any]) -> dict[str, Any]:
    """Point the local refs of a schema taken out of the document at the registered document."""
    text = json.dumps(schema).replace('"$ref": "#/', f'"$ref": "{SPEC_URI}#/')
    rebased: dict[str, Any] = json.loads(text)
    return rebased
