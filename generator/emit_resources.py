"""Emit the typed resource layer: one method per operation, each a thin call into the core.

Signatures follow the public contract: path parameters positional-only, then `body`, then
keyword-only query parameters under their wire names (`created[gte]` -> `created_gte`), then the
per-call options (`team`, `timeout`, `deadline`, `extra_query`, `extra_headers`, `extra_body`;
`metadata` and `max_pages` on lists). The cursor belongs to the pager, so list methods take no
`next`. Where a method lives comes from the operation's `x-sdk-method`. Nothing here imports an
endpoint or model module when the package is imported: the core loads an operation's endpoint
module on first use, and models are reached through the lazy `models` package.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_python_client.strings import ClassName, PythonIdentifier

from generator import emit_params
from generator.prepare import Operation

# Query parameters the pager sets from one page to the next, by pagination style.
PAGER_OWNED = {"cursor": {"next"}, "page": set()}
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass
class Param:
    wire: str
    generated: str  # keyword of the generated endpoint function
    public: str  # keyword of our method
    annotation: str
    description: str
    required: bool = False


@dataclass
class Method:
    op: Operation
    resource: tuple[str, ...]
    name: str
    path_params: list[Param]
    query_params: list[Param]
    body_model: str | None
    body_params: str | None  # the body's TypedDict in `params`
    body_required: bool
    result_kind: str  # model | list | page | search | bytes | str | any
    result_model: str | None
    description: str


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def _model_name(spec: dict[str, Any], name: str) -> str:
    """The class the generator emits for a schema: an `allOf` of one `$ref` and nothing else is
    an alias, and the generator uses the referenced class."""
    schema = spec["components"]["schemas"][name]
    parts = schema.get("allOf", [])
    if len(parts) == 1 and "$ref" in parts[0] and not schema.get("properties"):
        return _model_name(spec, parts[0]["$ref"].rsplit("/", 1)[-1])
    return str(ClassName(name, ""))


def _resolve(spec: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in obj:
        section, name = obj["$ref"].split("/")[-2:]
        obj = spec["components"][section][name]
    return obj


def _annotation(schema: dict[str, Any]) -> str:
    name = _ref_name(schema)
    if name:
        return f"_models.{ClassName(name, '')}"
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    return SCALARS.get(kind, "str")


def _public_name(wire: str) -> str:
    name = re.sub(r"\W+", "_", wire).strip("_")
    return name + "_" if keyword.iskeyword(name) else name


def _data_schema(spec: dict[str, Any], envelope: dict[str, Any]) -> dict[str, Any] | None:
    envelope = _resolve(spec, envelope)
    for part in [envelope, *[_resolve(spec, p) for p in envelope.get("allOf", [])]]:
        if "data" in part.get("properties", {}):
            data: dict[str, Any] = part["properties"]["data"]
            return data
    return None


def _non_null(schema: dict[str, Any]) -> dict[str, Any]:
    options = [s for s in schema.get("oneOf", schema.get("anyOf", [])) if s.get("type") != "null"]
    return options[0] if len(options) == 1 else schema


def _result(spec: dict[str, Any], op_spec: dict[str, Any], op: Operation) -> tuple[str, str | None]:
    if op.result is not None:
        return "bytes", None  # a top-level field, decoded (x-sdk-result)
    for code, response in sorted(op_spec["responses"].items()):
        if not str(code).startswith("2"):
            continue
        schema = (
            _resolve(spec, response).get("content", {}).get("application/json", {}).get("schema")
        )
        if schema is None:
            continue
        data = _data_schema(spec, schema)
        if data is None or (not data.get("type") and not _ref_name(_non_null(data))):
            return "none", None  # no documented content: the method returns None
        data = _non_null(data)
        if _ref_name(data):
            name = _ref_name(data) or ""
            # A result whose fields are not described may also be absent (e.g. a 204).
            described = spec["components"]["schemas"][name].get("properties")
            return ("model" if described else "optional"), ClassName(name, "")
        types = data.get("type")
        types = types if isinstance(types, list) else [types]
        if "array" in types:
            item = _ref_name(_non_null(data.get("items", {})))
            if item:
                kind = {"cursor": "page", "page": "search"}.get(op.pagination or "", "list")
                return kind, ClassName(item, "")
        if types and set(types) <= {"string", "null"}:
            return "str", None
        return "any", None
    return "any", None


def _wrap(text: str, width: int = 92, indent: str = "") -> str:
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    filled = (
        textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in paragraphs
    )
    return "\n\n".join(filled)


OPTIONS_DOC = (
    "team: The gigstack Connect team to act for in this call (default: the client's).",
    "timeout: Seconds (or an httpx.Timeout, or None for none) for each attempt of this call.",
    "deadline: Seconds this call may take in all, retries and waits included (None for no limit; "
    "default: the client's).",
)
RAISES_DOC = (
    "APIStatusError: The API answered with an error (a subclass per status, e.g. NotFoundError).",
    "APIConnectionError: No answer came (APITimeoutError when it timed out).",
    "APIResponseValidationError: The answer could not be read.",
)
RETURNS_DOC = {
    "page": "An AsyncPager: await it for the first page, or iterate it with `async for` for every "
    "item, page after page.",
    "search": "A SearchPager: await it for the first page, or iterate it with `async for` for "
    "every match, page after page.",
    "bytes": "The file's bytes.",
    "str": "The text the API returns in `data`.",
    "none": "None. The raw response, if you need it, is in `capture_response()`.",
    "any": "The response's `data`, as decoded JSON (None when there is none).",
}


def _docstring(m: Method) -> str:
    """What the call does, its arguments, what it returns and raises: for the user."""
    parts = [_wrap(m.description)]
    args = [
        f"{p.public}: {' '.join((p.description or p.wire).split())}"
        for p in [*m.path_params, *m.query_params]
    ]
    if m.body_model:
        args.insert(
            len(m.path_params),
            f"body: A {m.body_model}, or a dict with the same wire keys.",
        )
    if m.result_kind in ("page", "search") and not any(p.wire == "limit" for p in m.query_params):
        args.append("limit: Items per page (1 to 100; the server's default when omitted).")
    if m.result_kind == "page":
        args.append("metadata: Exact-match metadata filters, sent as `metadata.<key>=<value>`.")
        args.append("max_pages: Stop after this many pages (default: no limit).")
    args += OPTIONS_DOC
    if m.body_model:
        args.append(
            "extra_query, extra_headers, extra_body: Query parameters, headers and body fields "
            "added to this request."
        )
    else:
        args.append(
            "extra_query, extra_headers: Query parameters and headers added to this request."
        )
    parts.append("Args:\n" + "\n".join(_hanging(a) for a in args))
    returns = RETURNS_DOC.get(m.result_kind) or {
        "list": f"A list of {m.result_model}.",
        "optional": f"The {m.result_model}, or None when the response has no content.",
    }.get(m.result_kind, f"The {m.result_model}.")
    parts.append("Returns:\n" + _wrap(returns, 88, "    "))
    parts.append("Raises:\n" + "\n".join(_hanging(r) for r in RAISES_DOC))
    text = "\n\n".join(parts)
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _hanging(text: str) -> str:
    """An `Args:` entry: the first line indented four spaces, the rest eight."""
    first, *rest = textwrap.wrap(" ".join(text.split()), 84)
    lines = ["    " + first]
    if rest:
        indent = "        "
        lines += textwrap.wrap(" ".join(rest), 84, initial_indent=indent, subsequent_indent=indent)
    return "\n".join(lines)


def build(spec: dict[str, Any], op: Operation) -> Method:
    op_spec = spec["paths"][op.path][op.method.lower()]
    path_params: list[Param] = []
    query_params: list[Param] = []
    for raw in op_spec.get("parameters", []):
        param = _resolve(spec, raw)
        wire = param["name"]
        owned = PAGER_OWNED.get(op.pagination or "", set())
        if param["in"] not in ("path", "query") or wire == "team" or wire in owned:
            continue
        schema = param.get("schema", {})
        item = Param(
            wire=wire,
            generated=str(PythonIdentifier(wire, "")),
            public=_public_name(wire),
            annotation=_annotation(schema),
            description=schema.get("description") or param.get("description", ""),
            required=bool(param.get("required")) and param["in"] == "query",
        )
        (path_params if param["in"] == "path" else query_params).append(item)
    body_model, body_params, body_required = None, None, False
    if "requestBody" in op_spec:
        body = _resolve(spec, op_spec["requestBody"])
        media = body["content"].get("application/json") or body["content"]["multipart/form-data"]
        schema = media["schema"]
        body_model = _model_name(spec, _ref_name(schema) or "")
        ref = _ref_name(schema) or ""
        body_params = f"{ref}Params" if emit_params.has_params(spec, ref) else None
        body_required = bool(body.get("required", False))
    kind, model = _result(spec, op_spec, op)
    description = op_spec.get("summary", "") + "\n\n" + op_spec.get("description", "")
    resource, name = op.sdk_method[:-1], op.sdk_method[-1]
    return Method(
        op, resource, name, path_params, query_params, body_model, body_params, body_required,
        kind, model, description,
    )  # fmt: skip


def query_arguments(m: Method) -> list[str]:
    """The method's query parameters, in order: required ones, `limit`, the optional ones."""
    args = [f"{p.public}: {p.annotation}" for p in m.query_params if p.required]
    if m.result_kind in ("page", "search") or any(p.wire == "limit" for p in m.query_params):
        args.append("limit: int | None = None")
    args += [
        f"{p.public}: {p.annotation} | None = None"
        for p in m.query_params
        if p.wire != "limit" and not p.required
    ]
    return args


