"""Showing untrusted text (names, messages, source lines) without letting it act on a terminal,
a CI log or a parser.

Table, field and index names come from the schema being checked, and messages and code frames
quote them. A name may hold any character Convex accepts in a string: an ESC that moves the
cursor or rewrites the screen, a newline that starts a forged `::error` workflow command, a bidi
override that reorders what a reviewer reads, a NUL or a lone surrogate that makes XML or UTF-8
output invalid. Every reporter passes such text through `visible` (plain text, XML) or
`json_safe` (JSON documents), so these characters are shown as `\\uXXXX` instead of acting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The code points `visible` escapes, as [start, stop) ranges.
UNSAFE_RANGES = (
    (0x00, 0x20),  # C0 controls, including TAB, LF, CR and ESC
    (0x7F, 0x80),  # DEL
    (0x80, 0xA0),  # C1 controls (0x9B is a one-byte CSI on some terminals)
    (0x061C, 0x061D),  # arabic letter mark
    (0x200E, 0x2010),  # left-to-right and right-to-left marks
    (0x2028, 0x202A),  # line and paragraph separators (line breaks for JS and editors)
    (0x202A, 0x202F),  # bidi embeddings and overrides
    (0x2066, 0x206A),  # bidi isolates
    (0xD800, 0xE000),  # lone surrogates: not encodable as UTF-8, not XML characters
    (0xFFFE, 0x10000),  # noncharacters, not XML characters
)

if TYPE_CHECKING:
    UNSAFE: frozenset[int]
    """Every code point of `UNSAFE_RANGES` (made on first use: ~2,300 of them)."""


def is_unsafe(point: int) -> bool:
    """Whether the code point `point` is one `visible` escapes (in `UNSAFE`)."""
    return any(start <= point < stop for start, stop in UNSAFE_RANGES)


def __getattr__(name: str) -> frozenset[int]:
    if name == "UNSAFE":
        unsafe = frozenset().union(*(range(start, stop) for start, stop in UNSAFE_RANGES))
        globals()["UNSAFE"] = unsafe
        return unsafe
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Code points below this are remembered once met, whether escaped or kept; above it only the
# escaped ones are (the table stays small whatever the text holds).
_REMEMBERED_BELOW = 0x3000


class _Escapes(dict[int, str]):
    """The `str.translate` table spelling each code point of `UNSAFE` from `lowest` on as
    `\\uXXXX` (other code points are kept), filled as code points are met: building all 2,300
    escapes costs ~2 ms at every start."""

    def __init__(self, lowest: int) -> None:
        super().__init__()
        self._lowest = lowest

    def __missing__(self, point: int) -> str:
        if point >= self._lowest and is_unsafe(point):
            spelled = f"\\u{point:04x}"
        elif point < _REMEMBERED_BELOW:
            spelled = chr(point)
        else:
            raise LookupError(point)  # translate keeps it
        self[point] = spelled
        return spelled


_ESCAPES = _Escapes(0)
# json.dumps escapes C0 controls inside strings; outside them LF is layout and must stay.
_JSON_ESCAPES = _Escapes(0x20)


def visible(text: str) -> str:
    """`text` with every control, line-separator, bidi-control and surrogate character replaced
    by its `\\uXXXX` spelling; everything else (letters of any script, emoji) is kept."""
    if text.isprintable():
        return text  # every character of UNSAFE is non-printable (a test checks each)
    return text.translate(_ESCAPES)


def json_safe(document: str) -> str:
    """A JSON document (from `json.dumps(..., ensure_ascii=False)`) with the characters of
    `UNSAFE` that JSON leaves raw written as JSON `\\uXXXX` escapes: the same data for a parser,
    harmless on a terminal. (`json.dumps` already escapes C0 controls inside strings.)"""
    if document.isascii():  # O(1); of the ASCII characters translating escapes, DEL is the only one
        return document.replace("\x7f", "\\u007f") if "\x7f" in document else document
    if document.replace("\n", "").isprintable():
        return document  # the layout's line breaks aside, nothing to escape (as in `visible`)
    return document.translate(_JSON_ESCAPES)


def has_unsafe(text: str) -> bool:
    """Whether `text` holds any character that `visible` would escape."""
    return any(is_unsafe(ord(char)) for char in text)
