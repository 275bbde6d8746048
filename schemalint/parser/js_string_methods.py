"""String members: `length`, indexes and the string methods, with UTF-16 semantics."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.parser import js_numbers, js_strings
from schemalint.parser.budget import bounded_array
from schemalint.parser.js import (
    MAX_STRING_LENGTH,
    long_string_or_error,
    number_to_string,
    thrown,
    to_number,
    to_string,
)
from schemalint.parser.values import UNDEFINED, Builtin, CallSite, JSArray, Prim, Unknown, Value

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


def _string_args(args: list[Value], count: int) -> list[str] | None:
    texts = [to_string(a) for a in args[:count]]
    return None if any(t is None for t in texts) or len(texts) < count else [t or "" for t in texts]


def integer_arg(args: list[Value], index: int, default: float) -> float | None:
    """ToIntegerOrInfinity of argument `index` (`default` when absent or undefined)."""
    if index >= len(args) or (isinstance(args[index], Prim) and args[index].value is UNDEFINED):  # type: ignore[attr-defined]
        return default
    arg = args[index]
    number = to_number(arg) if isinstance(arg, Prim) else None
    return None if number is None else js_numbers.to_integer(number)


# What strings, numbers, booleans and bigints inherit: any other property reads `undefined`.
INHERITED = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)
STRING_PROTOTYPE = frozenset(
    {
        "at",
        "charAt",
        "charCodeAt",
        "codePointAt",
        "concat",
        "endsWith",
        "includes",
        "indexOf",
        "isWellFormed",
        "lastIndexOf",
        "localeCompare",
        "match",
        "matchAll",
        "normalize",
        "padEnd",
        "padStart",
        "repeat",
        "replace",
        "replaceAll",
        "search",
        "slice",
        "split",
        "startsWith",
        "substr",
        "substring",
        "toLocaleLowerCase",
        "toLocaleUpperCase",
        "toLowerCase",
        "toUpperCase",
        "toWellFormed",
        "trim",
        "trimEnd",
        "trimStart",
        "trimLeft",
        "trimRight",
        "anchor",
        "big",
        "blink",
        "bold",
        "fixed",
        "fontcolor",
        "fontsize",
        "italics",
        "link",
        "small",
        "strike",
        "sub",
        "sup",
        "length",
    }
)
NUMBER_PROTOTYPE = frozenset({"toExponential", "toFixed", "toPrecision"})


def string_member(text: str, name: str, span: Span | None) -> Value:
    """`"text".name`: `length`, indexes and the string methods schemas use."""
    if name == "length":
        return Prim(float(js_strings.length(text)), span)
    if js_strings.is_array_index(name):
        char = js_strings.char_at(text, int(name))
        return Prim(char, span) if char is not None else Prim(UNDEFINED, span)
    method = _STRING_METHODS.get(name)
    if method is None:
        if name not in STRING_PROTOTYPE and name not in INHERITED:
            return Prim(UNDEFINED, span)  # strings have no such property
        return Unknown(f"the string method `.{name}` cannot be evaluated", span)

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        result = method(text, args)
        if result is None:
            return Unknown(f"`.{name}(...)` cannot be evaluated", site.span)
        if isinstance(result, Value):
            if isinstance(result, _SPANNED) and result.span is None:
                result.span = site.span
            return result
        if isinstance(result, str) and js_strings.length(result) > MAX_STRING_LENGTH:
            return Unknown(
                f"a string longer than {MAX_STRING_LENGTH:,} characters is not evaluated", site.span
            )
        return Prim(result, site.span)

    return Builtin(f"String.{name}", impl)


StringResult = str | float | bool | Value | None
# The values a string method gives (each placed where it is called when it has no span yet).
_SPANNED = (Prim, JSArray, Unknown)


def _slice(text: str, args: list[Value]) -> StringResult:
    size = js_strings.length(text)
    start, end = integer_arg(args, 0, 0.0), integer_arg(args, 1, math.inf)
    if start is None or end is None:
        return None
    first, last = js_numbers.relative_index(start, size), js_numbers.relative_index(end, size)
    return js_strings.slice_units(text, first, max(first, last))


def _substring(text: str, args: list[Value]) -> StringResult:
    size = js_strings.length(text)
    start, end = integer_arg(args, 0, 0.0), integer_arg(args, 1, math.inf)
    if start is None or end is None:
        return None
    first, last = (int(min(max(x, 0), size)) for x in (start, end))
    return js_strings.slice_units(text, min(first, last), max(first, last))


def _at(text: str, args: list[Value]) -> StringResult:
    index = integer_arg(args, 0, 0.0)
    if index is None:
        return None
    size = js_strings.length(text)
    position = index + size if index < 0 else index
    char = js_strings.char_at(text, int(position)) if 0 <= position < size else None
    return Prim(char) if char is not None else Prim(UNDEFINED)


def _char_at(text: str, args: list[Value]) -> StringResult:
    index = integer_arg(args, 0, 0.0)
    if index is None:
        return None
    char = js_strings.char_at(text, int(index)) if 0 <= index < js_strings.length(text) else None
    return char or ""


def _search(kind: str) -> Callable[[str, list[Value]], StringResult]:
    def impl(text: str, args: list[Value]) -> StringResult:
        strings = _string_args(args, 1)
        if strings is None or len(args) > 1 or not text.isascii() or not strings[0].isascii():
            return None  # positions count UTF-16 code units: only the plain case is modelled
        needle = strings[0]
        if kind == "includes":
            return needle in text
        if kind == "startsWith":
            return text.startswith(needle)
        if kind == "endsWith":
            return text.endswith(needle)
        return float(text.find(needle) if kind == "indexOf" else text.rfind(needle))

    return impl


def _pad(at_start: bool) -> Callable[[str, list[Value]], StringResult]:
    def impl(text: str, args: list[Value]) -> StringResult:
        target = integer_arg(args, 0, 0.0)
        filler = _string_args(args[1:], 1) if len(args) > 1 else [" "]
        if target is None or filler is None or not text.isascii() or not filler[0].isascii():
            return None
        missing = int(max(min(target, MAX_STRING_LENGTH + 1), 0)) - len(text)
        if missing <= 0 or not filler[0]:
            return text
        padding = (filler[0] * (missing // len(filler[0]) + 1))[:missing]
        return padding + text if at_start else text + padding

    return impl


def _repeat(text: str, args: list[Value]) -> StringResult:
    count = integer_arg(args, 0, 0.0)
    if count is None:
        return None
    if count < 0 or math.isinf(count):
        return thrown(f"RangeError: Invalid count value: {number_to_string(count)}", None)
    if not text or count == 0:
        return ""
    total = js_strings.length(text) * int(count)
    if total > MAX_STRING_LENGTH:
        return long_string_or_error(total, None)
    return text * int(count)


def _split(text: str, args: list[Value]) -> StringResult:
    if not args or (isinstance(args[0], Prim) and args[0].value is UNDEFINED):
        return JSArray([Prim(text)])
    strings = _string_args(args, 1)
    if strings is None or not (isinstance(args[0], Prim) and isinstance(args[0].value, str)):
        return None  # a regular expression
    separator = strings[0]
    if any("\ud800" <= ch <= "\udfff" for ch in separator):
        return None  # a lone surrogate may split a pair: code units, not code points
    pieces = js_strings.code_units(text) if separator == "" else text.split(separator)
    limit = args[1] if len(args) > 1 else Prim(UNDEFINED)
    if not (isinstance(limit, Prim) and limit.value is UNDEFINED):
        number = to_number(limit) if isinstance(limit, Prim) else None
        if number is None:
            return None
        pieces = pieces[: js_numbers.to_uint32(number)]
    return bounded_array([Prim(piece) for piece in pieces], None)


def _replace(every: bool) -> Callable[[str, list[Value]], StringResult]:
    def impl(text: str, args: list[Value]) -> StringResult:
        if len(args) < 2 or not all(isinstance(a, Prim) and isinstance(a.value, str) for a in args[:2]):
            return None  # regular expressions and replacer functions are not modelled
        strings = _string_args(args, 2)
        assert strings is not None
        needle, replacement = strings
        if "$" in replacement:
            return None  # `$&`, `$1`... patterns
        result = text.replace(needle, replacement) if every else text.replace(needle, replacement, 1)
        return None if len(result) > MAX_STRING_LENGTH else js_strings.normalize(result)

    return impl


def _concat(text: str, args: list[Value]) -> StringResult:
    strings = _string_args(args, len(args))
    if strings is None:
        return None
    result = text
    for piece in strings:
        if len(result) + len(piece) > MAX_STRING_LENGTH:
            return None
        result = js_strings.concat(result, piece)
    return result


_STRING_METHODS: dict[str, Callable[[str, list[Value]], StringResult]] = {
    "toUpperCase": lambda text, args: text.upper(),
    "toLowerCase": lambda text, args: text.lower(),
    "trim": lambda text, args: js_strings.trim(text),
    "trimStart": lambda text, args: js_strings.trim(text, end=False),
    "trimEnd": lambda text, args: js_strings.trim(text, start=False),
    "toString": lambda text, args: text,
    "valueOf": lambda text, args: text,
    "slice": _slice,
    "substring": _substring,
    "at": _at,
    "charAt": _char_at,
    "includes": _search("includes"),
    "startsWith": _search("startsWith"),
    "endsWith": _search("endsWith"),
    "indexOf": _search("indexOf"),
    "lastIndexOf": _search("lastIndexOf"),
    "padStart": _pad(True),
    "padEnd": _pad(False),
    "repeat": _repeat,
    "split": _split,
    "replace": _replace(False),
    "replaceAll": _replace(True),
    "concat": _concat,
}