def _signature(m: Method) -> str:
    args = ["self"]
    args += [f"{p.public}: str" for p in m.path_params]
    if m.path_params:
        args.append("/")
    if m.body_model:
        typed = f"_params.{m.body_params}" if m.body_params else "Mapping[str, Any]"
        body_type = f"_models.{m.body_model} | {typed}"
        args.append(f"body: {body_type}" if m.body_required else f"body: {body_type} | None = None")
    args.append("*")
    args += query_arguments(m)
    if m.result_kind == "page":
        args.append("metadata: Mapping[str, str] | None = None")
    args += [
        "team: str | None = None",
        "timeout: TimeoutOption | NotGiven = NOT_GIVEN",
        "deadline: float | NotGiven | None = NOT_GIVEN",
    ]
    if m.result_kind == "page":
        args.append("max_pages: int | None = None")
    args += [
        "extra_query: Query | None = None",
        "extra_headers: Mapping[str, str] | None = None",
    ]
    if m.body_model:
        args.append("extra_body: Mapping[str, Any] | None = None")
    prefix = "def" if m.result_kind in ("page", "search") else "async def"
    return f"    {prefix} {m.name}({', '.join(args)}) -> {return_annotation(m)}:"


def return_annotation(m: Method) -> str:
    """What the method returns, as written in the resource module."""
    return {
        "model": f"_models.{m.result_model}",
        "optional": f"_models.{m.result_model} | None",
        "page": f"AsyncPager[_models.{m.result_model}]",
        "search": f"SearchPager[_models.{m.result_model}]",
        "bytes": "bytes",
        "list": f"builtins.list[_models.{m.result_model}]",  # `list` is a method name here
        "str": "str",
        "none": "None",
        "any": "Any",
    }[m.result_kind]


