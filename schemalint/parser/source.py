"""Reading one TypeScript file: bytes → tree-sitter tree, positions, literal decoding."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, Tree

from schemalint import files
from schemalint.diagnostics import PARSE_ERROR, ParserDiagnostic, Span
from schemalint.ir import Comment

# Files larger than this are not parsed (a schema this big is a mistake, not a schema).
MAX_FILE_BYTES = 64 * 1024 * 1024
# At most this many syntax errors are reported per file.
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
        start = self._line_starts[row]
        return len(self.data[start : start + byte_column].decode("utf-8", errors="replace"))


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
    source = SourceText(shown, data, tree, is_ascii=data.isascii())
    if tree.root_node.has_error:
        source.diagnostics.extend(_syntax_errors(source, tree.root_node))
    return source


def _syntax_errors(source: SourceText, root: Node) -> list[ParserDiagnostic]:
    """`parse-error` diagnostics for the ERROR and MISSING nodes of a tree (outermost only)."""
    found: list[ParserDiagnostic] = []
    stack = [root]
    while stack and len(found) < MAX_SYNTAX_ERRORS:
        node = stack.pop()
        if node.is_missing:
            found.append(
                ParserDiagnostic(PARSE_ERROR, f"syntax error: missing `{node.type}`", source.span(node))
            )
            continue
        if node.is_error:
            snippet = source.text(node).strip().splitlines()
            shown = snippet[0][:40] if snippet else ""
            message = f"syntax error: unexpected `{shown}`" if shown else "syntax error"
            found.append(ParserDiagnostic(PARSE_ERROR, message, source.span(node)))
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    found.sort(key=lambda d: (d.span.line, d.span.column))
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
# Literal tokens

_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
    "\n": "",
    "\r\n": "",
}


def decode_escape(escape: str) -> str:
    """The character(s) a JS escape sequence token (e.g. `\\n`, `\\u{1F600}`) stands for."""
    body = escape[1:]
    if body in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[body]
    try:
        if body.startswith("u{"):
            return chr(int(body[2:-1], 16))
        if body.startswith("u") and len(body) == 5:
            return chr(int(body[1:], 16))
        if body.startswith("x") and len(body) == 3:
            return chr(int(body[1:], 16))
    except ValueError:
        pass
    return body


def string_value(source: SourceText, node: Node) -> str:
    """The value of a `string` node (quotes removed, escapes decoded)."""
    parts: list[str] = []
    for child in node.named_children:
        if child.type == "string_fragment":
            parts.append(source.text(child))
        elif child.type == "escape_sequence":
            parts.append(decode_escape(source.text(child)))
    return _join_surrogates("".join(parts))


def _join_surrogates(text: str) -> str:
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")


def number_value(text: str) -> float | int:
    """The value of a `number` token: a float, or an int for bigint literals (`5n`)."""
    cleaned = text.replace("_", "")
    if cleaned.endswith("n"):
        return int(cleaned[:-1], 0)
    lowered = cleaned.lower()
    if lowered.startswith(("0x", "0o", "0b")):
        return float(int(cleaned, 0))
    if len(cleaned) > 1 and cleaned[0] == "0" and cleaned[1].isdigit() and cleaned.isdigit():
        # Legacy octal (`010`) unless a digit 8/9 makes it decimal.
        return float(int(cleaned, 8)) if all(c in "01234567" for c in cleaned) else float(cleaned)
    return float(cleaned)
