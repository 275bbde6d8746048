"""The statement half of the evaluator: declarations, statements, destructuring, parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from tree_sitter import Node

from schemalint.diagnostics import Span
from schemalint.parser import control, js
from schemalint.parser.js_members import get_member
from schemalint.parser.modules import Module
from schemalint.parser.scope import ReturnSignal, Scope
from schemalint.parser.source import SourceText
from schemalint.parser.syntax import array_elements
from schemalint.parser.values import (
    UNDEFINED,
    Closure,
    JSArray,
    JSObject,
    Prim,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


class StatementsMixin:
    """Runs statements for `Evaluator` (module bodies and function bodies)."""

    if TYPE_CHECKING:  # provided by the other parts of `Evaluator`

        def eval(self, node: Node, scope: Scope) -> Value: ...
        def property_key(self, node: Node, scope: Scope) -> str | None: ...

    def declare(self, node: Node, module: Module) -> list[str]:
        """Create the bindings a top-level declaration introduces (hoisting functions)."""
        scope = module.scope
        assert scope is not None and module.source is not None
        kind = node.type
        if kind in ("lexical_declaration", "variable_declaration"):
            names: list[str] = []
            for declarator in node.named_children:
                if declarator.type == "variable_declarator":
                    pattern = declarator.child_by_field_name("name")
                    if pattern is not None:
                        names.extend(self.pattern_names(pattern, module.source))
            for name in names:
                if kind == "variable_declaration" and name not in scope.bindings:
                    scope.set(name, Prim(UNDEFINED))  # `var` is hoisted as undefined (no TDZ)
                else:
                    scope.declare(name)
            return names
        if kind in ("function_declaration", "generator_function_declaration", "function_signature"):
            name_node = node.child_by_field_name("name")
            if name_node is None:
                return []
            name = module.source.text(name_node)
            body = node.child_by_field_name("body")
            if body is not None:
                params = node.child_by_field_name("parameters")
                scope.set(name, Closure(name, params, body, module, scope, module.source.span(node)))
            return [name]
        if kind in ("class_declaration", "abstract_class_declaration", "enum_declaration"):
            name_node = node.child_by_field_name("name")
            if name_node is None:
                return []
            name = module.source.text(name_node)
            if kind == "enum_declaration":
                scope.declare(name)
            else:
                scope.set(name, Unknown(f"class `{name}` cannot be evaluated", module.source.span(node)))
            return [name]
        if kind == "expression_statement":
            return []
        return []

    def declare_default(self, node: Node, module: Module) -> None:
        assert module.scope is not None
        module.scope.declare("*default*")

    def pattern_names(self, pattern: Node, source: SourceText) -> list[str]:
        if pattern.type == "identifier":
            return [source.text(pattern)]
        names: list[str] = []
        for child in pattern.named_children:
            if child.type in ("shorthand_property_identifier_pattern", "identifier"):
                names.append(source.text(child))
            elif child.type == "pair_pattern":
                value = child.child_by_field_name("value")
                if value is not None:
                    names.extend(self.pattern_names(value, source))
            elif child.type in (
                "object_pattern",
                "array_pattern",
                "rest_pattern",
                "assignment_pattern",
                "object_assignment_pattern",
            ):
                target = child.child_by_field_name("left") or child
                if target is child:
                    names.extend(
                        self.pattern_names(child, source)
                        if child.type != "rest_pattern"
                        else [source.text(c) for c in child.named_children if c.type == "identifier"]
                    )
                else:
                    names.extend(self.pattern_names(target, source))
        return names

    # ---------------------------------------------------------------------------- statements

    def exec_statement(self, node: Node, scope: Scope) -> None:
        """Run one statement. `return` raises `ReturnSignal` (only inside function bodies)."""
        kind = node.type
        source = scope.module.source
        assert source is not None
        ev = cast("Evaluator", self)
        if kind in ("lexical_declaration", "variable_declaration"):
            target = scope
            if kind == "variable_declaration":  # `var` belongs to the function or module
                while target.block and target.parent is not None:
                    target = target.parent
            for declarator in node.named_children:
                if declarator.type != "variable_declarator":
                    continue
                pattern = declarator.child_by_field_name("name")
                value_node = declarator.child_by_field_name("value")
                if value_node is None and kind == "variable_declaration" and pattern is not None:
                    existing = target.bindings.get(source.text(pattern))
                    if existing is not None and existing.value is not None:
                        continue  # `var x;` again keeps the value `x` has
                value: Value = (
                    self.eval(value_node, scope)
                    if value_node is not None
                    else Prim(UNDEFINED, source.span(declarator))
                )
                if pattern is not None:
                    if pattern.type == "identifier" and target.parent is None:
                        value = _named_validator(value, source.text(pattern))
                    self.bind_pattern(pattern, value, target)
        elif kind == "expression_statement":
            for child in node.named_children:
                self.eval(child, scope)
        elif kind == "export_statement":
            value_node = node.child_by_field_name("value")
            if value_node is not None:
                scope.set("*default*", self.eval(value_node, scope))
        elif kind == "enum_declaration":
            from schemalint.parser import enums  # few schemas declare an enum

            enums.exec_enum(ev, node, scope)
        elif kind == "return_statement":
            expression = node.named_children[0] if node.named_children else None
            raise ReturnSignal(self.eval(expression, scope) if expression is not None else Prim(UNDEFINED))
        elif kind == "function_declaration":
            self.declare(node, scope.module) if scope.parent is None else self._declare_local_function(
                node, scope
            )
        elif kind == "if_statement":
            control.exec_if(ev, node, scope)
        elif kind == "statement_block":
            control.exec_block(ev, node, scope)
        elif kind in ("for_statement", "for_in_statement", "while_statement", "do_statement"):
            control.exec_loop(ev, node, scope)
        elif kind == "labeled_statement":
            control.exec_labeled(ev, node, scope)
        elif kind == "break_statement":
            raise control.BreakSignal(_label_text(node, source))
        elif kind == "continue_statement":
            raise control.ContinueSignal(_label_text(node, source))
        elif kind == "switch_statement":
            control.exec_switch(ev, node, scope)
        elif kind == "try_statement":
            control.exec_try(ev, node, scope)
        elif kind == "throw_statement":
            control.exec_throw(ev, node, scope)
        elif kind in (
            "comment",
            "empty_statement",
            "debugger_statement",
            "type_alias_declaration",
            "interface_declaration",
            "import_statement",
            "ambient_declaration",
        ):
            return
        elif kind in ("class_declaration", "abstract_class_declaration"):
            control.exec_class(ev, node, scope)
        else:
            control.unmodelled(ev, node, scope, f"a `{kind.replace('_', ' ')}` schemalint does not evaluate")

    def _declare_local_function(self, node: Node, scope: Scope) -> None:
        source = scope.module.source
        assert source is not None
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is not None and body is not None:
            name = source.text(name_node)
            scope.set(
                name,
                Closure(
                    name, node.child_by_field_name("parameters"), body, scope.module, scope, source.span(node)
                ),
            )

    def bind_pattern(self, pattern: Node, value: Value, scope: Scope) -> None:
        source = scope.module.source
        assert source is not None
        kind = pattern.type
        if kind == "identifier":
            scope.set(source.text(pattern), value)
            return
        if kind in ("assignment_pattern", "object_assignment_pattern"):
            left = pattern.child_by_field_name("left")
            right = pattern.child_by_field_name("right")
            if isinstance(value, Prim) and value.value is UNDEFINED and right is not None:
                value = self.eval(right, scope)
            if left is not None:
                if left.type == "shorthand_property_identifier_pattern":
                    scope.set(source.text(left), value)
                else:
                    self.bind_pattern(left, value, scope)
            return
        if kind == "object_pattern":
            used: set[str] = set()
            for child in pattern.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    name = source.text(child)
                    used.add(name)
                    scope.set(name, get_member(cast("Evaluator", self), value, name, source.span(child)))
                elif child.type == "object_assignment_pattern":
                    left = child.child_by_field_name("left")
                    if left is not None:
                        name = source.text(left)
                        used.add(name)
                        self.bind_pattern(
                            child, get_member(cast("Evaluator", self), value, name, source.span(child)), scope
                        )
                elif child.type == "pair_pattern":
                    key_node = child.child_by_field_name("key")
                    target = child.child_by_field_name("value")
                    if key_node is None or target is None:
                        continue
                    key = self.property_key(key_node, scope)
                    if key is None:
                        self.bind_pattern(
                            target, Unknown("computed destructuring key", source.span(key_node)), scope
                        )
                        continue
                    used.add(key)
                    self.bind_pattern(
                        target, get_member(cast("Evaluator", self), value, key, source.span(child)), scope
                    )
                elif child.type == "rest_pattern":
                    rest_target = child.named_children[0] if child.named_children else None
                    if rest_target is None:
                        continue
                    if isinstance(value, JSObject):
                        rest = JSObject(
                            {k: p for k, p in value.props.items() if k not in used}, span=value.span
                        )
                        self.bind_pattern(rest_target, rest, scope)
                    else:
                        self.bind_pattern(rest_target, js.unknown_from(value, "cannot destructure"), scope)
            return
        if kind == "array_pattern":
            items = value.items if isinstance(value, JSArray) else None
            for index, element_node in enumerate(array_elements(pattern, source.kinds)):
                if element_node is None:  # an elision skips that element
                    continue
                if element_node.type == "rest_pattern":
                    rest_target = element_node.named_children[0] if element_node.named_children else None
                    if rest_target is not None:
                        rest_value: Value = (
                            JSArray(items[index:], value.span)
                            if items is not None
                            else js.unknown_from(value, "cannot destructure")
                        )
                        self.bind_pattern(rest_target, rest_value, scope)
                    break
                element: Value
                if items is not None:
                    element = items[index] if index < len(items) else Prim(UNDEFINED)
                else:
                    element = js.unknown_from(value, "cannot destructure")
                self.bind_pattern(element_node, element, scope)
            return
        for name in self.pattern_names(pattern, source):
            scope.set(name, Unknown("unsupported destructuring pattern", source.span(pattern)))

    def _bind_parameters(self, closure: Closure, args: list[Value], scope: Scope) -> None:
        params = closure.params
        if params is None:
            return
        if params.type == "identifier":
            self.bind_pattern(params, args[0] if args else Prim(UNDEFINED), scope)
            return
        index = 0
        for param in params.named_children:
            if param.type not in ("required_parameter", "optional_parameter"):
                continue
            pattern = param.child_by_field_name("pattern")
            default = param.child_by_field_name("value")
            if pattern is None or pattern.type == "this":  # TypeScript's `this: T` is no parameter
                continue
            if pattern.type == "rest_pattern":
                target = pattern.named_children[0] if pattern.named_children else None
                if target is not None:
                    self.bind_pattern(target, JSArray(args[index:]), scope)
                break
            value = args[index] if index < len(args) else Prim(UNDEFINED)
            if default is not None and isinstance(value, Prim) and value.value is UNDEFINED:
                value = self.eval(default, scope)
            self.bind_pattern(pattern, value, scope)
            index += 1


def _label_text(node: Node, source: SourceText) -> str | None:
    label = node.child_by_field_name("label")
    return source.text(label) if label is not None else None


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _no_span(module: Module) -> Span:
    return Span(str(module.path or module.display), 1, 1, 1, 1)


def _named_validator(value: Value, name: str) -> Value:
    """`value`, a validator declared as the module-level constant `name`, remembering that name
    (the first one only: `const b = a` keeps `a`)."""
    if not isinstance(value, ValidatorValue) or value.validator.name is not None:
        return value
    return value.named(name)
