"""Emit what dict request bodies are checked against: a `TypedDict` per schema a request body can
contain (for type checkers), and the same facts as data (for the run-time check in `_body_check`).

- `params.py`: `<Schema>Params` for every object schema reached from a request body, keys
  `Required`/`NotRequired` as the spec says, catalog fields as their literal codes or any `str`;
- `body_fields.py`: `FIELDS[schema][wire key] = (required, alternatives)` and `OPEN` (schemas that
  accept keys they do not list). An alternative is a JSON type (`"string"`, `"integer"`,
  `"number"`, `"boolean"`, `"null"`, `"object"`, `"any"`), a schema name, or
  `("array", alternatives)` for a list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.prepare import HTTP_METHODS

Alternatives = tuple[Any, ...]
Table = dict[str, dict[str, tuple[bool, Alternatives]]]

_JSON_TYPES = {"string", "integer", "number", "boolean", "null", "object", "array"}
_PY_TYPES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}


class _Schemas:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.all: dict[str, Any] = spec.get("components", {}).get("schemas", {})

    @staticmethod
    def ref_name(node: dict[str, Any]) -> str:
        return str(node["$ref"]).rsplit("/", 1)[-1]

    def is_object(self, name: str) -> bool:
        schema = self.all[name]
        return "properties" in schema or "allOf" in schema

    def properties(self, name: str) -> tuple[dict[str, Any], set[str], bool]:
        """(properties, required keys, accepts unknown keys), allOf parts merged."""
        schema = self.all[name]
        props: dict[str, Any] = {}
        required: set[str] = set()
        open_ = schema.get("additionalProperties", False) not in (False, None)
        for part in [schema, *schema.get("allOf", [])]:
            if "$ref" in part:
                more, req, opened = self.properties(self.ref_name(part))
                props.update(more)
                required |= req
                open_ = open_ or opened
                continue
            props.update(part.get("properties", {}))
            required |= set(part.get("required", []))
        return props, required, open_

    def alternatives(self, node: dict[str, Any]) -> Alternatives:
        if "$ref" in node:
            name = self.ref_name(node)
            target = self.all[name]
            if self.is_object(name):
                return (name,)
            return self.alternatives(target)
        for key in ("oneOf", "anyOf"):
            if key in node:
                found: list[Any] = []
                for member in node[key]:
                    for alt in self.alternatives(member):
                        if alt not in found:
                            found.append(alt)
                return tuple(found)
        if "allOf" in node and len(node["allOf"]) == 1:
            return self.alternatives(node["allOf"][0])
        types = node.get("type")
        if types == "string" and node.get("format") == "binary":
            return ("file",)  # an upload: bytes, a path or a binary file
        if types is None:
            return ("any",)
        out: list[Any] = []
        for t in [types] if isinstance(types, str) else types:
            if t not in _JSON_TYPES:
                raise SystemExit(f"unsupported JSON type {t!r} in a request schema")
            if t == "array":
                out.append(("array", self.alternatives(node.get("items", {}))))
            else:
                out.append(t)
        return tuple(out)

    def enum_of(self, node: dict[str, Any]) -> str | None:
        """The enum schema a field refers to (directly or as a nullable union), if any."""
        if "$ref" in node:
            name = self.ref_name(node)
            return name if "enum" in self.all[name] else None
        for key in ("oneOf", "anyOf"):
            for member in node.get(key, []):
                found = self.enum_of(member)
                if found:
                    return found
        return None


def has_params(spec: dict[str, Any], name: str) -> bool:
    """Whether schema `name` gets a `<name>Params` TypedDict (an open object without declared
    fields gets none: any mapping is accepted for it)."""
    return _Schemas(spec).is_object(name)


def body_schemas(spec: dict[str, Any]) -> list[str]:
    """Every object schema a request body can contain, sorted."""
    schemas = _Schemas(spec)
    todo: list[str] = []
    for item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None or "requestBody" not in op:
                continue
            for media in op["requestBody"].get("content", {}).values():
                todo.extend(_refs(media.get("schema", {})))
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas.all:
            continue
        seen.add(name)
        todo.extend(_refs(schemas.all[name]))
    return sorted(name for name in seen if schemas.is_object(name))


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [str(node["$ref"]).rsplit("/", 1)[-1]] if "$ref" in node else []
        for value in node.values():
            found.extend(_refs(value))
        return found
    if isinstance(node, list):
        return [name for value in node for name in _refs(value)]
    return []


def _dependency_order(spec: dict[str, Any]) -> list[str]:
    """Body schemas with every schema a field refers to first (the functional `TypedDict` form
    evaluates its annotations at once)."""
    schemas = _Schemas(spec)
    names = body_schemas(spec)
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise SystemExit(f"request schemas refer to each other in a cycle through {name}")
        visiting.add(name)
        props, _, _ = schemas.properties(name)
        for node in props.values():
            for ref in _refs(node):
                if ref in names:
                    visit(ref)
        visiting.discard(name)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _annotation(alts: Alternatives, enum: str | None) -> str:
    parts: list[str] = []
    for alt in alts:
        if isinstance(alt, tuple):
            inner = _annotation(alt[1], None)
            parts.append(f"list[{inner}]")
        elif alt == "string" and enum is not None:
            parts.append(f"_{enum} | str")
        elif alt in _PY_TYPES:
            parts.append(_PY_TYPES[alt])
        elif alt == "object":
            parts.append("dict[str, Any]")
        elif alt == "file":
            parts.append("Upload")
        elif alt == "any":
            return "Any"
        else:
            parts.append(f"{alt}Params")
    return " | ".join(parts)


def fields(spec: dict[str, Any]) -> tuple[Table, list[str]]:
    schemas = _Schemas(spec)
    out: Table = {}
    open_schemas = []
    for name in body_schemas(spec):
        props, required, open_ = schemas.properties(name)
        out[name] = {
            key: (key in required, schemas.alternatives(node))
            for key, node in sorted(props.items())
        }
        if open_:
            open_schemas.append(name)
    # A body that is an open object with no declared fields (any key goes) is checked too: it
    # has no keys to check, but it must be known.
    for name in _open_bodies(spec):
        out.setdefault(name, {})
        if name not in open_schemas:
            open_schemas.append(name)
    return dict(sorted(out.items())), sorted(open_schemas)


def _open_bodies(spec: dict[str, Any]) -> list[str]:
    """Request body schemas that declare no fields and accept any key."""
    schemas = _Schemas(spec)
    found = set()
    for item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            for media in (
                ((item.get(method) or {}).get("requestBody") or {}).get("content", {}).values()
            ):
                ref = media.get("schema", {}).get("$ref")
                if ref is None:
                    continue
                name = str(ref).rsplit("/", 1)[-1]
                schema = schemas.all.get(name, {})
                if schema.get("type") == "object" and schema.get("additionalProperties") is True:
                    found.add(name)
    return sorted(found - set(body_schemas(spec)))


def _params_module(header: str, spec: dict[str, Any]) -> str:
    schemas = _Schemas(spec)
    names = _dependency_order(spec)
    enums: dict[str, list[str]] = {}
    classes: list[str] = []
    for name in names:
        props, required, _ = schemas.properties(name)
        rows = []
        for key, node in sorted(props.items()):
            enum = schemas.enum_of(node)
            if enum is not None:
                enums[enum] = sorted(str(v) for v in schemas.all[enum]["enum"])
            annotation = _annotation(schemas.alternatives(node), enum)
            wrapper = "Required" if key in required else "NotRequired"
            rows.append(f"        {key!r}: {wrapper}[{annotation}],")
        description = " ".join(str(schemas.all[name].get("description", "")).split())
        classes.append(f'{name}Params = TypedDict(\n    "{name}Params",\n    {{\n')
        classes[-1] += "\n".join(rows) + "\n    },\n)\n"
        if description:
            doc = f"A {name} request body as a plain dict. {description}"
            classes[-1] += f'"""{doc}"""\n'.replace("\\", "\\\\")
    literals = [f"_{enum} = Literal{values!r}" for enum, values in sorted(enums.items())]
    exported = sorted(f"{name}Params" for name in names)
    return "\n".join(
        [
            header.rstrip("\n"),
            '"""Request bodies as plain dicts that type checkers understand: one `TypedDict` per',
            "body schema (nested ones too), keys as the API names them. Catalog fields take their",
            'literal codes, or any other string the SAT or gigstack may add."""',
            "",
            "from __future__ import annotations",
            "",
            "import sys",
            "from typing import Any, Literal",
            "",
            "from .._uploads import Upload",
            "",
            "if sys.version_info >= (3, 11):",
            "    from typing import NotRequired, Required, TypedDict",
            "else:  # pragma: no cover",
            "    from typing_extensions import NotRequired, Required, TypedDict",
            "",
            *literals,
            "",
            *classes,
            f"__all__ = {exported!r}",
            "",
        ]
    )


def _fields_module(header: str, spec: dict[str, Any]) -> str:
    table, open_schemas = fields(spec)
    return "\n".join(
        [
            header.rstrip("\n"),
            '"""The keys of each request body schema, read by `gigstack_async._body_check`."""',
            "",
            "from typing import Any, Final",
            "",
            f"FIELDS: Final[dict[str, dict[str, tuple[bool, tuple[Any, ...]]]]] = {table!r}",
            "",
            f"OPEN: Final[frozenset[str]] = frozenset({sorted(open_schemas)!r})",
            "",
        ]
    )


def write(out: Path, header: str, spec: dict[str, Any]) -> list[Path]:
    params, body_fields = out / "params.py", out / "body_fields.py"
    params.write_text(_params_module(header, spec), encoding="utf-8")
    body_fields.write_text(_fields_module(header, spec), encoding="utf-8")
    return [params, body_fields]
