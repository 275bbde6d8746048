"""Narrowing the names written in function code (tables, indexes, fields) to finite sets.

A string literal is one name; `cond ? "a" : "b"` is both; a template or `+` over such sets is
their product; a local `const` is its initialiser; a handler argument declared with
`v.union(v.literal(...), ...)` (or a parameter typed `"a" | "b"`) is every member; a module
constant is what the evaluator computes. Anything else is None (unknown).
"""

from __future__ import annotations

import itertools

from tree_sitter import Node

from schemalint.ir import Validator, VLiteral, VUnion
from schemalint.parser.evaluator import Evaluator
from schemalint.parser.modules import Module
from schemalint.parser.source import string_value, template_parts
from schemalint.parser.usage_elements import ElementsMixin
from schemalint.parser.usage_scope import (
    BlockTables,
    Declaration,
    find_declaration,
    has_local_identifier,
    is_reassigned,
    iterated_by_callback,
    unwrap,
)
from schemalint.parser.values import JSObject, Prim, ValidatorValue

Names = tuple[str, ...] | None

MAX_NAMES = 64


def validator_names(validator: Validator) -> Names:
    """The strings a validator admits, when it admits only string literals."""
    if isinstance(validator, VLiteral) and isinstance(validator.value, str):
        return (validator.value,)
    if isinstance(validator, VUnion):
        found: list[str] = []
        for member in validator.members:
            names = validator_names(member)
            if names is None:
                return None
            found.extend(names)
        return tuple(dict.fromkeys(found))
    return None


