"""Reading one TypeScript file: bytes → tree-sitter tree, positions, literal decoding."""

from __future__ import annotations

import bisect
from functools import cache
from pathlib import Path
from typing import NamedTuple

from tree_sitter import Language, Node, Parser, Tree

from schemalint import files
from schemalint.diagnostics import PARSE_ERROR, ParserDiagnostic, Span
from schemalint.ir import Comment
from schemalint.lazy_pattern import lazy_compile
from schemalint.parser import grammars, syntax
from schemalint.parser.js_numbers import parse_number_literal
from schemalint.parser.js_strings import decode_literal
from schemalint.span import (
    COLUMN_SHIFT,
    END_COLUMN_SHIFT,
    END_LINE_SHIFT,
    LINE_SHIFT,
    POSITION_LIMIT,
    file_key,
)

# Files larger than this are not parsed (a schema this big is a mistake, not a schema).
MAX_FILE_BYTES = 64 * 1024 * 1024
DIRECTIVE_MARKER = b"schemalint-"


@cache
def _parser(tsx: bool) -> Parser:
    return Parser(Language(grammars.language(tsx)))


class FieldIds(NamedTuple):
    """The ids of the fields the evaluator reads most, in one grammar (TypeScript's and TSX's
    differ): `node.child_by_field_id(ids.function)` is cheaper than `child_by_field_name`."""

    function: int
    arguments: int
    object: int
    property: int
    key: int
    value: int


@cache
def field_ids(tsx: bool) -> FieldIds:
    language = _parser(tsx).language
    ids: list[int] = []
    for name in FieldIds._fields:
        field_id = language.field_id_for_name(name) if language is not None else None
        if field_id is None:
            raise RuntimeError(f"the installed TypeScript grammar has no field `{name}`")
        ids.append(field_id)
    return FieldIds(*ids)


class NodeKinds(NamedTuple):
    """The ids (`node.kind_id`) of the node types the evaluator tests most, in one grammar:
    comparing `kind_id` is cheaper than reading `node.type`. Each type has one public id (the
    grammar's variants of a type read back as its first id)."""

    pair: int
    property_identifier: int
    call_expression: int
    shorthand_property_identifier: int
    spread_element: int
    method_definition: int
    string: int
    comment: int
    comma: int  # `,`
    close_bracket: int  # `]`


# The anonymous node types among `NodeKinds`, by field name (the others are named types).
_TOKEN_KINDS = {"comma": ",", "close_bracket": "]"}


@cache
def node_kinds(tsx: bool) -> NodeKinds:
    language = _parser(tsx).language
    ids: list[int] = []
    for name in NodeKinds._fields:
        token = _TOKEN_KINDS.get(name)
        kind = token if token is not None else name
        kind_id = language.id_for_node_kind(kind, token is None) if language is not None else None
        if not kind_id:
            raise RuntimeError(f"the installed TypeScript grammar has no node type `{kind}`")
        ids.append(kind_id)
    return NodeKinds(*ids)


# `Span(...)` without its Python-level `__new__` (the same integer, packed here: the evaluator
# makes one span per kept node).
_new_span = int.__new__
# A 1 in each of a packed span's four position fields.
_ONES = 1 << LINE_SHIFT | 1 << COLUMN_SHIFT | 1 << END_LINE_SHIFT | 1 << END_COLUMN_SHIFT


