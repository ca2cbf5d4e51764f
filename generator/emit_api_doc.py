"""Emit api.md: every method of `Gigstack`, grouped as the client is, with its public signature,
return type, one-line summary and retry behaviour, and every model those methods use.

Methods come from the same `build()` that writes the resource layer, so the page cannot disagree
with the code. Model fields are read from the generated model modules (their exact Python names
and annotations) and described from the spec.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_python_client.strings import ClassName, PythonIdentifier

from generator.emit_params import _Schemas
from generator.emit_resources import Method, build, query_arguments, return_annotation
from generator.prepare import Operation

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
WIDTH = 96  # a longer signature is written one parameter per line

CONVENTIONS = """\
## Calling conventions

- Path parameters are positional. `body` comes next (positional or `body=`): the input model, or a
  plain dict with the same wire keys, typed by the `TypedDict` named in each entry
  (`gigstack_async.params`). Query parameters are keyword-only, under their wire names.
- `**options` stands for the per-call options every method takes, keyword-only: `team` (the
  gigstack Connect team for this call), `timeout` (seconds, an `httpx.Timeout`, or `None`),
  `deadline` (seconds for the whole call, retries included), `extra_query` and `extra_headers`;
  methods with a body also take `extra_body`, and list methods take `metadata` (exact-match
  `metadata.<key>=<value>` filters) and `max_pages`.
- A list method is not awaited directly for its items: it returns an `AsyncPager[T]`; `await` it
  for the first `Page[T]`, or iterate it with `async for` for every item, page after page.
- Result fields the API leaves out read as `None`; on input models, `Unset` marks a field that is
  not sent.
- Retries (`max_retries`, default 2): "transient failures" are connection errors, timeouts and
  the statuses 408, 429, 500, 502, 503 and 504; "provably not processed" means the connection
  failed before the request was sent, or the status was 429 or 503. `Retry-After` is honoured.
- Every method raises `APIStatusError` subclasses for error answers (`NotFoundError`...),
  `APIConnectionError` when no answer came and `APIResponseValidationError` for an answer the models
  cannot read.
