"""Syntax problems of one file, found the way a compiler would, and the valid TypeScript that
tree-sitter-typescript 0.23.2 cannot parse, blanked out before parsing (offsets kept)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tree_sitter import Node

from schemalint.diagnostics import PARSE_ERROR, ParserDiagnostic
from schemalint.lazy_pattern import lazy_compile

if TYPE_CHECKING:
    from schemalint.parser.source import NodeKinds, SourceText

# At most this many syntax errors are collected per file (the first is reported).
MAX_SYNTAX_ERRORS = 10

# Import types (`import("x").T`, `import("x").T<A>`, `import("x").T[]`) and `export type * from`
# are valid TypeScript that tree-sitter-typescript 0.23.2 cannot parse (upstream issue #322): one
# such type turns a whole statement, often a whole file, into an error. Types never affect
# values, so an import type (a member of `import(...)` that is not called) becomes `any`, padded
# with spaces to the same byte length (every position stays right), before parsing again.
_IMPORT_TYPE = lazy_compile(
    rb"""\bimport\s*\(\s*(?:"[^"\n]*"|'[^'\n]*')\s*\)(?:\s*\.\s*[A-Za-z_$][\w$]*)+\s*"""
)
_EXPORT_TYPE_STAR = lazy_compile(rb"\bexport(\s+)type(\s*)\*(\s*as\s+[A-Za-z_$][\w$]*)?")


def neutralise_unparsable_types(data: bytes, root: Node | None = None) -> tuple[bytes, frozenset[int]]:
    """`data` with the type constructs tree-sitter cannot parse blanked out (byte offsets kept),
    and the offsets of the `export type * from` statements rewritten to `export type {} from`.
    With `root` (a first parse), text inside strings, templates and comments is left alone."""
    out = bytearray(data)
    for match in _IMPORT_TYPE.finditer(data):
        end = match.end()
        if data[end : end + 1] == b"<":
            end = _type_arguments_end(data, end) or end
        # A member of `import(...)` that is called (`import("x").then(...)`) is a value.
        called = data[end:].lstrip()[:1] == b"("
        if not called and _is_code(root, match.start()):
            out[match.start() : end] = b"any" + b" " * (end - match.start() - 3)
    stars: set[int] = set()
    for match in _EXPORT_TYPE_STAR.finditer(data):
        if not _is_code(root, match.start()):
            continue
        star = data.index(b"*", match.start(2))
        end = match.end()  # past `*` or past `* as name`
        if end - star < 2 and data[end : end + 1].isspace():
            end += 1  # `* from` → `{}from`
        if end - star >= 2:
            out[star:end] = b"{}" + b" " * (end - star - 2)
            stars.add(match.start())
    return bytes(out), frozenset(stars)


_NOT_CODE = frozenset({"string", "string_fragment", "template_string", "comment", "regex", "regex_pattern"})


def _is_code(root: Node | None, offset: int) -> bool:
    """Whether the byte at `offset` is code (not inside a string, template, regex or comment)."""
    if root is None:
        return True
    node: Node | None = root.descendant_for_byte_range(offset, offset + 1)
    while node is not None:
        if node.type in _NOT_CODE:
            return False
        node = node.parent
    return True


def _type_arguments_end(data: bytes, start: int) -> int | None:
    """The offset just past the `<...>` starting at `start` (nested, `=>` skipped), or None."""
    depth = 0
    index = start
    while index < len(data) and index - start < 4096:
        char = data[index]
        if char == 0x3C:  # <
            depth += 1
        elif char == 0x3E and data[index - 1] != 0x3D:  # > but not =>
            depth -= 1
            if depth == 0:
                return index + 1
        elif char in b";{}\n" and depth <= 0:
            return None
        index += 1
    return None


def syntax_errors(source: SourceText, root: Node) -> list[ParserDiagnostic]:
    """`parse-error` diagnostics where a compiler would put them: the innermost ERROR or MISSING
    node of each error region, and what tree-sitter accepts but esbuild does not: stray commas
    (`f(, x)`, `{a,, b}`) and enum members named by `[expr]` or a number."""
    found = _stray_commas(source, root) + _bad_enum_member_names(source, root)
    if root.has_error:
        stack = [root]
        while stack and len(found) < MAX_SYNTAX_ERRORS:
            node = stack.pop()
            if node.is_missing:
                # Zero-width, right after the previous token: a compiler reports the next one.
                after = _token_after(source, node)
                where = source.span(after) if after is not None else source.span(node)
                found.append(ParserDiagnostic(PARSE_ERROR, f"syntax error: missing `{node.type}`", where))
            elif node.is_error and not any(c.has_error or c.is_missing for c in node.children):
                found.append(_unexpected(source, node))
            elif node.has_error:
                stack.extend(reversed(node.children))
    found.sort(key=lambda d: (d.span.line, d.span.column))
    # Like esbuild, which stops at a file's first syntax error: the later ones are mostly
    # tree-sitter's recovery around the first, not errors of their own.
    return found[:1]


_CLOSERS = {"(": ")", "{": "}", "[": "]"}
# Tokens that need an operand after them, and tokens that cannot start one.
_NEEDS_OPERAND = frozenset({"=", "+=", "-=", "=>", "+", "-", "*", "/", "%", "**", "&&", "||", "??", "==="})
_TERMINATORS = frozenset({";", ")", "}", "]", ","})