class SourceText:
    """A parsed file: its decoded text, tree and the bookkeeping to turn nodes into spans.

    Once a module is evaluated its tree may be released (`release_tree`; trees are most of a
    big schema's memory); reading `tree` afterwards parses the same bytes again.
    """

    __slots__ = (
        "_directives",
        "_line_starts",
        "_multibyte",
        "_pair_base",
        "_span_base",
        "_tree",
        "_tsx",
        "data",
        "diagnostics",
        "fields",
        "is_ascii",
        "kinds",
        "path",
        "readable",
        "type_star_exports",
    )

    def __init__(
        self,
        path: str,
        data: bytes,
        tree: Tree | None,
        diagnostics: list[ParserDiagnostic] | None = None,
        is_ascii: bool = True,
        type_star_exports: frozenset[int] = frozenset(),
        tsx: bool = False,
        error_free: bool = False,
    ) -> None:
        self.path = path
        self.data = data
        self._tree = tree
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.is_ascii = is_ascii
        self._line_starts: list[int] = []
        self._multibyte: dict[int, tuple[list[int], list[int]]] = {}
        # Start offsets of `export type * from` statements (parsed as `export type {} from`).
        self.type_star_exports = type_star_exports
        # Whether the file was parsed (its tree may have been released since).
        self.readable = tree is not None
        self._tsx = tsx
        self.fields = field_ids(tsx)  # of the grammar that parses this file
        self.kinds = node_kinds(tsx)
        self._directives: tuple[Comment, ...] | None = None
        # Spans of an ASCII file (its byte columns are its character columns) are packed by
        # `span` itself when every position fits (always for a parsed file: positions are below
        # its size, at most MAX_FILE_BYTES): the file's key with a 1 in each position field
        # (positions are 1-based; no field then overflows). Every file is numbered here.
        base = file_key(path) | _ONES if len(data) < POSITION_LIMIT - 1 else None
        self._span_base = base if is_ascii else None
        # `key_and_pair_spans` reads three points instead of four where `error_free` says that
        # the tree (parsed from `data`, also again after `release_tree`) has no ERROR or MISSING
        # node: a `pair` is then exactly its key, `:` and value (comments around it are its
        # siblings, inside it they are between its key and value).
        self._pair_base = self._span_base if error_free else None

    @property
    def tree(self) -> Tree | None:
        """The syntax tree (None when the file could not be parsed)."""
        if self._tree is None and self.readable:
            self._tree = _parser(self._tsx).parse(self.data)
        return self._tree

    def release_tree(self) -> None:
        """Drop the tree (its memory is freed once no node of it is referenced any more); the
        directive comments are read first, as they are needed after evaluation."""
        if self._tree is not None:
            self.directives()
            self._tree = None

    def directives(self) -> tuple[Comment, ...]:
        """The comments that mention `schemalint-` (suppression directives)."""
        if self._directives is None:
            self._directives = directive_comments(self)
        return self._directives

    def span(self, node: Node) -> Span:
        """The 1-based, character-column span of `node`."""
        start_row, start_col = node.start_point
        end_row, end_col = node.end_point
        base = self._span_base
        if base is not None:
            return _new_span(
                Span,
                base
                + (
                    start_row << LINE_SHIFT
                    | start_col << COLUMN_SHIFT
                    | end_row << END_LINE_SHIFT
                    | end_col << END_COLUMN_SHIFT
                ),
            )
        return self._points_span(start_row, start_col, end_row, end_col)

    def key_and_pair_spans(self, pair: Node, key: Node, value: Node) -> tuple[Span, Span]:
        """`(span(key), span(pair))` of a `pair` node and its key and value fields."""
        base = self._pair_base
        if base is None:
            return self.span(key), self.span(pair)
        start_row, start_col = key.start_point  # where the pair starts
        end_row, end_col = key.end_point
        value_row, value_col = value.end_point  # where the pair ends
        start = base + (start_row << LINE_SHIFT | start_col << COLUMN_SHIFT)
        return (
            _new_span(Span, start + (end_row << END_LINE_SHIFT | end_col << END_COLUMN_SHIFT)),
            _new_span(Span, start + (value_row << END_LINE_SHIFT | value_col << END_COLUMN_SHIFT)),
        )

    def byte_range_span(self, start_byte: int, end_byte: int) -> Span:
        """`span` of the node at these byte offsets, from the text alone (its tree may be gone):
        rows are counted at line feeds, as tree-sitter counts them."""
        data = self.data
        start_row = data.count(b"\n", 0, start_byte)
        end_row = start_row + data.count(b"\n", start_byte, end_byte)
        start_col = start_byte - (data.rfind(b"\n", 0, start_byte) + 1)
        end_col = end_byte - (data.rfind(b"\n", 0, end_byte) + 1)
        return self._points_span(start_row, start_col, end_row, end_col)

    def _points_span(self, start_row: int, start_col: int, end_row: int, end_col: int) -> Span:
        """The span from 0-based rows and byte columns, its columns counted in characters."""
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
        raw = self.data[node.start_byte : node.end_byte]
        try:
            return raw.decode()  # strict UTF-8 takes no keyword arguments to parse: faster
        except UnicodeDecodeError:
            return raw.decode("utf-8", errors="replace")

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
_LEAD_BYTE = lazy_compile(rb"[\xc0-\xff]")


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
        neutral, type_star_exports = syntax.neutralise_unparsable_types(data, tree.root_node)
        if neutral != data:
            data, tree = neutral, _parser(tsx).parse(neutral)
    source = SourceText(
        shown,
        data,
        tree,
        is_ascii=data.isascii(),
        type_star_exports=type_star_exports,
        tsx=tsx,
        error_free=not tree.root_node.has_error,
    )
    source.diagnostics.extend(syntax.syntax_errors(source, tree.root_node))
    return source


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