"""


@dataclass(frozen=True)
class ModelDoc:
    name: str
    fields: list[tuple[str, str]]  # (Python name, annotation)
    values: list[str] | None  # the codes of an enum, None for a class


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def _plain(annotation: str) -> str:
    return annotation.replace("_models.", "").replace("builtins.", "")


def read_models(models_dir: Path) -> dict[str, ModelDoc]:
    """Every model class and enum the generator wrote, by name."""
    found: dict[str, ModelDoc] = {}
    for module in sorted(models_dir.glob("*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                fields = [
                    (item.target.id, ast.unparse(item.annotation))
                    for item in node.body
                    if isinstance(item, ast.AnnAssign)
                    and isinstance(item.target, ast.Name)
                    and not item.target.id.startswith("_")
                ]
                found[node.name] = ModelDoc(node.name, fields, None)
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Subscript)
                and ast.unparse(node.value.value) == "Literal"
                and isinstance(node.targets[0], ast.Name)
            ):
                name, values = node.targets[0].id, ast.literal_eval(node.value.slice)
                codes = values if isinstance(values, tuple) else (values,)
                found[name] = ModelDoc(name, [], [str(code) for code in codes])
    return found


def _names_in(annotation: str, models: dict[str, ModelDoc]) -> list[str]:
    return [name for name in re.findall(r"[A-Za-z_]\w*", annotation) if name in models]


def used_models(methods: list[Method], models: dict[str, ModelDoc]) -> list[str]:
    """The models the methods take or return, and every model those refer to, sorted."""
    todo = [n for m in methods for n in (m.body_model, m.result_model) if n and n in models]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [n for _, a in models[name].fields for n in _names_in(a, models)]
    return sorted(seen)


def _retry_note(op: Operation) -> str:
    if not op.retry:
        return "never retried: each call has an effect of its own"
    if op.method != "POST":
        return "retried on transient failures"
    if op.idempotency == "honoured":
        return "retried on transient failures, with the same idempotency key (minted if not given)"
    if op.idempotency == "sent":
        return "an idempotency key is minted and sent; retried only when provably not processed"
    return "retried only when provably not processed"


def signature(m: Method) -> str:
    args = [f"{p.public}: str" for p in m.path_params]
    if m.path_params:
        args.append("/")
    if m.body_model:
        body = f"{m.body_model} | {m.body_params or 'Mapping[str, Any]'}"
        args.append(f"body: {body}" if m.body_required else f"body: {body} | None = None")
    query = [_plain(arg) for arg in query_arguments(m)]
    if query:
        args += ["*", *query]
    args.append("**options")
    awaited = m.result_kind not in ("page", "search")
    call = ("await " if awaited else "") + "gs." + ".".join([*m.resource, m.name])
    returns = _plain(return_annotation(m))
    line = f"{call}({', '.join(args)}) -> {returns}"
    if len(line) <= WIDTH:
        return line
    return "\n".join([f"{call}(", *(f"    {arg}," for arg in args), f") -> {returns}"])


def _method_section(m: Method, spec: dict[str, Any]) -> list[str]:
    op_spec = spec["paths"][m.op.path][m.op.method.lower()]
    summary = first_sentence(op_spec.get("description") or op_spec.get("summary", ""))
    lines = [
        f"### gs.{'.'.join([*m.resource, m.name])}",
        "",
        "```python",
        signature(m),
        "```",
        "",
        summary if summary.endswith((".", "!", "?")) else summary + ".",
        "",
        f"`{m.op.method} {m.op.path}`: {_retry_note(m.op)}.",
        "",
    ]
    params = [*m.path_params, *m.query_params]
    for p in params:
        lines.append(f"- `{p.public}`: {first_sentence(p.description) or p.wire}")
    used = [n for n in (m.body_model, m.result_model) if n]
    if used:
        if params:
            lines.append("")
        lines.append("Models: " + ", ".join(f"[{n}](#{n.lower()})" for n in dict.fromkeys(used)))
        if m.body_params:
            lines[-1] += f"; a dict body is typed by `params.{m.body_params}`"
        lines[-1] += "."
    return [*lines, ""]


def _schema_names(spec: dict[str, Any]) -> dict[str, str]:
    """Generated class name -> schema name."""
    return {str(ClassName(name, "")): name for name in spec["components"]["schemas"]}


def _model_section(model: ModelDoc, spec: dict[str, Any], models: dict[str, ModelDoc]) -> list[str]:
    schemas = _Schemas(spec)
    schema_name = _schema_names(spec).get(model.name)
    schema = schemas.all.get(schema_name or "", {})
    lines = [f"### {model.name}", ""]
    description = first_sentence(schema.get("description", ""))
    if description:
        lines += [description, ""]
    if model.values is not None:
        codes = ", ".join(f"`{v}`" for v in model.values)
        return [*lines, f"A string; known values: {codes}. Other values pass through.", ""]
    wire_of: dict[str, str] = {}
    props: dict[str, Any] = {}
    if schema_name and schemas.is_object(schema_name):
        props = schemas.properties(schema_name)[0]
        wire_of = {str(PythonIdentifier(wire, "")): wire for wire in props}
    for name, annotation in model.fields:
        wire = wire_of.get(name, name)
        text = first_sentence(str(props.get(wire, {}).get("description", "")))
        if name == "additional_properties":
            text = "Keys the spec does not list, sent as they are."
        elif not text and _names_in(annotation, models):
            text = "see " + ", ".join(f"[{n}](#{n.lower()})" for n in _names_in(annotation, models))
        renamed = f" (wire name `{wire}`)" if wire != name else ""
        lines.append(f"- `{name}: {annotation}`{renamed}" + (f": {text}" if text else ""))
    return [*lines, ""]


def render(ops: list[Operation], spec: dict[str, Any], models_dir: Path) -> str:
    methods = [build(spec, op) for op in ops]
    models = read_models(models_dir)
    by_resource: dict[tuple[str, ...], list[Method]] = {}
    for m in sorted(methods, key=lambda m: (m.resource, m.name)):
        by_resource.setdefault(m.resource, []).append(m)
    version = spec["info"]["version"]
    out = [
        "# gigstack_async API reference",
        "",
        "<!-- Generated by `make generate` from openapi/gigstack-v2.yaml "
        f"(spec version {version}). Do not edit. -->",
        "",
        f"Every operation of the gigstack API v2 (spec revision `{version}`) as a method of",
        "`Gigstack`, grouped as the client is, and the models they take and return.",
        "",
        CONVENTIONS,
        "## Resources",
        "",
    ]
    for resource, group in by_resource.items():
        anchor = "gs" + "".join(resource)
        names = ", ".join(f"`{m.name}`" for m in group)
        out.append(f"- [gs.{'.'.join(resource)}](#{anchor}): {names}")
    out += ["- [Models](#models)", ""]
    for resource, group in by_resource.items():
        out += [f"## gs.{'.'.join(resource)}", ""]
        for m in group:
            out += _method_section(m, spec)
    out += ["## Models", ""]
    for name in used_models(methods, models):
        out += _model_section(models[name], spec, models)
    return "\n".join(out).rstrip("\n") + "\n"


def write(path: Path, ops: list[Operation], spec: dict[str, Any], models_dir: Path) -> Path:
    path.write_text(render(ops, spec, models_dir), encoding="utf-8")
    return path
