"""A shortcut for validator calls written plainly: `v.string()`, `v.id("users")`,
`v.optional(v.string())`, `v.union(v.literal("a"), v.literal("b"))`.

The evaluator reads a call node by node: the callee's member expression, its object, each
argument, then a `CallSite` for the builtin. A call whose text has one of the shapes below is
read from its text instead, giving what the general path gives, with the same steps counted:

- a leaf, `name.member()`, `name.member("text")` or `name.member('text')`, where `name.member`
  is a `v` builtin computed from the call's span (and the text) alone
  (`convex_values.plain_call`);
- a wrapper, `name.member(leaf, leaf, ...)`, where `name.member` is a `v` builtin wrapping
  validators (`convex_values.WRAPPERS`) and every argument is a leaf; the builtin itself is
  called, with the arguments' spans.

No comment, escape or non-ASCII byte, and no space except around a wrapper's arguments;
`name` is not a keyword (tree-sitter does not parse `this` or `undefined` as identifiers;
`tests/test_plain_calls.py` checks the list against the grammar). Anything else, and a call
near the step or depth limit, is left to the general path.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.diagnostics import Span
from schemalint.parser.convex_values import WRAPPERS, plain_call
from schemalint.parser.scope import Scope
from schemalint.parser.source import SourceText
from schemalint.parser.values import Builtin, CallSite, OpaqueValue, Value

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

_NAME = rb"[A-Za-z_$][A-Za-z0-9_$]*"
_TEXT = rb"\"([^\"\\\r\n]*)\"|'([^'\\\r\n]*)'"
_LEAF_TEXT = rb"(%s)\.(%s)\((?:%s)?\)" % (_NAME, _NAME, _TEXT)
# Groups: name, member, double-quoted text, single-quoted text.
_LEAF = re.compile(_LEAF_TEXT)
# Groups: name, member.
_WRAPPER_HEAD = re.compile(rb"(%s)\.(%s)\(" % (_NAME, _NAME))
# Groups: the leaf, its name, member, double- and single-quoted text, a comma after it.
_ARGUMENT = re.compile(rb"\s*(%s)\s*(?:(,)\s*)?" % _LEAF_TEXT)
# The next-to-last byte of a leaf (`()`, `")`, `')`) or a wrapper (`))`, `,\n)`, `\n)`).
CALL_ENDS = frozenset(b"(\"')\n\r\t ,")
_CLOSE = ord(")")

# Words that are not identifiers before `.`: tree-sitter parses `this.x()`, `undefined.x()`,
# `true.x()`, `yield.x()` and the like otherwise, or not as a call.
KEYWORDS = frozenset(
    b"await break case catch class const continue debugger default delete do else enum export "
    b"extends false finally for function if import in instanceof new null return super switch "
    b"this throw true try typeof undefined var void while with yield".split()
)


def plain_call_value(
    ev: Evaluator, node: Node, source: SourceText, scope: Scope, steps_left: int, depth_left: int
) -> tuple[Value, int] | None:
    """The value of the call `node` and the steps the general path counts for it, when its
    text is a leaf or a wrapper of leaves (see above) and `steps_left` and `depth_left` leave
    room; None otherwise. `ev` is the evaluator (for what a wrapper builtin reports)."""
    raw = source.data[node.start_byte : node.end_byte]
    leaf = _LEAF.fullmatch(raw)
    if leaf is None:
        return _wrapper_value(ev, node, source, scope, raw, steps_left, depth_left)
    if steps_left <= 3 or depth_left <= 2 or not raw.isascii() or node.has_error:
        return None
    builtin = _builtin(leaf[1], leaf[2], scope)
    if builtin is None:
        return None
    quoted = leaf[3] if leaf[3] is not None else leaf[4]
    text = quoted.decode() if quoted is not None else None
    value = plain_call(builtin.impl, text, source.span(node))
    # `_eval_call` counts the member and its object, and `eval` the text.
    return None if value is None else (value, 2 if text is None else 3)


def _wrapper_value(
    ev: Evaluator,
    node: Node,
    source: SourceText,
    scope: Scope,
    raw: bytes,
    steps_left: int,
    depth_left: int,
) -> tuple[Value, int] | None:
    head = _WRAPPER_HEAD.match(raw)
    if head is None or raw[-1] != _CLOSE or not source.is_ascii:
        return None
    last = len(raw) - 1
    position = head.end()
    arguments: list[re.Match[bytes]] = []
    while position < last:
        argument = _ARGUMENT.match(raw, position, last)
        if argument is None:
            return None
        arguments.append(argument)
        position = argument.end()
        if argument[6] is None and position != last:
            return None  # two arguments without a comma between them
    # The wrapper's member and object, then each leaf: its call, member, object and text.
    steps = 2 + sum(3 if argument[4] is None and argument[5] is None else 4 for argument in arguments)
    if not arguments or steps_left <= steps + 1 or depth_left <= 4 or node.has_error:
        return None
    wrapper = _builtin(head[1], head[2], scope)
    if wrapper is None or wrapper.impl not in WRAPPERS:
        return None
    row, column = node.start_point
    values: list[Value] = []
    spans: list[Span | None] = []
    for argument in arguments:
        builtin = _builtin(argument[2], argument[3], scope)
        if builtin is None:
            return None
        begin, end = argument.span(1)
        newlines = raw.count(b"\n", 0, begin)  # a leaf is on one line
        if newlines:
            start_row, start_column = row + newlines, begin - raw.rfind(b"\n", 0, begin) - 1
        else:
            start_row, start_column = row, column + begin
        span = source.points_span(start_row, start_column, start_row, start_column + end - begin)
        quoted = argument[4] if argument[4] is not None else argument[5]
        value = plain_call(builtin.impl, quoted.decode() if quoted is not None else None, span)
        if value is None:
            return None
        values.append(value)
        spans.append(span)
    return wrapper.impl(ev, CallSite(source.span(node), spans), values), steps


def _builtin(name: bytes, member: bytes, scope: Scope) -> Builtin | None:
    """The builtin `name.member` evaluates to, when `name` is bound to a modelled object (as
    `v`) without another module's evaluation; else None."""
    if name in KEYWORDS:
        return None
    receiver = bound_value(name.decode(), scope)
    if type(receiver) is not OpaqueValue:
        return None
    found = receiver.members.get(member.decode())
    return found if type(found) is Builtin else None


def bound_value(name: str, scope: Scope) -> Value | None:
    """What `lookup_node` gives for `name` when it needs neither a span nor another module's
    evaluation (a value bound in scope, or a package's export), else None."""
    binding = scope.bindings.get(name)
    if binding is None and scope.parent is not None:
        binding = scope.parent.lookup(name)
    if binding is None:
        return None
    ref = binding.ref
    if ref is None:
        return binding.value
    module = ref.module
    exports = module.package_exports
    if module.package is not None and exports is not None and ref.name != "*":
        return exports.get(ref.name)
    return None
