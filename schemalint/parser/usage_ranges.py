"""Reading the callbacks of a query chain: index ranges (`q => q.eq("a", x).gt("b", y)`) and
filters (`q => q.and(q.eq(q.field("a"), x), q.gt(q.field("b"), y))`)."""

from __future__ import annotations

from typing import cast

from tree_sitter import Node

from schemalint.diagnostics import Span
from schemalint.ir import FilterUse, RangeOp, RangeStep
from schemalint.parser.usage_names import NameResolver
from schemalint.parser.usage_scope import unwrap
from schemalint.span import span_through

RANGE_OPS = frozenset({"eq", "lt", "lte", "gt", "gte"})
_FILTER_RANGE_OPS = frozenset({"lt", "lte", "gt", "gte"})
_FILTER_OTHER_OPS = frozenset({"neq", "or", "not", "add", "sub", "mul", "div", "mod", "neg", "field"})


def method_span(call: Node, resolver: NameResolver) -> Span:
    """The span of `receiver.method(...)` from `method` to the end of the call."""
    source = resolver.source
    function = call.child_by_field_name("function")
    prop = function.child_by_field_name("property") if function is not None else None
    whole = source.span(call)
    if prop is None:
        return whole
    return span_through(source.span(prop), whole)


def callback_body(node: Node | None, resolver: NameResolver) -> tuple[str, Node] | None:
    """`(param name, returned expression)` of a one-parameter arrow function or function
    expression whose body is an expression or a block with a single `return`."""
    if node is None:
        return None
    node = unwrap(node)
    if node.type not in ("arrow_function", "function_expression", "function"):
        return None
    source = resolver.source
    param = node.child_by_field_name("parameter")
    if param is None:
        params = node.child_by_field_name("parameters")
        named = [p for p in params.named_children if p.type != "comment"] if params is not None else []
        if len(named) != 1:
            return None
        pattern = named[0].child_by_field_name("pattern")
        if pattern is None or pattern.type != "identifier":
            return None
        param = pattern
    body = node.child_by_field_name("body")
    if body is None:
        return None
    if body.type == "statement_block":
        statements = [s for s in body.named_children if s.type != "comment"]
        if len(statements) != 1 or statements[0].type != "return_statement":
            return None
        returned = statements[0].named_children
        if not returned:
            return None
        body = returned[0]
    return source.text(param), unwrap(body)


def _method_call(node: Node, resolver: NameResolver) -> tuple[str, Node, list[Node]] | None:
    """`(method, receiver, arguments)` of a call `receiver.method(...)`."""
    node = unwrap(node)
    if node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or function.type != "member_expression" or arguments is None:
        return None
    receiver = function.child_by_field_name("object")
    prop = function.child_by_field_name("property")
    if receiver is None or prop is None:
        return None
    args = [a for a in arguments.named_children if a.type != "comment"]
    return resolver.source.text(prop), receiver, args


SEARCH_OPS = frozenset({"search", "eq"})


def index_range(
    callback: Node | None, resolver: NameResolver, ops: frozenset[str] = RANGE_OPS
) -> tuple[RangeStep, ...] | None:
    """The steps of an index range callback (or, with `SEARCH_OPS`, of a search filter), in call
    order; None when not understood."""
    if callback is None:
        return ()
    parsed = callback_body(callback, resolver)
    if parsed is None:
        return None
    param, node = parsed
    steps: list[RangeStep] = []
    source = resolver.source
    while True:
        node = unwrap(node)
        if node.type == "identifier" and source.text(node) == param:
            break
        call = _method_call(node, resolver)
        if call is None:
            return None
        method, receiver, args = call
        if method not in ops or not args:
            return None
        names = resolver.names(args[0])
        if names is None or len(names) != 1:
            return None
        value = source.text(args[1]) if len(args) > 1 else None
        steps.append(
            RangeStep(
                op=cast(RangeOp, method), field=names[0], span=method_span(node, resolver), value_text=value
            )
        )
        node = receiver
    steps.reverse()
    return tuple(steps)


def filter_use(callback: Node | None, resolver: NameResolver, span_node: Node) -> FilterUse:
    """What a `.filter(...)` callback compares; fields only from its top-level `q.and`/`q.eq`."""
    span = method_span(span_node, resolver)
    parsed = callback_body(callback, resolver)
    if parsed is None:
        return FilterUse(complete=False, span=span)
    param, body = parsed
    eq: list[tuple[str, str]] = []
    ranges: list[str] = []
    complete = _conjunction(body, param, resolver, eq, ranges)
    return FilterUse(
        eq_fields=tuple(f for f, _ in eq),
        eq_values=tuple(v for _, v in eq),
        range_fields=tuple(dict.fromkeys(ranges)),
        complete=complete,
        span=span,
    )


def _conjunction(
    node: Node, param: str, resolver: NameResolver, eq: list[tuple[str, str]], ranges: list[str]
) -> bool:
    call = _method_call(node, resolver)
    if call is None:
        return False
    method, receiver, args = call
    source = resolver.source
    if unwrap(receiver).type != "identifier" or source.text(unwrap(receiver)) != param:
        return False
    if method == "and":
        return all([_conjunction(a, param, resolver, eq, ranges) for a in args])
    if method == "eq" or method in _FILTER_RANGE_OPS:
        if len(args) != 2:
            return False
        field, value = _field_operand(args[0], param, resolver), args[1]
        if field is None:
            field, value = _field_operand(args[1], param, resolver), args[0]
        if field is None:
            return False
        if method == "eq":
            eq.append((field, source.text(value)))
        else:
            ranges.append(field)
        return True
    return method in _FILTER_OTHER_OPS


def _field_operand(node: Node, param: str, resolver: NameResolver) -> str | None:
    """ "f" for `q.field("f")`."""
    call = _method_call(node, resolver)
    if call is None:
        return None
    method, receiver, args = call
    receiver = unwrap(receiver)
    if method != "field" or receiver.type != "identifier" or resolver.source.text(receiver) != param:
        return None
    names = resolver.names(args[0]) if args else None
    return names[0] if names is not None and len(names) == 1 else None
