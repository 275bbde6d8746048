"""Assignment expressions: `=`, compound (`+=`, `??=`, ...), `++`/`--` and `delete`, on names,
members (`a.b`), computed members (`a[k]`) and destructuring patterns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.diagnostics import Span
from schemalint.parser import js, js_operators
from schemalint.parser.js_members import get_member
from schemalint.parser.mutation import delete_member, poison, set_member
from schemalint.parser.scope import Scope
from schemalint.parser.values import UNDEFINED, BigInt, Prim, Unknown, Value
from schemalint.records import dataclass

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


@dataclass(eq=False)
class _Ref:
    """What the left side of an assignment names: a variable, or a key of a value."""

    span: Span
    name: str | None = None
    receiver: Value | None = None
    key: str | None = None
    receiver_node: Node | None = None


class _AssignmentScope(Scope):
    """A scope whose `set` assigns existing bindings (destructuring assignment, `for (x of ...)`)."""

    def __init__(self, ev: Evaluator, target: Scope) -> None:
        super().__init__(target.module, target)
        self._ev = ev

    def set(self, name: str, value: Value) -> None:
        assert self.parent is not None
        assign_name(self._ev, self.parent, name, value, None)


def assign_name(ev: Evaluator, scope: Scope, name: str, value: Value, span: Span | None) -> None:
    """`name = value` (strict mode: an import or an uninitialised binding throws)."""
    binding = scope.lookup(name)
    if binding is None:
        return  # an undeclared global: nothing schemalint reads
    if binding.ref is not None:
        ev.report_throw(f"TypeError: Assignment to constant variable `{name}` (an import)", span)
        return
    if binding.value is None:
        ev.report_throw(f"ReferenceError: Cannot access `{name}` before initialization", span)
        return
    binding.value = value


def assign_pattern(ev: Evaluator, pattern: Node, value: Value, scope: Scope) -> None:
    """Destructuring assignment: `({ a, b } = value)`, `[x, y] = value`."""
    ev.bind_pattern(pattern, value, _AssignmentScope(ev, scope))


def _reference(ev: Evaluator, node: Node, scope: Scope) -> _Ref | None:
    source = scope.module.source
    assert source is not None
    span = source.span(node)
    while node.type in (
        "parenthesized_expression",
        "non_null_expression",
        "as_expression",
        "satisfies_expression",
    ):
        inner = node.named_children[0] if node.named_children else None
        if inner is None:
            return None
        node = inner
    if node.type == "identifier":
        return _Ref(span, name=source.text(node))
    object_node = node.child_by_field_name("object")
    if object_node is None:
        return None
    if node.type == "member_expression":
        property_node = node.child_by_field_name("property")
        if property_node is None:
            return None
        receiver = ev.eval(object_node, scope)
        return _Ref(span, receiver=receiver, key=source.text(property_node), receiver_node=object_node)
    if node.type == "subscript_expression":
        index_node = node.child_by_field_name("index")
        if index_node is None:
            return None
        receiver = ev.eval(object_node, scope)
        index = ev.eval(index_node, scope)
        key = js.to_string(index)
        if key is None:
            poison(receiver, Unknown("a key that cannot be evaluated is assigned", span))
            return _Ref(span, receiver=Unknown("a computed key cannot be evaluated", span))
        return _Ref(span, receiver=receiver, key=key, receiver_node=object_node)
    return None


def _read(ev: Evaluator, ref: _Ref, scope: Scope) -> Value:
    if ref.name is not None:
        return ev.lookup(ref.name, ref.span, scope)
    assert ref.receiver is not None
    return get_member(ev, ref.receiver, ref.key or "", ref.span)


def _write(ev: Evaluator, ref: _Ref, value: Value, scope: Scope) -> None:
    if ref.name is not None:
        assign_name(ev, scope, ref.name, value, ref.span)
    elif isinstance(ref.receiver, Unknown) and ref.receiver_node is not None:
        _written_through_unknown(ev, ref.receiver_node, scope, ref.span)
    elif ref.receiver is not None and ref.key is not None:
        set_member(ev, ref.receiver, ref.key, value, ref.span)


def _written_through_unknown(ev: Evaluator, node: Node, scope: Scope, span: Span) -> None:
    """A write through a value schemalint cannot evaluate (`(c ? a : b).x = 1`) may change any
    object the expression names: those become unknown."""
    source = scope.module.source
    assert source is not None
    unknown = Unknown(f"written through `{source.text(node)[:60]}`, which cannot be evaluated", span)
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            binding = scope.lookup(source.text(current))
            if binding is not None and binding.ref is None and binding.value is not None:
                poison(binding.value, unknown)
        elif current.type not in ("arrow_function", "function_expression", "function"):
            stack.extend(current.named_children)


def eval_assignment(ev: Evaluator, node: Node, scope: Scope, span: Span) -> Value:
    """`left = right`, and the compound forms `left op= right`."""
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    if left is None or right is None:
        return Unknown("incomplete assignment", span)
    operator_node = node.child_by_field_name("operator")
    operator = operator_node.type if operator_node is not None else "="
    if operator == "=" and left.type in ("object_pattern", "array_pattern"):
        value = ev.eval(right, scope)
        assign_pattern(ev, left, value, scope)
        return value
    ref = _reference(ev, left, scope)
    if ref is None:
        return Unknown(f"an assignment to `{left.type}` cannot be evaluated", span)
    if operator == "=":
        value = ev.eval(right, scope)
        _write(ev, ref, value, scope)
        return value
    current = _read(ev, ref, scope)
    if operator in ("&&=", "||=", "??="):
        assign: bool | None
        if operator == "??=":
            if isinstance(current, Unknown):
                assign = None
            else:
                assign = isinstance(current, Prim) and current.value in (None, UNDEFINED)
        else:
            truth = js.truthy(current)
            assign = None if truth is None else (truth if operator == "&&=" else not truth)
        if assign is None:
            _write(ev, ref, js.unknown_from(current, f"`{operator}`"), scope)
            return js.unknown_from(current, f"`{operator}`")
        if not assign:
            return current
        value = ev.eval(right, scope)
        _write(ev, ref, value, scope)
        return value
    value = js_operators.binary(operator[:-1], current, ev.eval(right, scope), span)
    _write(ev, ref, value, scope)
    return value


def eval_update(ev: Evaluator, node: Node, scope: Scope, span: Span) -> Value:
    """`x++`, `--x`, `obj.count++`."""
    argument = node.child_by_field_name("argument")
    operator_node = node.child_by_field_name("operator")
    if argument is None or operator_node is None:
        return Unknown("incomplete update expression", span)
    ref = _reference(ev, argument, scope)
    if ref is None:
        return Unknown("an update of this expression cannot be evaluated", span)
    current = _read(ev, ref, scope)
    if isinstance(current, Prim) and isinstance(current.value, BigInt):
        old: Value = current
    elif isinstance(current, Prim):
        number = js.to_number(current)
        old = Prim(number, span) if number is not None else Unknown("`++`/`--` cannot be evaluated", span)
    else:
        old = js.unknown_from(current, "`++`/`--` of a value that is not a number")
    step = Prim(BigInt(1) if isinstance(old, Prim) and isinstance(old.value, BigInt) else 1.0, span)
    new = js_operators.binary("+" if operator_node.type == "++" else "-", old, step, span)
    _write(ev, ref, new, scope)
    prefix = node.children[0].type in ("++", "--")
    return new if prefix else old


def eval_delete(ev: Evaluator, argument: Node, scope: Scope, span: Span) -> Value:
    """`delete obj.key` / `delete obj[key]`."""
    if argument.type not in ("member_expression", "subscript_expression"):
        return Prim(True, span)
    ref = _reference(ev, argument, scope)
    if ref is None or ref.receiver is None or ref.key is None:
        return Unknown("`delete` cannot be evaluated", span)
    return delete_member(ev, ref.receiver, ref.key, span)
