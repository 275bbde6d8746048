"""JavaScript strings in Python: literal decoding and UTF-16 semantics.

A JS string is a sequence of UTF-16 code units. The evaluator keeps it as a Python `str` in
which every well-formed surrogate pair is joined into one code point and every lone surrogate
stays a lone surrogate code point (`normalize`). That is one value per JS string, so equality,
hashing and dictionary keys work as in JS; lengths, indexes and slices count UTF-16 code units
(`length`, `char_at`, `slice_units`); `<` compares code units (`less_than`).

Lone surrogates cannot be encoded as UTF-8: whatever prints or writes a string must escape
them (`schemalint.export` writes them as JSON `\\udxxx`, as `JSON.stringify` does).
"""

from __future__ import annotations

import re

from schemalint.lazy_pattern import lazy_compile

# WhiteSpace and LineTerminator (ECMA-262 §12.2, §12.3): what `trim()` and `Number("...")` strip.
JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)

_SURROGATE = lazy_compile("[\ud800-\udfff]")
_PAIR = lazy_compile("([\ud800-\udbff])([\udc00-\udfff])")
# An escape sequence, or a raw CR / CRLF line break (which a template literal's value reads as LF).
_TOKEN = lazy_compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])|\r\n?")
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
    # Line continuations: a backslash before a line terminator is removed with it.
    "\n": "",
    "\r": "",
    "\r\n": "",
    "\u2028": "",
    "\u2029": "",
}


def normalize(text: str) -> str:
    """`text` with each high+low surrogate pair joined into one code point (lone ones kept)."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _PAIR.sub(lambda m: chr(0x10000 + ((ord(m[1]) - 0xD800) << 10) + (ord(m[2]) - 0xDC00)), text)


def concat(left: str, right: str) -> str:
    """`left + right`: a lone high surrogate at the end may pair with a lone low one."""
    if left and right and "\ud800" <= left[-1] <= "\udbff" and "\udc00" <= right[0] <= "\udfff":
        return normalize(left + right)
    return left + right


def _decode_one(match: re.Match[str]) -> str:
    body = match[1]
    if body is None:
        return "\n"
    simple = _SIMPLE_ESCAPES.get(body)
    if simple is not None:
        return simple
    if body[0] in "ux" and len(body) > 1:
        code = int(body[2:-1] if body.startswith("u{") else body[1:], 16)
        return chr(code) if code <= 0x10FFFF else body  # above U+10FFFF is a syntax error
    return body  # `\"`, `\\`, `\a` (an unnecessary escape) stand for the character itself


def decode_literal(raw: str, *, template: bool = False) -> str:
    """The value of the text between the quotes (or backticks) of a string literal.

    Template literals also turn CRLF and CR line breaks into LF, as JS does for their value.
    """
    if "\\" not in raw and not (template and "\r" in raw):
        return normalize(raw)
    if not template:
        return normalize(_TOKEN.sub(lambda m: m[0] if m[1] is None else _decode_one(m), raw))
    return normalize(_TOKEN.sub(_decode_one, raw))


def length(text: str) -> int:
    """`text.length`: the number of UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ch > "\uffff")


def _units(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _from_units(data: bytes) -> str:
    return normalize(data.decode("utf-16-le", "surrogatepass"))


def char_at(text: str, index: int) -> str | None:
    """`text[index]` (one UTF-16 code unit, possibly a lone surrogate), None when out of range."""
    if text.isascii():
        return text[index] if 0 <= index < len(text) else None
    units = _units(text)
    if not 0 <= index < len(units) // 2:
        return None
    return units[2 * index : 2 * index + 2].decode("utf-16-le", "surrogatepass")


def slice_units(text: str, start: int, end: int) -> str:
    """`text.slice(start, end)` for already clamped, non-negative code-unit offsets."""
    if text.isascii():
        return text[start:end]
    return _from_units(_units(text)[2 * start : 2 * end])


def code_units(text: str) -> list[str]:
    """The string's UTF-16 code units, one string each (`[..."😀"]` is by code point, not this)."""
    units = _units(text)
    return [units[i : i + 2].decode("utf-16-le", "surrogatepass") for i in range(0, len(units), 2)]


def less_than(left: str, right: str) -> bool:
    """`left < right`: JS compares strings by UTF-16 code units."""
    if left.isascii() and right.isascii():
        return left < right
    return left.encode("utf-16-be", "surrogatepass") < right.encode("utf-16-be", "surrogatepass")


def trim(text: str, *, start: bool = True, end: bool = True) -> str:
    """`trim()`, `trimStart()`, `trimEnd()` with JS's whitespace set."""
    if start and end:
        return text.strip(JS_WHITESPACE)
    return text.lstrip(JS_WHITESPACE) if start else text.rstrip(JS_WHITESPACE)


def is_array_index(key: str) -> bool:
    """Whether a property key is an array index (canonical ASCII digits below 2**32 - 1)."""
    return (
        key.isascii()
        and key.isdigit()
        and (key == "0" or not key.startswith("0"))
        and len(key) <= 10
        and int(key) < 2**32 - 1
    )


def escape_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate written as `\\udxxx` (for JSON text, as JSON.stringify)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
