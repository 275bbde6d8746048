"""Tables that hold a constant catalogue: every insert loads a list given whole.

A table of D&D classes or game actions is filled by a seed mutation that loops over a literal
array (`for (const cls of CLASSES) await ctx.db.insert("dndClasses", cls)`), and perhaps by one
that loads a list an admin passes in (`for (const cls of args.classes)`); it never grows from
user traffic. Loops over arguments alone are imports of real data, not catalogues. A scan
of such a table reads a few dozen documents: worth knowing, not a warning.

This reads the function modules' syntax trees again (only for the tables a rule asks about,
and each file once per run), since the usage model does not record where an insert sits.
"""

from __future__ import annotations

from pathlib import Path

from tree_sitter import Node

from schemalint.ir import DbAccess, Usage
from schemalint.parser.source import SourceText, load_source

_LOOP_METHODS = (b"map", b"forEach")


Sources = dict[str, SourceText | None]


def is_catalogue(usage: Usage, table: str, sources: Sources) -> bool:
    """Whether every insert into `table` sits in a loop over a whole list (a literal array, a
    constant bound to one, or an argument) and at least one over a list written in the code
    (a loop over an argument alone is an import of real data). `sources` caches the files read
    (one dict per run)."""
    inserts = [a for a in usage.accesses if a.kind == "insert" and a.tables == (table,)]
    if not inserts or not usage.complete:
        return False
    kinds = [_list_loop(a, sources) for a in inserts]
    return all(kinds) and LITERAL in kinds


LITERAL = "literal"
ARGUMENT = "argument"


def _list_loop(access: DbAccess, sources: Sources) -> str | None:
    """`LITERAL` or `ARGUMENT` for an insert in a loop over such a list, else None."""
    path = access.span.file
    if path not in sources:
        sources[path] = load_source(Path(path))
    source = sources[path]
    if source is None or source.tree is None:
        return None
    node = _node_at(source, access.span.line, access.span.column)
    while node is not None:
        parent = node.parent
        if node.type == "for_in_statement":
            right = node.child_by_field_name("right")
            return _whole_list(source, right) if right is not None else None
        if (
            node.type == "arguments"
            and parent is not None
            and parent.type == "call_expression"
            and (callee := parent.child_by_field_name("function")) is not None
            and callee.type == "member_expression"
            and (prop := callee.child_by_field_name("property")) is not None
            and prop.text in _LOOP_METHODS
            and (receiver := callee.child_by_field_name("object")) is not None
        ):
            return _whole_list(source, receiver)
        if node.type in ("function_declaration", "method_definition") or (
            node.type in ("arrow_function", "function_expression") and _registered(node)
        ):
            return None
        node = parent
    return None


def _registered(function: Node) -> bool:
    """Whether the function is a handler (`handler: async (ctx) => ...`), where loops end."""
    parent = function.parent
    return parent is not None and parent.type == "pair"


def _whole_list(source: SourceText, node: Node) -> str | None:
    node = _unwrap(node)
    if node.type == "array":
        return LITERAL
    if node.type == "member_expression":
        owner = node.child_by_field_name("object")
        is_args = owner is not None and owner.type == "identifier" and owner.text == b"args"
        return ARGUMENT if is_args else None
    if node.type == "identifier" and source.tree is not None:
        return LITERAL if _bound_to_array(source.tree.root_node, node.text or b"") else None
    return None


def _unwrap(node: Node) -> Node:
    while (
        node.type in ("as_expression", "satisfies_expression", "parenthesized_expression")
        and node.named_children
    ):
        node = node.named_children[0]
    return node


def _bound_to_array(root: Node, name: bytes) -> bool:
    """Whether the file declares `const name = [...]` (anywhere: a catalogue is one per file)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if target is not None and target.text == name and value is not None:
                return _unwrap(value).type == "array"
        stack.extend(node.named_children)
    return False


def _node_at(source: SourceText, line: int, column: int) -> Node | None:
    assert source.tree is not None
    lines = source.data.split(b"\n")
    if line - 1 >= len(lines):
        return None
    text = lines[line - 1].decode("utf-8", errors="replace")
    byte_column = len(text[: column - 1].encode("utf-8"))
    return source.tree.root_node.descendant_for_point_range((line - 1, byte_column), (line - 1, byte_column))
