"""Reading one TypeScript file: bytes → tree-sitter tree, positions, literal decoding."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, Tree

from schemalint import files
from schemalint.diagnostics import PARSE_ERROR, ParserDiagnostic, Span
from schemalint.ir import Comment
from schemalint.parser.js_numbers import parse_number_literal
from schemalint.parser.js_strings import decode_literal

# Files larger than this are not parsed (a schema this big is a mistake, not a schema).
MAX_FILE_BYTES = 64 * 1024 * 1024
# At most this many syntax errors are collected per file (the first is reported).
MAX_SYNTAX_ERRORS = 10
DIRECTIVE_MARKER = b"schemalint-"


@cache
def _parser(tsx: bool) -> Parser:
    grammar = tree_sitter_typescript.language_tsx() if tsx else tree_sitter_typescript.language_typescript()
    return Parser(Language(grammar))


@dataclass
class SourceText:
    """A parsed file: its decoded text, tree and the bookkeeping to turn nodes into spans."""

    path: str
    data: bytes
    tree: Tree | None
    diagnostics: list[ParserDiagnostic] = field(default_factory=list)
    is_ascii: bool = True
    _line_starts: list[int] = field(default_factory=list)
    _multibyte: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    # Start offsets of `export type * from` statements (parsed as `export type {} from`).
    type_star_exports: frozenset[int] = frozenset()

    def span(self, node: Node) -> Span:
        """The 1-based, character-column span of `node`."""
        start_row, start_col = node.start_point
        end_row, end_col = node.end_point
        if self.is_ascii:
            return Span(self.path, start_row + 1, start_col + 1, end_row + 1, end_col + 1)
        return Span(
            self.path,
            start_row + 1,
            self._char_column(start_row, start_col) + 1,
            end_row + 1,
            self._char_column(end_row, end_col) + 1,
        )

    def point_span(self, row: int, byte_column: int) -> Span:
        column = self._char_column(row, byte_column) + 1
        return Span(self.path, row + 1, column, row + 1, column)

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def _char_column(self, row: int, byte_column: int) -> int:
        """The character column of a byte column: linear in the line's length once per line
        (then a binary search), however many nodes the line holds."""
        if self.is_ascii:
            return byte_column
        if not self._line_starts:
            starts = [0]
            index = self.data.find(b"\n")
            while index != -1:
                starts.append(index + 1)
                index = self.data.find(b"\n", index + 1)
            self._line_starts = starts
        if row >= len(self._line_starts):
            return byte_column
        table = self._multibyte.get(row)
        if table is None:
            table = self._multibyte[row] = self._multibyte_table(row)
        positions, extra = table
        return byte_column - extra[bisect.bisect_left(positions, byte_column)]

    def _multibyte_table(self, row: int) -> tuple[list[int], list[int]]:
        """For one line: the byte offsets of its multi-byte characters, and for each index i
        the bytes beyond one per character that the first i of them take."""
        start = self._line_starts[row]
        end = self._line_starts[row + 1] if row + 1 < len(self._line_starts) else len(self.data)
        positions: list[int] = []
        extra = [0]
        for match in _LEAD_BYTE.finditer(self.data, start, end):
            lead = match.group()[0]
            positions.append(match.start() - start)
            extra.append(extra[-1] + (1 if lead < 0xE0 else 2 if lead < 0xF0 else 3))
        return positions, extra


# The first byte of a multi-byte UTF-8 character.
_LEAD_BYTE = re.compile(rb"[\xc0-\xff]")


def _file_span(path: str, line: int = 1, column: int = 1) -> Span:
    return Span(path, line, column, line, column)


def _decode_error_span(path: str, data: bytes, position: int) -> Span:
    line = data.count(b"\n", 0, position) + 1
    line_start = data.rfind(b"\n", 0, position) + 1
    prefix = data[line_start:position].decode("utf-8", errors="replace")
    return _file_span(path, line, len(prefix) + 1)


def load_source(path: Path) -> SourceText:
    """Read and parse `path`. Problems become `parse-error` diagnostics, never exceptions."""
    shown = str(path)
    try:
        size = files.current().file_size(path)
        if size > MAX_FILE_BYTES:
            message = f"file is too large to analyse ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})"
            return SourceText(shown, b"", None, [ParserDiagnostic(PARSE_ERROR, message, _file_span(shown))])
        data = files.current().read_bytes(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return SourceText(
            shown,
            b"",
            None,
            [ParserDiagnostic(PARSE_ERROR, f"cannot read file: {reason}", _file_span(shown))],
        )

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)"
        span = _decode_error_span(shown, data, exc.start)
        return SourceText(shown, data, None, [ParserDiagnostic(PARSE_ERROR, message, span)])
    if b"\x00" in data:
        span = _decode_error_span(shown, data, data.index(b"\x00"))
        return SourceText(
            shown,
            data,
            None,
            [ParserDiagnostic(PARSE_ERROR, "file contains a NUL byte; it is not TypeScript source", span)],
        )

    tsx = path.suffix in (".tsx", ".jsx")
    tree = _parser(tsx).parse(data)
    type_star_exports: frozenset[int] = frozenset()
    if tree.root_node.has_error:
        neutral, type_star_exports = neutralise_unparsable_types(data, tree.root_node)
        if neutral != data:
            data, tree = neutral, _parser(tsx).parse(neutral)
    source = SourceText(shown, data, tree, is_ascii=data.isascii(), type_star_exports=type_star_exports)
    source.diagnostics.extend(_syntax_errors(source, tree.root_node))
    return source


# `import("x").T<...>` (an import type with type arguments) and `export type * from` are valid
# TypeScript that tree-sitter-typescript 0.23.2 cannot parse (upstream issue #322): one such
# type turns a whole statement, often a whole file, into an error. Types never affect values, so
# they are blanked out (same byte length, so every position stays right) before parsing again.
_IMPORT_TYPE_ARGUMENTS = re.compile(
    rb"""\bimport\s*\(\s*(?:"[^"\n]*"|'[^'\n]*')\s*\)(?:\s*\.\s*[A-Za-z_$][\w$]*)+\s*(?=<)"""
)
_EXPORT_TYPE_STAR = re.compile(rb"\bexport(\s+)type(\s*)\*(\s*as\s+[A-Za-z_$][\w$]*)?")


