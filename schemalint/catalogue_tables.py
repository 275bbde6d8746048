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

import re
from dataclasses import field
from pathlib import Path

from tree_sitter import Node

from schemalint import files
from schemalint.ir import DbAccess, Usage
from schemalint.lazy_pattern import lazy_compile
from schemalint.parser.source import SourceText, load_source
from schemalint.records import dataclass
from schemalint.usagequery import accesses_on

_LOOP_METHODS = (b"map", b"forEach")


@dataclass
class Sources:
    """The files read for one run: their lines, and their trees once parsed."""

    lines: dict[str, list[bytes]] = field(default_factory=dict)
    trees: dict[str, SourceText] = field(default_factory=dict)
    arrays: dict[str, frozenset[bytes]] = field(default_factory=dict)


_LOOP_TEXT = lazy_compile(rb"\bfor\s*(await\s*)?\(|\.(map|forEach)\(")
_TOP_LEVEL = lazy_compile(rb"\S")


def _loop_above(access: DbAccess, texts: dict[str, list[bytes]]) -> bytes | None:
    """The nearest line above the insert (or its own) that starts a loop, within the top-level
    statement the insert is in; None when there is none (then the insert is in no loop)."""
    path = access.span.file
    if path not in texts:
        try:
            texts[path] = files.current().read_bytes(Path(path)).split(b"\n")
        except OSError:
            texts[path] = []
    lines = texts[path]
    for index in range(min(access.span.line, len(lines)) - 1, -1, -1):
        line = lines[index]
        if _LOOP_TEXT.search(line):
            return line
        if _TOP_LEVEL.match(line):
            return None
    return None


_OVER_NAME = lazy_compile(rb"\bof\s+([A-Za-z_$][\w$]*)\s*\)|([A-Za-z_$][\w$]*)\s*\.(?:map|forEach)\(")
_OVER_ARRAY = lazy_compile(rb"\bof\s*\[|\]\s*\.(?:map|forEach)\(")
_OVER_ARGS = lazy_compile(rb"\bof\s+args\.[\w$.]+\s*\)|\bargs\.[\w$.]+\.(?:map|forEach)\(")


def _list_by_text(access: DbAccess, texts: dict[str, list[bytes]]) -> str | None:
    """What the nearest loop above the insert may iterate, read from its line: `LITERAL` (an
    array written in place or a name the file binds to one), `ARGUMENT`, or None. A cheap
    test before parsing, which decides."""
    loop = _loop_above(access, texts)
    if loop is None:
        return None
    if _OVER_ARRAY.search(loop):
        return LITERAL
    if _OVER_ARGS.search(loop):
        return ARGUMENT
    match = _OVER_NAME.search(loop)
    name = match.group(1) or match.group(2) if match else None
    if name is None:
        return None
    binding = re.compile(rb"\b(?:const|let|var)\s+" + re.escape(name) + rb"\s*(?::[^=]*)?=\s*\[")
    return LITERAL if binding.search(b"\n".join(texts.get(access.span.file, ()))) is not None else None


def is_catalogue(usage: Usage, table: str, sources: Sources) -> bool:
    """Whether every insert into `table` sits in a loop over a whole list (a literal array, a
    constant bound to one, or an argument) and at least one over a list written in the code
    (a loop over an argument alone is an import of real data). `sources` caches the files read
    (one dict per run)."""
    inserts = [a for a in accesses_on(usage, table) if a.kind == "insert" and a.tables == (table,)]
    if not inserts or not usage.complete:
        return False
    # Most tables have an insert that no loop over a whole list surrounds: the text tells
    # without parsing, and parsing then decides.
    by_text = [_list_by_text(a, sources.lines) for a in inserts]
    if not all(by_text) or LITERAL not in by_text:
        return False
    kinds = [_list_loop(a, sources) for a in inserts]
    return all(kinds) and LITERAL in kinds


LITERAL = "literal"
ARGUMENT = "argument"


def _list_loop(access: DbAccess, sources: Sources) -> str | None:
    """`LITERAL` or `ARGUMENT` for an insert in a loop over such a list, else None."""
    path = access.span.file
    if path not in sources.trees:
        sources.trees[path] = load_source(Path(path))
    source = sources.trees[path]
    if source.tree is None:
        return None
    if path not in sources.arrays:
        sources.arrays[path] = _array_names(source.tree.root_node)
    arrays = sources.arrays[path]
    node = _node_at(source, access.span.line, access.span.column)
    while node is not None:
        parent = node.parent
        if node.type == "for_in_statement":
            right = node.child_by_field_name("right")
            return _whole_list(arrays, right) if right is not None else None
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
            return _whole_list(arrays, receiver)
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


def _whole_list(arrays: frozenset[bytes], node: Node) -> str | None:
    node = _unwrap(node)
    if node.type == "array":
        return LITERAL
    if node.type == "member_expression":
        owner = node.child_by_field_name("object")
        is_args = owner is not None and owner.type == "identifier" and owner.text == b"args"
        return ARGUMENT if is_args else None
    if node.type == "identifier":
        return LITERAL if node.text in arrays else None
    return None


def _unwrap(node: Node) -> Node:
    while (
        node.type in ("as_expression", "satisfies_expression", "parenthesized_expression")
        and node.named_children
    ):
        node = node.named_children[0]
    return node


def _array_names(root: Node) -> frozenset[bytes]:
    """The names the file declares as a literal array (`const name = [...]`, anywhere)."""
    names: set[bytes] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if target is not None and target.text and value is not None and _unwrap(value).type == "array":
                names.add(target.text)
        stack.extend(node.named_children)
    return frozenset(names)


def _node_at(source: SourceText, line: int, column: int) -> Node | None:
    assert source.tree is not None
    lines = source.data.split(b"\n")
    if line - 1 >= len(lines):
        return None
    text = lines[line - 1].decode("utf-8", errors="replace")
    byte_column = len(text[: column - 1].encode("utf-8"))
    return source.tree.root_node.descendant_for_point_range((line - 1, byte_column), (line - 1, byte_column))
