"""TypeScript `enum` declarations, as the TypeScript compiler (and esbuild) emit them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.parser import js
from schemalint.parser.scope import Scope
from schemalint.parser.values import JSObject, Prim, Property, Unknown, Value

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


def exec_enum(ev: Evaluator, node: Node, scope: Scope) -> None:
    """Bind the enum's object: each member by name (quoted and computed names too), numeric
    members auto-incremented from the previous one, and the reverse mapping `E[0] === "A"` for
    numeric members. Initializers may name earlier members bare (`B = A + 1`) or as `E.A`."""
    source = scope.module.source
    assert source is not None
    name_node = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    if name_node is None or body is None:
        return
    name = source.text(name_node)
    binding = scope.bindings.get(name)
    existing = binding.value if binding is not None else None
    # `enum E {...}` declared again adds to the same object (`E || (E = {})` in the emitted JS).
    result = existing if isinstance(existing, JSObject) else JSObject(span=source.span(node))
    scope.set(name, result)
    members = Scope(scope.module, scope)
    previous: Value | None = None
    for earlier, prop in result.props.items():  # members of an earlier declaration, named bare
        members.set(earlier, prop.value)
    for member in body.named_children:
        if member.type == "comment":
            continue
        key_node, value_node = member, None
        if member.type == "enum_assignment":
            key_node = member.child_by_field_name("name") or member
            value_node = member.child_by_field_name("value")
        span = source.span(member)
        key = ev.property_key(key_node, scope)
        if key is None:
            result.unknown_parts.append(Unknown("an enum member name cannot be evaluated", span))
            previous = None
            continue
        value: Value
        if value_node is not None:
            value = ev.eval(value_node, members)
        elif previous is None:
            value = Prim(0.0, span)
        elif isinstance(previous, Prim) and isinstance(previous.value, float):
            value = Prim(previous.value + 1, span)
        else:
            value = Unknown(f"enum member `{key}` needs an initializer (it follows a non-numeric one)", span)
        result.props[key] = Property(value, source.span(key_node), span)
        if isinstance(value, Prim) and isinstance(value.value, float):
            reverse = js.to_string(value)
            if reverse is not None:
                result.props[reverse] = Property(Prim(key, span), span, span)
        elif not (isinstance(value, Prim) and isinstance(value.value, str)):
            # A computed member (TypeScript still emits the reverse mapping): keys unknown.
            result.unknown_parts.append(Unknown(f"enum member `{key}` cannot be evaluated", span))
        members.set(key, value)
        previous = value
