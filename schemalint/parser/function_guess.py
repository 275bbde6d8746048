"""Telling, from the syntax alone, whether an export that could not be evaluated is a function.

`export const list = someBuilder({ args, handler })` (or `someBuilder(async (ctx) => ...)`) is
a function definition even when `someBuilder` cannot be evaluated; its kind is in the builder's
name (`authedQuery`, `internalAdminMutation`, `zAction`). Anything else (a zod schema, a class,
a constant, `export const { auth } = convexAuth(...)`) is plainly not a function.
"""

from __future__ import annotations

import re
from typing import cast

from tree_sitter import Node

from schemalint.ir import FunctionKind, Visibility
from schemalint.lazy_pattern import lazy_compile
from schemalint.parser.modules import Module

_KIND = lazy_compile(r"(query|mutation|action)", re.IGNORECASE)
_FUNCTION_NODES = ("arrow_function", "function_expression", "function")


def _initializer(module: Module, name: str) -> Node | None:
    """The initialiser of `export const name = <value>` at the top of `module`."""
    source = module.source
    if source is None or source.tree is None:
        return None
    for statement in source.tree.root_node.named_children:
        if statement.type != "export_statement":
            continue
        declaration = statement.child_by_field_name("declaration")
        if declaration is None or declaration.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in declaration.named_children:
            target = declarator.child_by_field_name("name")
            if target is not None and target.type == "identifier" and source.text(target) == name:
                return declarator.child_by_field_name("value")
    return None


def _definition_call(module: Module, name: str) -> tuple[str, Node] | None:
    """`(callee text, call)` when the export is a builder call given a definition."""
    value = _initializer(module, name)
    return _as_definition_call(module, value) if value is not None else None


def _as_definition_call(module: Module, value: Node) -> tuple[str, Node] | None:
    """`(callee text, call)` when `value` is a call given a definition (a handler or function)."""
    source = module.source
    if source is None or value.type != "call_expression":
        return None
    callee = value.child_by_field_name("function")
    arguments = value.child_by_field_name("arguments")
    if callee is None or arguments is None or callee.type not in ("identifier", "member_expression"):
        return None
    first = next((a for a in arguments.named_children if a.type != "comment"), None)
    if first is None:
        return None
    if first.type in _FUNCTION_NODES:
        return source.text(callee), value
    if first.type == "object":
        for child in first.named_children:
            key = (
                child.child_by_field_name("key")
                if child.type == "pair"
                else child.child_by_field_name("name")
            )
            if key is not None and source.text(key) == "handler":
                return source.text(callee), value
    return None


def looks_like_function(module: Module, name: str) -> bool:
    """Whether the export is written as a builder call with a handler, or as a call wrapping
    one (`wrap(query({ handler }))`: whatever `wrap` returns may be the function)."""
    return _definition_call(module, name) is not None or _wraps_builder_call(module, name)


def _wraps_builder_call(module: Module, name: str) -> bool:
    """Whether the export is a call with, among its arguments (at any depth of calls, not in
    function bodies), a call of a builder named for its kind given a definition."""
    value = _initializer(module, name)
    if value is None or value.type != "call_expression":
        return False
    arguments = value.child_by_field_name("arguments")
    pending = list(arguments.named_children) if arguments is not None else []
    while pending:
        node = pending.pop()
        if node.type in _FUNCTION_NODES:
            continue
        found = _as_definition_call(module, node)
        if found is not None and _KIND.search(found[0].rsplit(".", 1)[-1]):
            return True
        pending.extend(node.named_children)
    return False


def guess_definition(module: Module, name: str) -> tuple[str, FunctionKind, Visibility] | None:
    """`(builder, kind, visibility)` for an export written as a function definition whose
    builder names its kind; None otherwise."""
    found = _definition_call(module, name)
    if found is None:
        return None
    callee, _ = found
    last = callee.rsplit(".", 1)[-1]
    kinds = {m.lower() for m in _KIND.findall(last)}
    if len(kinds) != 1:
        return None
    visibility: Visibility = "internal" if last.lower().startswith("internal") else "public"
    return callee, cast(FunctionKind, kinds.pop()), visibility
