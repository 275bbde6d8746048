"""Escaping for GitHub-flavoured Markdown: any string becomes inert text that cannot break a
table row, start a code span, emphasis, link or heading, or inject HTML.

Every function returns Markdown that is safe inside a table cell: no raw `|`, no newline.
"""

from __future__ import annotations

import functools
import re

from schemalint.convex_syntax import visible

# Characters that can start inline Markdown (or GitHub math) wherever they appear.
_INLINE = frozenset("\\`*[]|~$#")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters written as character references inside `<code>`, where Markdown still applies.
_CODE_ESCAPES = frozenset("\\`*_[]|~$#!&<>\"'")
# Block markers that matter only at the start of a paragraph.
_LEADING_MARKER = re.compile(r"^([-+=]|\d+(?=[.)]))")
# What `text` escapes: the entities, the inline characters, and `_` unless it stands between two
# word characters (`snake_case` stays readable; `_x`, `x_` and `a _ b` could start emphasis).
_TEXT_SPECIAL = re.compile(r"[&<>\\`*\[\]|~$#]|(?<!\w)_|_(?!\w)")
_TEXT_ESCAPES = {**_ENTITIES, **{char: "\\" + char for char in _INLINE}, "_": "\\_"}
_SAFE_CODE = re.compile(r"^[^`|\s](?:[^`|]*[^`|\s])?\Z")
_SAFE_HREF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:#[A-Za-z0-9_-]+)?\Z|^#[A-Za-z0-9_-]+\Z")


def text(value: str) -> str:
    """`value` as literal Markdown text (newlines become spaces)."""
    value = _TEXT_SPECIAL.sub(_escape_special, visible_text(value).strip())
    return _LEADING_MARKER.sub(_escape_marker, value, count=1)


def _escape_special(match: re.Match[str]) -> str:
    return _TEXT_ESCAPES[match.group()]


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(1)
    return f"{marker}\\" if marker[0].isdigit() else f"\\{marker}"


def visible_text(value: str) -> str:
    """`value` on one line: newlines and tabs as spaces, other invisible characters escaped."""
    if value.isprintable():  # no newline, tab or other invisible character
        return value
    value = re.sub(r"[\r\n\t]+", " ", value)
    return "".join(char if char in "\u200c\u200d" else visible(char) for char in value)


@functools.lru_cache(maxsize=4096)  # field paths and types repeat across pages
def code(value: str) -> str:
    """`value` as inline code: a backtick code span when that is safe in a table, else an
    HTML `<code>` element whose every punctuation character is a character reference."""
    value = visible(value)
    if _SAFE_CODE.match(value):
        return f"`{value}`"
    return "<code>" + "".join(f"&#{ord(c)};" if c in _CODE_ESCAPES else c for c in value) + "</code>"


def link(label_md: str, href: str) -> str:
    """A link whose label is already Markdown and whose target is a generated file or anchor."""
    if not _SAFE_HREF.match(href):
        raise ValueError(f"unsafe link target {href!r}")
    return f"[{label_md}]({href})"


def lines(blocks: tuple[str, ...]) -> str:
    """Plain-text blocks as one table cell: each escaped, joined with `<br>`."""
    return "<br>".join(text(block) for block in blocks)
