"""Turn the README's Python blocks into modules a type checker can read.

A block that is a complete program is checked as it is. A fragment (an `await` outside a function,
or a use of `gs`) becomes the body of `async def readme_block(gs: Gigstack, ...) -> None`. Names a
block uses without defining them get a stub: an import, or a parameter (a module-level declaration
in a complete program) of a stated type. A name with no stub is an error, so a new block cannot
lean on a name nobody declared. A block preceded by `<!-- readme-check: skip <reason> -->` is left
out, with its reason.
"""

from __future__ import annotations

import ast
import builtins
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^```python\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")
SKIP_MARK = re.compile(r"^<!--\s*readme-check:\s*skip\b\s*(.*?)\s*-->\s*$")

# Imported by every generated module, so that stub annotations can name these types.
PRELUDE = (
    "from __future__ import annotations",
    "",
    "from collections.abc import Awaitable, Callable",
    "",
    "from gigstack_async import Gigstack",
    "from gigstack_async import models as _models",
    "from gigstack_async import params as _params",
    "from gigstack_async.testing import FakeGigstack",
)


@dataclass(frozen=True)
class Block:
    line: int  # the README line of the block's first line of code
    source: str
    skip: str | None  # the reason given by a skip mark, or None


@dataclass(frozen=True)
class Module:
    block: Block
    text: str
    readme_lines: dict[int, int]  # module line -> README line, for the block's own lines


def python_blocks(markdown: str) -> list[Block]:
    """Every ```python block, in order, with the skip mark on the line before it (if any)."""
    lines = markdown.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if not FENCE_OPEN.match(lines[index]):
            index += 1
            continue
        mark = SKIP_MARK.match(lines[index - 1]) if index else None
        end = index + 1
        while end < len(lines) and not FENCE_CLOSE.match(lines[end]):
            end += 1
        if end == len(lines):
            raise ValueError(f"line {index + 1}: a ```python block is never closed")
        source = "\n".join(lines[index + 1 : end]) + "\n"
        reason = (mark.group(1) or "no reason given") if mark else None
        blocks.append(Block(index + 2, source, reason))
        index = end + 1
    return blocks


class _Names(ast.NodeVisitor):
    """The names a block binds and the names it reads (scopes are not told apart: a README block
    is small, and a name bound anywhere in it counts as defined)."""

    def __init__(self) -> None:
        self.bound: set[str] = set()
        self.read: list[str] = []

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.read.append(node.id)
        else:
            self.bound.add(node.id)

    def visit_alias(self, node: ast.alias) -> None:
        self.bound.add((node.asname or node.name).split(".")[0])

    def visit_arg(self, node: ast.arg) -> None:
        self.bound.add(node.arg)
        self.generic_visit(node)

    def _bind_name(self, node: ast.AST) -> None:
        name = getattr(node, "name", None)
        if isinstance(name, str):
            self.bound.add(name)
        self.generic_visit(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _bind_name
    visit_ExceptHandler = visit_MatchAs = visit_MatchStar = _bind_name


def free_names(tree: ast.Module) -> list[str]:
    """Names read but never bound in the block, builtins aside, in order of first use."""
    names = _Names()
    names.visit(tree)
    known = names.bound | set(dir(builtins))
    return list(dict.fromkeys(n for n in names.read if n not in known))


def _awaits_at_top_level(tree: ast.Module) -> bool:
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
    return False


class MissingStub(Exception):
    """A block uses a name that neither it nor the stubs define."""


def to_module(block: Block, stubs: Mapping[str, str]) -> Module:
    """The block as a module for `mypy --strict`. A stub is either an import statement or the
    type of the name it declares."""
    tree = ast.parse(block.source)
    used = free_names(tree)
    missing = [name for name in used if name not in stubs]
    if missing:
        raise MissingStub(
            f"README line {block.line}: the block uses {', '.join(missing)} without defining "
            "it; define it in the block or give it a stub"
        )
    imports = [stubs[n] for n in used if stubs[n].startswith(("import ", "from "))]
    declared = [(n, stubs[n]) for n in used if not stubs[n].startswith(("import ", "from "))]
    head = [*PRELUDE, *imports, ""]
    code = block.source.rstrip("\n").split("\n")
    if "gs" in used or _awaits_at_top_level(tree):
        params = ", ".join(f"{name}: {annotation}" for name, annotation in declared)
        head.append(f"async def readme_block({params}) -> None:")
        body = textwrap.indent("\n".join(code), "    ", lambda line: True).split("\n")
    else:
        head += [f"{name}: {annotation}" for name, annotation in declared]
        body = code
    first = len(head) + 1
    text = "\n".join([*head, *body]) + "\n"
    return Module(block, text, {first + i: block.line + i for i in range(len(body))})