def _unexpected(source: SourceText, node: Node) -> ParserDiagnostic:
    """An ERROR node as "unexpected `<token>`", located at that token: its first token, or,
    when the ERROR only wraps brackets left open (`f({ a: 1 ;`), the token after it, where a
    compiler finds the closer missing."""
    first = node
    while first.children:
        first = first.children[0]
    closer = _CLOSERS.get(first.type)
    if node.child_count == 1 and first.type in _NEEDS_OPERAND:
        after = _token_after(source, node)
        if after is not None and after.type in _TERMINATORS:
            first = after  # `const x = ;`: the operand is missing where `;` stands
    elif closer is not None and node.children and node.children[-1].type != closer:
        after = _token_after(source, node)
        if after is None:
            return ParserDiagnostic(PARSE_ERROR, f"syntax error: missing `{closer}`", source.span(node))
        first = after
    text = " ".join(source.text(first).split())[:40] or " ".join(source.text(node).split())[:40]
    message = f"syntax error: unexpected `{text}`" if text else "syntax error"
    where = first if first.end_byte > first.start_byte else node
    return ParserDiagnostic(PARSE_ERROR, message, source.span(where))


def _token_after(source: SourceText, node: Node) -> Node | None:
    """The first token after `node` (None at the end of the file)."""
    offset = node.end_byte
    while offset < len(source.data) and source.data[offset : offset + 1].isspace():
        offset += 1
    root = node
    while root.parent is not None:
        root = root.parent
    if offset >= len(source.data):
        return None
    token = root.descendant_for_byte_range(offset, offset + 1)
    return token if token is not None and token.start_byte >= node.end_byte else None


# A comma right after `(` / `{` or after another comma: a hole tree-sitter's grammar accepts in
# call arguments and object literals, but JavaScript does not.
# (`\s*+` does not backtrack: `\s` and `,` never overlap, and schema files have long runs of
# whitespace after commas.)
_COMMA_HOLE = re.compile(rb"[({,]\s*+(,)")
_HOLE_PARENTS = frozenset({"arguments", "object", "object_pattern", "named_imports", "export_clause"})


def _stray_commas(source: SourceText, root: Node) -> list[ParserDiagnostic]:
    found: list[ParserDiagnostic] = []
    for match in _COMMA_HOLE.finditer(source.data):
        comma = match.start(1)
        node = root.descendant_for_byte_range(comma, comma + 1)
        if node is None or node.type != "," or node.parent is None or node.parent.type not in _HOLE_PARENTS:
            continue
        previous = node.prev_sibling
        if previous is None or previous.type not in (",", "(", "{"):
            continue
        found.append(ParserDiagnostic(PARSE_ERROR, "syntax error: unexpected `,`", source.span(node)))
        if len(found) >= MAX_SYNTAX_ERRORS:
            break
    return found


# What esbuild accepts as an enum member's name: an identifier or a string literal (tree-sitter
# also takes `[expr]` and numbers, on which esbuild stops: "Expected identifier").
_ENUM_MEMBER_NAMES = frozenset({"property_identifier", "string"})


_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _enum_keywords(data: bytes) -> Iterator[int]:
    """Where `enum` is written as a whole word (as `rb"\\benum\\b"` finds it, without compiling
    a regular expression for the few files that mention enums)."""
    start = data.find(b"enum")
    while start != -1:
        end = start + 4
        if (start == 0 or data[start - 1] not in _WORD_BYTES) and (
            end == len(data) or data[end] not in _WORD_BYTES
        ):
            yield start
        start = data.find(b"enum", end)


def _bad_enum_member_names(source: SourceText, root: Node) -> list[ParserDiagnostic]:
    found: list[ParserDiagnostic] = []
    for start in _enum_keywords(source.data):
        keyword = root.descendant_for_byte_range(start, start + 4)
        declaration = keyword.parent if keyword is not None and keyword.type == "enum" else None
        body = declaration.child_by_field_name("body") if declaration is not None else None
        if body is None or body.type != "enum_body":
            continue
        for member in body.named_children:
            name = member.child_by_field_name("name") if member.type == "enum_assignment" else member
            if name is None or name.type in _ENUM_MEMBER_NAMES or name.type == "comment":
                continue
            first = name
            while first.children:
                first = first.children[0]
            message = f"syntax error: unexpected `{' '.join(source.text(first).split())[:40]}`"
            found.append(ParserDiagnostic(PARSE_ERROR, message, source.span(first)))
            if len(found) >= MAX_SYNTAX_ERRORS:
                return found
    return found


def array_elements(node: Node, kinds: NodeKinds) -> list[Node | None]:
    """The elements of an array literal or array pattern in order, `None` for each elision
    (tree-sitter keeps elisions only as extra commas): `[a, , b]` → a, None, b; `[,]` → None.
    `kinds` are those of the grammar that parsed `node` (`SourceText.kinds`)."""
    elements: list[Node | None] = []
    current: Node | None = None
    comma, close, comment = kinds.comma, kinds.close_bracket, kinds.comment
    for child in node.children:
        kind = child.kind_id
        if kind == comma:
            elements.append(current)
            current = None
        elif kind == close:
            if current is not None:
                elements.append(current)
        elif child.is_named and kind != comment:
            current = child
    return elements