def neutralise_unparsable_types(data: bytes, root: Node | None = None) -> tuple[bytes, frozenset[int]]:
    """`data` with the type constructs tree-sitter cannot parse blanked out (byte offsets kept),
    and the offsets of the `export type * from` statements rewritten to `export type {} from`.
    With `root` (a first parse), text inside strings, templates and comments is left alone."""
    out = bytearray(data)
    for match in _IMPORT_TYPE_ARGUMENTS.finditer(data):
        end = _type_arguments_end(data, match.end())
        if end is not None and _is_code(root, match.start()):
            out[match.end() : end] = b" " * (end - match.end())
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


def _syntax_errors(source: SourceText, root: Node) -> list[ParserDiagnostic]:
    """`parse-error` diagnostics where a compiler would put them: the innermost ERROR or MISSING
    node of each error region, and the stray commas tree-sitter accepts (`f(, x)`, `{a,, b}`)."""
    found = _stray_commas(source, root)
    if root.has_error:
        stack = [root]
        while stack and len(found) < MAX_SYNTAX_ERRORS:
            node = stack.pop()
            if node.is_missing:
                found.append(
                    ParserDiagnostic(PARSE_ERROR, f"syntax error: missing `{node.type}`", source.span(node))
                )
            elif node.is_error and not any(c.has_error or c.is_missing for c in node.children):
                found.append(_unexpected(source, node))
            elif node.has_error:
                stack.extend(reversed(node.children))
    found.sort(key=lambda d: (d.span.line, d.span.column))
    # Like esbuild, which stops at a file's first syntax error: the later ones are mostly
    # tree-sitter's recovery around the first, not errors of their own.
    return found[:1]


_CLOSERS = {"(": ")", "{": "}", "[": "]"}


def _unexpected(source: SourceText, node: Node) -> ParserDiagnostic:
    """An ERROR node as "unexpected `<token>`", located at that token: its first token, or,
    when the ERROR only wraps brackets left open (`f({ a: 1 ;`), the token after it, where a
    compiler finds the closer missing."""
    first = node
    while first.children:
        first = first.children[0]
    closer = _CLOSERS.get(first.type)
    if closer is not None and node.children and node.children[-1].type != closer:
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
_COMMA_HOLE = re.compile(rb"[({,]\s*(,)")
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


def directive_comments(source: SourceText) -> tuple[Comment, ...]:
    """The comments of `source` that mention `schemalint-` (suppression directives)."""
    if source.tree is None or DIRECTIVE_MARKER not in source.data:
        return ()
    comments: list[Comment] = []
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            text = source.text(node)
            if "schemalint-" in text:
                line_start = source.data.rfind(b"\n", 0, node.start_byte) + 1
                own_line = not source.data[line_start : node.start_byte].strip()
                comments.append(Comment(text=text, span=source.span(node), own_line=own_line))
            continue
        if DIRECTIVE_MARKER in source.data[node.start_byte : node.end_byte]:
            stack.extend(reversed(node.children))
    return tuple(comments)


# --------------------------------------------------------------------------------------------
# Literal tokens: every string form (quoted, template, JSON) goes through `decode_literal`.


def decode_escape(escape: str) -> str:
    """The character(s) a JS escape sequence token (e.g. `\\n`, `\\u{1F600}`) stands for."""
    return decode_literal(escape)


def string_value(source: SourceText, node: Node) -> str:
    """The value of a `string` node (quotes removed, escapes decoded, UTF-16 pairs joined)."""
    text = source.text(node)
    if not text:
        return ""
    quote = text[0]
    body = text[1:-1] if len(text) >= 2 and text[-1] == quote else text[1:]
    return decode_literal(body)


def template_parts(source: SourceText, node: Node) -> list[str | Node]:
    """A `template_string` node as its decoded text pieces and its `${...}` expression nodes."""
    parts: list[str | Node] = []
    data = source.data
    cursor = node.start_byte + 1
    end = node.end_byte - 1 if data[node.end_byte - 1 : node.end_byte] == b"`" else node.end_byte
    for child in node.named_children:
        if child.type != "template_substitution":
            continue
        raw = data[cursor : child.start_byte].decode("utf-8", errors="replace")
        if raw:
            parts.append(decode_literal(raw, template=True))
        inner = next((c for c in child.named_children if c.type != "comment"), None)
        if inner is not None:
            parts.append(inner)
        cursor = child.end_byte
    raw = data[cursor:end].decode("utf-8", errors="replace")
    if raw:
        parts.append(decode_literal(raw, template=True))
    return parts


def number_value(text: str) -> float | int:
    """The value of a `number` token: a float, or an int for bigint literals (`5n`)."""
    return parse_number_literal(text)
