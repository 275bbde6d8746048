"""A shortcut for validator calls: `v.string()`, `v.id("users")`, `v.literal("a")` and their
wrappers, `v.optional(v.array(v.id("t")))`, `v.union(v.literal("a"), v.null())`.

The general path evaluates such a call through `eval`, `_eval_call` and `_eval_member`, makes a
call site and calls the `v` builtin with it. The shortcut reads the same tree-sitter nodes
(types, fields, children) and builds the value the builtin returns directly
(`convex_values.PLAIN_*`), counting the steps the general path counts. It takes a call only
when `name.member` names a `v` builtin without evaluating anything (`modelled_member`: the
real scope lookup, so a shadowed `v` is seen), and its arguments are nothing but strings (for
`v.id` and `v.literal`) or such calls, nested less deeply than `depth_room` allows. Anything
else (a comment or a spread among the arguments, a constant, a call that throws) is left to
the general path: the shortcut has no side effect until it returns a value.
"""

from __future__ import annotations

from tree_sitter import Node

from schemalint.diagnostics import Span
from schemalint.parser.convex_values import LEAF_BUILDERS, PLAIN_TEXT_CALLS, PLAIN_WRAPPERS
from schemalint.parser.scope import Scope
from schemalint.parser.source import SourceText, string_value
from schemalint.parser.values import Builtin, OpaqueValue, ValidatorValue

# Tests switch the shortcut off to compare it with the general path.
ENABLED = True
# The room (`plain_call`'s `depth_room`) given to an outermost call: deeper calls are left to
# the general path, which tries the shortcut again on each argument (a few levels each time).
MAX_NESTING = 16


def modelled_member(function_node: Node, source: SourceText, scope: Scope) -> Builtin | None:
    """The builtin the member expression `function_node` reads when it is `name.member` with
    `name` bound, without evaluating anything, to a modelled object such as `v` (what
    `_eval_member` gives for it, with two steps); None otherwise."""
    fields = source.fields
    object_node = function_node.child_by_field_id(fields.object)
    if object_node is None or object_node.type != "identifier":
        return None
    # What `lookup_node` gives for `name` when that needs no evaluation (a value bound in
    # scope, or a package's export such as `v`), inlined (every `v.*` call comes here).
    data = source.data
    raw = data[object_node.start_byte : object_node.end_byte]
    try:
        name = raw.decode()  # `source.text(object_node)`, inlined
    except UnicodeDecodeError:
        name = source.text(object_node)
    binding = scope.bindings.get(name)
    if binding is None and scope.parent is not None:
        binding = scope.parent.lookup(name)
    if binding is None:
        return None
    ref = binding.ref
    if ref is None:
        receiver = binding.value
    else:
        module = ref.module
        exports = module.package_exports
        if module.package is None or exports is None or ref.name == "*":
            return None
        receiver = exports.get(ref.name)
    if type(receiver) is not OpaqueValue:
        return None
    property_node = function_node.child_by_field_id(fields.property)
    if property_node is None:
        return None
    raw = data[property_node.start_byte : property_node.end_byte]
    try:
        member = receiver.members.get(raw.decode())
    except UnicodeDecodeError:
        member = receiver.members.get(source.text(property_node))
    return member if isinstance(member, Builtin) else None


def plain_call(
    builtin: Builtin, arguments_node: Node, span: Span, source: SourceText, scope: Scope, depth_room: int
) -> tuple[ValidatorValue, int] | None:
    """The value of a call of `builtin` (a member of `v`) at `span` with `arguments_node`, and
    the steps the general path counts for its arguments, when the call is plain (see above)
    and nests less than `depth_room` deep; None otherwise."""
    impl = builtin.impl
    count = arguments_node.named_child_count
    if count == 0:
        build = LEAF_BUILDERS.get(impl)
        if build is None or arguments_node.type != "arguments":
            return None
        return ValidatorValue(build(False, span, None), None, span), 0  # what `impl` returns
    if depth_room < 4 or arguments_node.type != "arguments":
        return None
    if count == 1:
        text_call = PLAIN_TEXT_CALLS.get(impl)
        if text_call is not None:
            argument = arguments_node.named_children[0]
            if argument.kind_id != source.kinds.string:
                return None
            return text_call(_string_text(source, argument), span), 1
    wrapper = PLAIN_WRAPPERS.get(impl)
    if wrapper is None:
        return None
    arity, build_wrapper = wrapper
    if arity and count != arity:  # (0: one or more)
        return None
    fields = source.fields
    call_kind = source.kinds.call_expression
    values: list[ValidatorValue] = []
    steps = 0
    for argument in arguments_node.named_children:
        if argument.kind_id != call_kind:
            return None
        function_node = argument.child_by_field_id(fields.function)
        inner_arguments = argument.child_by_field_id(fields.arguments)
        if function_node is None or inner_arguments is None or function_node.type != "member_expression":
            return None
        inner = modelled_member(function_node, source, scope)
        if inner is None:
            return None
        inner_span = source.span(argument)
        if inner_arguments.named_child_count == 0 and inner_arguments.type == "arguments":
            build = LEAF_BUILDERS.get(inner.impl)  # a leaf: `plain_call`'s first case, inlined
            if build is None:
                return None
            values.append(ValidatorValue(build(False, inner_span, None), None, inner_span))
            steps += 3  # the argument, its member and the member's object
            continue
        plain = plain_call(inner, inner_arguments, inner_span, source, scope, depth_room - 1)
        if plain is None:
            return None
        values.append(plain[0])
        steps += plain[1] + 3
    value = build_wrapper(values, span)
    return None if value is None else (value, steps)


def _string_text(source: SourceText, node: Node) -> str:
    """The value of a `string` node, as `_eval_string` reads it."""
    raw = source.data[node.start_byte : node.end_byte]
    if len(raw) >= 2 and raw[0] == raw[-1] and b"\\" not in raw and raw.isascii():
        return raw[1:-1].decode()
    return string_value(source, node)