def _body(m: Method) -> str:
    kwargs = [f"{m.op.id!r}"]
    if m.result_kind in ("model", "optional", "page", "search", "list"):
        kwargs.append(f"_models.{m.result_model}")
    elif m.result_kind not in ("bytes", "none"):
        kwargs.append("str" if m.result_kind == "str" else "object")
    if m.path_params:
        kwargs.append(
            "path={" + ", ".join(f"{p.generated!r}: {p.public}" for p in m.path_params) + "}"
        )
    query = list(m.query_params)
    if m.result_kind in ("page", "search") and not any(p.wire == "limit" for p in query):
        query.insert(0, Param("limit", "limit", "limit", "int", ""))
    if query:
        kwargs.append("query={" + ", ".join(f"{p.generated!r}: {p.public}" for p in query) + "}")
    if m.body_model:
        kwargs += ["body=body", f"body_model=_models.{m.body_model}", "extra_body=extra_body"]
    if m.result_kind == "page":
        kwargs.append("metadata=metadata")
    kwargs += [
        "team=team",
        "timeout=timeout",
        "deadline=deadline",
    ]
    if m.result_kind == "page":
        kwargs.append("max_pages=max_pages")
    kwargs += [
        "extra_query=extra_query",
        "extra_headers=extra_headers",
    ]
    call = {
        "page": "self._core.paginate",
        "search": "self._core.search",
        "list": "self._core.call_list",
        "bytes": "self._core.call_bytes",
        "none": "self._core.call_none",
        "optional": "self._core.call_optional",
    }.get(m.result_kind, "self._core.call")
    ret = "return " if m.result_kind in ("page", "search") else "return await "
    return f"        {ret}{call}({', '.join(kwargs)})"