class NameResolver(ElementsMixin):
    """Narrows expressions of one module to finite sets of strings."""

    def __init__(self, evaluator: Evaluator, module: Module) -> None:
        assert module.source is not None
        self.evaluator = evaluator
        self.module = module
        self.source = module.source
        self._args_cache: dict[int, JSObject | None] = {}
        self.blocks: BlockTables = {}  # the names each block declares, read once

    def names(self, node: Node | None, depth: int = 0) -> Names:
        """Every string `node` may evaluate to, or None when that is not a small known set."""
        if node is None or depth > 24:
            return None
        node = unwrap(node)
        kind = node.type
        if kind == "string":
            return (string_value(self.source, node),)
        if kind == "template_string":
            return self._template(node, depth)
        if kind == "ternary_expression":
            return _union(
                self.names(node.child_by_field_name("consequence"), depth + 1),
                self.names(node.child_by_field_name("alternative"), depth + 1),
            )
        if kind == "subscript_expression":
            return self._subscript(node, depth)
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in ("||", "??"):
                return _union(
                    self.names(node.child_by_field_name("left"), depth + 1),
                    self.names(node.child_by_field_name("right"), depth + 1),
                )
            if operator is not None and operator.type == "+":
                return _product(
                    [
                        self.names(node.child_by_field_name("left"), depth + 1),
                        self.names(node.child_by_field_name("right"), depth + 1),
                    ]
                )
            return None
        if kind == "identifier":
            return self._identifier(node, depth)
        if kind == "member_expression":
            return self._member(node, depth)
        return None

    def _template(self, node: Node, depth: int) -> Names:
        parts: list[Names] = []
        for part in template_parts(self.source, node):  # the one string decoder (source.py)
            parts.append((part,) if isinstance(part, str) else self.names(part, depth + 1))
        return _product(parts)

    def _identifier(self, node: Node, depth: int) -> Names:
        name = self.source.text(node)
        declaration = find_declaration(node, name, self.source, self.blocks)
        if declaration is None:
            return self._module_value(node)
        if declaration.kind == "variable":
            if declaration.key is not None:
                return None
            if not declaration.const and is_reassigned(declaration, name, self.source):
                return None
            return self.names(declaration.node.child_by_field_name("value"), depth + 1)
        if declaration.kind == "parameter":
            iterated = iterated_by_callback(declaration, self.source)
            if iterated is not None:
                return self._element_names(iterated, declaration.key, depth)
            return self._parameter(declaration, declaration.key, depth)
        if declaration.kind == "loop":
            right = declaration.node.child_by_field_name("right")
            operator = declaration.node.child_by_field_name("operator")
            if right is None or (operator is not None and self.source.text(operator) == "in"):
                return None
            return self._element_names(right, declaration.key, depth)
        return None

    def _member(self, node: Node, depth: int) -> Names:
        receiver = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        if receiver is None or prop is None:
            return None
        receiver = unwrap(receiver)
        if receiver.type == "identifier":
            declaration = find_declaration(receiver, self.source.text(receiver), self.source, self.blocks)
            if declaration is not None:
                if declaration.kind == "parameter" and declaration.key is None:
                    return self._parameter(declaration, self.source.text(prop), depth)
                return None
        if has_local_identifier(node, self.source, self.blocks):
            return None
        return self._module_value(node)

    def _module_value(self, node: Node) -> Names:
        """Evaluate a module-level expression (constants, enums, imported values)."""
        scope = self.module.scope
        if scope is None:
            return None
        diagnostics = len(self.evaluator.diagnostics)
        accesses = len(self.evaluator.runtime_accesses)
        try:
            value = self.evaluator.eval(node, scope)
        finally:
            del self.evaluator.diagnostics[diagnostics:]
            del self.evaluator.runtime_accesses[accesses:]
        if isinstance(value, Prim) and isinstance(value.value, str):
            return (value.value,)
        if isinstance(value, ValidatorValue):
            return None
        return None

    def _parameter(self, declaration: Declaration, key: str | None, depth: int) -> Names:
        """A handler's `args.key`, or a parameter whose type is a union of string literals."""
        param = declaration.node
        type_node = param.child_by_field_name("type")
        if key is None and type_node is not None:
            return self._type_names(type_node, depth)
        function = declaration.function
        if key is None or function is None or declaration.index != 1:
            return None
        args = self._handler_args(function)
        if args is None:
            return None
        value = args.get(key)
        if isinstance(value, ValidatorValue):
            return validator_names(value.validator)
        return None

    def _handler_args(self, function: Node) -> JSObject | None:
        """The `args` object next to `handler` when `function` is a function's handler."""
        holder = function.parent
        if function.type != "method_definition":
            if holder is None or holder.type != "pair":
                return None
            key = holder.child_by_field_name("key")
            if key is None or self.source.text(key) != "handler":
                return None
            holder = holder.parent
        else:
            name = function.child_by_field_name("name")
            if name is None or self.source.text(name) != "handler":
                return None
            holder = function.parent
        if holder is None or holder.type != "object":
            return None
        if holder.id in self._args_cache:
            return self._args_cache[holder.id]
        found: JSObject | None = None
        for pair in holder.named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if key is not None and self.source.text(key) == "args":
                value_node = pair.child_by_field_name("value")
                if value_node is not None and not has_local_identifier(value_node, self.source, self.blocks):
                    value = self._evaluate_quietly(value_node)
                    found = value if isinstance(value, JSObject) else None
        self._args_cache[holder.id] = found
        return found

    def _evaluate_quietly(self, node: Node) -> object:
        scope = self.module.scope
        if scope is None:
            return None
        diagnostics = len(self.evaluator.diagnostics)
        accesses = len(self.evaluator.runtime_accesses)
        try:
            return self.evaluator.eval(node, scope)
        finally:
            del self.evaluator.diagnostics[diagnostics:]
            del self.evaluator.runtime_accesses[accesses:]

    def _type_names(self, node: Node, depth: int) -> Names:
        """The strings a TypeScript type admits, when it is a union of string literal types."""
        if depth > 24:
            return None
        if node.type == "type_annotation":
            return self._type_names(node.named_children[0], depth + 1) if node.named_children else None
        if node.type == "union_type":
            found: list[str] = []
            for member in node.named_children:
                names = self._type_names(member, depth + 1)
                if names is None:
                    return None
                found.extend(names)
            return tuple(dict.fromkeys(found))
        if node.type == "literal_type":
            inner = node.named_children[0] if node.named_children else None
            return (
                (string_value(self.source, inner),) if inner is not None and inner.type == "string" else None
            )
        if node.type == "type_identifier":
            alias = self._type_alias(self.source.text(node))
            if alias is not None:
                return self._type_names(alias, depth + 1)
            return self._enum_names(node)
        if node.type == "parenthesized_type" and node.named_children:
            return self._type_names(node.named_children[0], depth + 1)
        return None

    def _enum_names(self, node: Node) -> Names:
        """The string values of a TypeScript enum named as a type (local or imported): a type
        annotation can only name a value that is an enum, so an object of strings is one."""
        scope = self.module.scope
        if scope is None:
            return None
        name = self.source.text(node)
        if scope.lookup(name) is None:
            return None
        diagnostics = len(self.evaluator.diagnostics)
        try:
            value = self.evaluator.lookup(name, self.source.span(node), scope)
        finally:
            del self.evaluator.diagnostics[diagnostics:]
        if not isinstance(value, JSObject) or not value.props:
            return None
        found = [prop.value.value for prop in value.props.values() if isinstance(prop.value, Prim)]
        if len(found) != len(value.props) or not all(isinstance(v, str) for v in found):
            return None
        return tuple(dict.fromkeys(str(v) for v in found))

    def _type_alias(self, name: str) -> Node | None:
        tree = self.source.tree
        if tree is None:
            return None
        for statement in tree.root_node.named_children:
            target = statement
            if statement.type == "export_statement":
                declaration = statement.child_by_field_name("declaration")
                if declaration is None:
                    continue
                target = declaration
            if target.type == "type_alias_declaration":
                name_node = target.child_by_field_name("name")
                if name_node is not None and self.source.text(name_node) == name:
                    return target.child_by_field_name("value")
        return None


def _union(left: Names, right: Names) -> Names:
    if left is None or right is None:
        return None
    return tuple(dict.fromkeys(left + right))


def _product(parts: list[Names]) -> Names:
    if any(p is None for p in parts):
        return None
    total = 1
    for part in parts:
        assert part is not None
        total *= len(part)
    if total > MAX_NAMES:
        return None
    return tuple(dict.fromkeys("".join(combo) for combo in itertools.product(*parts)))  # type: ignore[arg-type]
