"""Hypothesis strategies for the wire form of the spec's schemas.

Covers what the spec uses: `$ref`, `allOf`, `oneOf`/`anyOf`, type lists (`[string, 'null']`),
enums (plus unknown values, which the SDK must pass through), `const`, strings, numbers, integers
with bounds, booleans, null, arrays with `minItems`, free-form objects and objects with
properties (plus unknown keys, which the SDK must keep). Depth and sizes are bounded: past
`max_depth` only required properties are drawn and arrays stay at their minimum size.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from gigstack_async.testing._spec import Spec

INT64 = 2**53  # JSON-safe integers
JSON_SCALARS = st.none() | st.booleans() | st.integers(-INT64, INT64) | st.text(max_size=8)
FREE_FORM = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner, max_size=2)
    ),
    max_leaves=4,
)
UNKNOWN_KEY = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=6).map("x_".__add__)


class SchemaStrategies:
    def __init__(self, spec: dict[str, Any], *, max_depth: int = 3, max_items: int = 2) -> None:
        self.spec = Spec(spec)
        self.schemas: dict[str, Any] = spec["components"]["schemas"]
        self.max_depth = max_depth
        self.max_items = max_items
        self._built: dict[str, st.SearchStrategy[Any]] = {}

    def component(self, name: str) -> st.SearchStrategy[Any]:
        if name not in self._built:
            self._built[name] = self.build(self.schemas[name], 0)
        return self._built[name]

    def build(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        if "$ref" in schema:
            return self.build(self._resolve(schema["$ref"]), depth + 1)
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return self._enum(schema["enum"])
        if "allOf" in schema:
            return self._object(self._merge(schema), depth)
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants:
            return self._union([self.build(variant, depth) for variant in variants], variants)
        kind = schema.get("type")
        if isinstance(kind, list):
            return st.one_of([self.build({**schema, "type": one}, depth) for one in kind])
        return self._typed(kind, schema, depth)

    # -- pieces --------------------------------------------------------------------------------

    def _resolve(self, ref: str) -> dict[str, Any]:
        resolved: dict[str, Any] = self.spec.resolve({"$ref": ref})
        return resolved

    def _merge(self, schema: dict[str, Any]) -> dict[str, Any]:
        """allOf flattened into one object schema (the spec uses it to extend objects)."""
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        parts = [*schema["allOf"], {k: v for k, v in schema.items() if k != "allOf"}]
        for part in parts:
            while "$ref" in part:
                part = self._resolve(part["$ref"])
            if "allOf" in part:
                part = self._merge(part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return merged

    def _enum(self, values: list[Any]) -> st.SearchStrategy[Any]:
        known = st.sampled_from(values)
        if not all(isinstance(value, str) for value in values):
            return known
        # Codes the SAT or gigstack may add later must pass through as plain strings.
        unknown = st.text(min_size=1, max_size=6).filter(lambda value: value not in values)
        return st.one_of(known, known, known, unknown)

    @staticmethod
    def _union(
        strategies: list[st.SearchStrategy[Any]], variants: list[dict[str, Any]]
    ) -> st.SearchStrategy[Any]:
        # Null first so that shrinking goes towards the simplest value.
        nulls = [s for s, v in zip(strategies, variants, strict=True) if v.get("type") == "null"]
        others = [s for s, v in zip(strategies, variants, strict=True) if v.get("type") != "null"]
        return st.one_of(*nulls, *others)

    def _typed(
        self, kind: str | None, schema: dict[str, Any], depth: int
    ) -> st.SearchStrategy[Any]:
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            low = schema.get("minimum", -INT64)
            high = schema.get("maximum", INT64)
            return st.integers(low, high)
        if kind == "number":
            low = schema.get("minimum")
            floats = st.floats(min_value=low, allow_nan=False, allow_infinity=False)
            return floats | st.integers(-INT64 if low is None else int(low), INT64)
        if kind == "string":
            return st.text(max_size=12)
        if kind == "array":
            items = self.build(schema.get("items", {}), depth + 1)
            least = schema.get("minItems", 0)
            most = least if depth >= self.max_depth else max(least, self.max_items)
            return st.lists(items, min_size=least, max_size=most)
        if kind == "object" and "properties" in schema:
            return self._object(schema, depth)
        return FREE_FORM  # a free-form object (`metadata`) or a schema without a type

    def _object(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = {name: self.build(properties[name], depth + 1) for name in required}
        optional = (
            {}
            if depth >= self.max_depth
            else {
                name: self.build(sub, depth + 1)
                for name, sub in properties.items()
                if name not in required
            }
        )
        known = st.fixed_dictionaries(fixed, optional=optional)
        extra = st.dictionaries(
            UNKNOWN_KEY.filter(lambda key: key not in properties), JSON_SCALARS, max_size=2
        )
        return st.builds(lambda body, more: {**more, **body}, known, extra)