def _class_name(resource: tuple[str, ...]) -> str:
    words = (word for part in resource for word in part.split("_"))
    return "".join(word.capitalize() for word in words) + "Resource"


def write(path: Path, header: str, ops: list[Operation], spec: dict[str, Any]) -> Path:
    methods = [build(spec, op) for op in ops]
    by_resource: dict[tuple[str, ...], list[Method]] = {}
    for m in methods:
        by_resource.setdefault(m.resource, []).append(m)
    for resource in list(by_resource):
        for depth in range(1, len(resource)):
            by_resource.setdefault(resource[:depth], [])
    out = [
        header,
        '"""The resources of `Gigstack`: one typed method per operation of the spec."""',
        "",
    ]
    out += [
        "from __future__ import annotations",
        "",
        "import builtins",
        "from collections.abc import Mapping",
        "from functools import cached_property",
        "from typing import TYPE_CHECKING, Any",
        "",
        "from .._pagination import AsyncPager, SearchPager",
        "from .._resource import Resource",
        "from .._types import NOT_GIVEN, NotGiven, Query, TimeoutOption",
        "from . import models as _models",
        "",
        "if TYPE_CHECKING:",
        "    from . import params as _params",
    ]
    out.append("")
    for resource in sorted(by_resource, key=lambda r: (-len(r), r)):
        out += ["", "", f"class {_class_name(resource)}(Resource):"]
        subs = sorted(r for r in by_resource if len(r) == len(resource) + 1 and r[:-1] == resource)
        out.append(f'    """Operations of the {"/".join(resource)} resource."""')
        for sub in subs:
            out += [
                "",
                "    @cached_property",
                f"    def {sub[-1]}(self) -> {_class_name(sub)}:",
                f"        return {_class_name(sub)}(self._core)",
            ]
        for m in sorted(by_resource[resource], key=lambda m: m.name):
            doc = textwrap.indent(_docstring(m), "        ").lstrip()
            out += ["", _signature(m), f'        """{doc}\n        """', _body(m)]
    tops = sorted(r for r in by_resource if len(r) == 1)
    out += ["", "", "class Resources(Resource):", '    """Every top-level resource of the API."""']
    for top in tops:
        out += [
            "",
            "    @cached_property",
            f"    def {top[0]}(self) -> {_class_name(top)}:",
            f'        """{top[0].capitalize()} operations."""',
            f"        return {_class_name(top)}(self._core)",
        ]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
