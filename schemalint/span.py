"""`Span`: where something is written in a source file, packed into one integer.

A big schema's IR holds a span for nearly every validator, field, index and table (266,000 at
5,000 tables), so their size matters: a 5-tuple takes 88 bytes, one integer 56. The file is
stored as a small number (`file_key`: each path is numbered once per process) and the four
positions as 27-bit fields; `file`, `line`, `column`, `end_line` and `end_column` decode them.

Positions that do not fit (beyond 2**27 - 1, or negative: no parsed file can produce them, as
files over 64 MiB are not parsed) are kept whole in a side table and the integer holds their
index there, so every span round-trips exactly. Two spans are equal exactly when their five
values are; ordering is that of the 5-tuples.
"""

from __future__ import annotations

import threading
from typing import Any

# Layout of a packed span, from the lowest bit: 1 tag bit (0: packed here, 1: an index into
# `_WIDE`), then end column, end line, column and line (27 bits each), then the file's number
# plus one (so that no span is the integer 0, which would be false).
POSITION_BITS = 27
POSITION_LIMIT = 1 << POSITION_BITS  # positions must be below this to be packed
END_COLUMN_SHIFT = 1
END_LINE_SHIFT = END_COLUMN_SHIFT + POSITION_BITS
COLUMN_SHIFT = END_LINE_SHIFT + POSITION_BITS
LINE_SHIFT = COLUMN_SHIFT + POSITION_BITS
FILE_SHIFT = LINE_SHIFT + POSITION_BITS
_MASK = POSITION_LIMIT - 1

_paths: list[str] = [""]  # index 0 unused: a file's number is its index here
_keys: dict[str, int] = {}  # path -> its number shifted into place (`file_key`)
_wide: list[tuple[str, int, int, int, int]] = []
_wide_index: dict[tuple[str, int, int, int, int], int] = {}
_lock = threading.Lock()


def file_key(path: str) -> int:
    """`path`'s number in its place in a packed span: a span of `path` is this key OR-ed with
    its positions shifted by the `*_SHIFT` constants (each below `POSITION_LIMIT`)."""
    key = _keys.get(path)
    if key is None:
        with _lock:
            key = _keys.get(path)
            if key is None:
                _paths.append(path)
                key = _keys[path] = (len(_paths) - 1) << FILE_SHIFT
    return key


def _wide_number(values: tuple[str, int, int, int, int]) -> int:
    """The packed form of a span whose positions do not fit: its index in the side table."""
    index = _wide_index.get(values)
    if index is None:
        with _lock:
            index = _wide_index.get(values)
            if index is None:
                index = _wide_index[values] = len(_wide)
                _wide.append(values)
    return index << 1 | 1


class Span(int):
    """A range in a source file. Lines and columns are 1-based; columns count characters.

    `file` is the path as given to the parser (absolute); reporters make it relative.
    """

    __slots__ = ()
    __match_args__ = ("file", "line", "column", "end_line", "end_column")

    def __new__(cls, file: str, line: int, column: int, end_line: int, end_column: int) -> Span:
        limit = POSITION_LIMIT
        if 0 <= line < limit and 0 <= column < limit and 0 <= end_line < limit and 0 <= end_column < limit:
            packed = (
                file_key(file)
                | line << LINE_SHIFT
                | column << COLUMN_SHIFT
                | end_line << END_LINE_SHIFT
                | end_column << END_COLUMN_SHIFT
            )
        else:
            packed = _wide_number((file, line, column, end_line, end_column))
        return int.__new__(cls, packed)

    @property
    def file(self) -> str:
        if self & 1:
            return _wide[self >> 1][0]
        return _paths[self >> FILE_SHIFT]

    @property
    def line(self) -> int:
        if self & 1:
            return _wide[self >> 1][1]
        return self >> LINE_SHIFT & _MASK

    @property
    def column(self) -> int:
        if self & 1:
            return _wide[self >> 1][2]
        return self >> COLUMN_SHIFT & _MASK

    @property
    def end_line(self) -> int:
        if self & 1:
            return _wide[self >> 1][3]
        return self >> END_LINE_SHIFT & _MASK

    @property
    def end_column(self) -> int:
        if self & 1:
            return _wide[self >> 1][4]
        return self >> END_COLUMN_SHIFT & _MASK

    def as_tuple(self) -> tuple[str, int, int, int, int]:
        """(file, line, column, end_line, end_column)."""
        if self & 1:
            return _wide[self >> 1]
        return (
            _paths[self >> FILE_SHIFT],
            self >> LINE_SHIFT & _MASK,
            self >> COLUMN_SHIFT & _MASK,
            self >> END_LINE_SHIFT & _MASK,
            self >> END_COLUMN_SHIFT & _MASK,
        )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def __repr__(self) -> str:
        file, line, column, end_line, end_column = self.as_tuple()
        positions = f"line={line}, column={column}, end_line={end_line}, end_column={end_column}"
        return f"Span(file={file!r}, {positions})"

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)

    # Ordered as the 5-tuples (by path first), not by the packed numbers.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.as_tuple() < other.as_tuple()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.as_tuple() <= other.as_tuple()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.as_tuple() > other.as_tuple()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.as_tuple() >= other.as_tuple()

    # File numbers belong to this process: copies and pickles carry the five values.
    def __reduce__(self) -> tuple[Any, ...]:
        return (Span, self.as_tuple())

    def __copy__(self) -> Span:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Span:
        return self


# The bits of a packed span below its start column: its end line and end column, and the tag
# bit (0 when the span is packed here, 1 when it indexes the side table of wide spans).
_END_FIELDS = (1 << COLUMN_SHIFT) - 1


def span_through(start: Span, end: Span) -> Span:
    """The span from where `start` starts to where `end` ends, in `end`'s file: two packed
    spans of one file are joined by their bits (what the constructor would pack from the five
    decoded values), any other pair through the constructor."""
    if not (start | end) & 1 and start >> FILE_SHIFT == end >> FILE_SHIFT:
        return int.__new__(Span, start & ~_END_FIELDS | end & _END_FIELDS)
    return Span(end.file, start.line, start.column, end.end_line, end.end_column)
