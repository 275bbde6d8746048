"""JavaScript semantics over evaluator values: conversions, truthiness, limits, object building
(the operators are in `js_operators`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from schemalint.diagnostics import Span
from schemalint.intdigits import int_to_decimal
from schemalint.parser import js_numbers, js_strings
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    Closure,
    JSArray,
    JSObject,
    Prim,
    Property,
    Shadowing,
    Unknown,
    Value,
)
from schemalint.records import dataclass

if TYPE_CHECKING:
    pass


def unknown_from(value: Value, reason: str) -> Unknown:
    """Propagate an Unknown (keeping its root cause), or make a new one for a known value."""
    if isinstance(value, Unknown):
        return Unknown(value.reason, value.span, value.quiet)
    return Unknown(f"{reason} ({value.describe()})", value.span)


@dataclass(eq=False)
class Thrown(Unknown):
    """What Convex throws evaluating this (`RangeError: Invalid string length`...): the value
    is unknown, and the evaluator reports an `evaluation-error` once (`Evaluator.report_throw`)."""

    error: str = ""
    reported: bool = False


def thrown(error: str, span: Span | None) -> Thrown:
    """A JS exception thrown where `span` is evaluated (`error`: "RangeError: ...")."""
    return Thrown(f"`{error}` is thrown here", span, error=error)


@dataclass(eq=False)
class LongString(Unknown):
    """A string longer than schemalint's budget: its text is not kept, its length is, so that
    growing it past V8's limit is still Convex's RangeError."""

    length: int = 0


def long_string_or_error(length: int, span: Span | None) -> Value:
    """The value of a string of `length` UTF-16 code units too long to keep."""
    if length > JS_MAX_STRING_LENGTH:
        return thrown("RangeError: Invalid string length", span)
    reason = f"a string longer than {MAX_STRING_LENGTH:,} characters is not evaluated"
    return LongString(reason, span, length=length)


def from_python(data: Any, span: Span | None) -> Value:
    """A JSON-like Python value as an evaluator value."""
    if isinstance(data, dict):
        obj = JSObject(span=span)
        for key, item in data.items():
            obj.props[str(key)] = Property(from_python(item, span), span, span)
        return obj
    if isinstance(data, list):
        return JSArray([from_python(item, span) for item in data], span)
    if isinstance(data, bool) or data is None or isinstance(data, str):
        return Prim(data, span)
    if isinstance(data, int | float):
        return Prim(float(data), span)
    return Unknown("unsupported JSON value", span)


# ------------------------------------------------------------------------------ coercions

# Our budget for bigints: a schema needs 64 bits; larger results become unknown.
MAX_BIGINT_BITS = 1 << 16
# Our budget for strings, in UTF-16 code units: longer results become unknown.
MAX_STRING_LENGTH = 1 << 20
# V8's longest string (String::kMaxLength on 64-bit): longer is a RangeError in JS.
JS_MAX_STRING_LENGTH = (1 << 29) - 24


def number_to_string(number: float) -> str:
    """JS `String(number)`."""
    return js_numbers.number_to_string(number)


def to_string(value: Value, depth: int = 0) -> str | None:
    """ToString, or None when it cannot be computed. Arrays join their items; a plain object
    without its own `toString`/`valueOf` is "[object Object]"."""
    if isinstance(value, JSArray):
        return _array_to_string(value, depth)
    if isinstance(value, JSObject):
        plain = value.proto is None and not value.unknown_parts
        own = value.props.keys() & {"toString", "valueOf", "toJSON"}
        return "[object Object]" if plain and not own else None
    if not isinstance(value, Prim):
        return None
    v = value.value
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    if isinstance(v, BigInt):
        return int_to_decimal(v.value)
    if isinstance(v, float):
        return number_to_string(v)
    return None


def _array_to_string(array: JSArray, depth: int) -> str | None:
    """`Array.prototype.join(",")` of `array`, within the string budget."""
    if array.unknown is not None or depth > 32:
        return None
    parts: list[str] = []
    total = 0
    for item in array.items:
        nullish = isinstance(item, Prim) and item.value in (None, UNDEFINED)
        text = "" if nullish else to_string(item, depth + 1)
        if text is None:
            return None
        total += len(text) + 1
        if total > MAX_STRING_LENGTH:
            return None
        parts.append(text)
    return js_strings.normalize(",".join(parts))


def to_primitive(value: Value) -> Value:
    """An array or plain object as the string JS converts it to (ToPrimitive); others as they are."""
    if isinstance(value, JSArray | JSObject):
        text = to_string(value)
        if text is not None:
            return Prim(text, value.span)
    return value


def to_number(value: Prim) -> float | None:
    """ToNumber of a primitive; None for a bigint (a TypeError in JS)."""
    v = value.value
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, float):
        return v
    if v is None:
        return 0.0
    if v is UNDEFINED:
        return math.nan
    if isinstance(v, str):
        return js_numbers.string_to_number(v)
    return None


def truthy(value: Value) -> bool | None:
    """JS truthiness, or None when unknown."""
    if isinstance(value, Prim):
        v = value.value
        if isinstance(v, BigInt):
            return v.value != 0
        if isinstance(v, float):
            return not (v == 0 or math.isnan(v))
        if v is UNDEFINED or v is None:
            return False
        return bool(v)
    if isinstance(value, Unknown):
        return None
    return True


def type_of(value: Value, span: Span) -> Value:
    if isinstance(value, Prim):
        v = value.value
        name = (
            "string"
            if isinstance(v, str)
            else "boolean"
            if isinstance(v, bool)
            else "number"
            if isinstance(v, float)
            else "bigint"
            if isinstance(v, BigInt)
            else "undefined"
            if v is UNDEFINED
            else "object"
        )
        return Prim(name, span)
    if isinstance(value, Builtin | Closure):
        return Prim("function", span)
    if isinstance(value, Unknown):
        return unknown_from(value, "typeof")
    return Prim("object", span)


# ------------------------------------------------------------------------------ objects


def put(target: JSObject, key: str, prop: Property) -> None:
    """Assign `key` while building an object literal, recording a key written twice."""
    existing = target.props.get(key)
    if existing is not None:
        target.shadowed.append(Shadowing(key, existing, prop))
    target.props[key] = prop


def spread_into(target: JSObject, spread: Value, span: Span, text: str) -> None:
    """`{...spread}` into `target` (later keys win, keeping the first key's position)."""
    if isinstance(spread, JSObject):
        for key, prop in spread.ordered_items():
            put(target, key, Property(prop.value, prop.key_span, prop.span, prop.doc, span, text))
        target.unknown_parts.extend(spread.unknown_parts)
        target.shadowed.extend(spread.shadowed)  # duplicate keys written inside the spread object
        return
    if isinstance(spread, Prim) and spread.value in (None, UNDEFINED):
        return
    if isinstance(spread, JSArray) and spread.unknown is None:
        for index, item in enumerate(spread.items):
            put(target, str(index), Property(item, span, span, None, span, text))
        return
    if isinstance(spread, Prim) and isinstance(spread.value, str):  # one key per UTF-16 unit
        for index, unit in enumerate(js_strings.code_units(spread.value)):
            put(target, str(index), Property(Prim(unit, span), span, span, None, span, text))
        return
    if isinstance(spread, Prim):
        return
    if isinstance(spread, JSArray) and spread.unknown is not None:
        target.unknown_parts.append(unknown_from(spread.unknown, ""))
        return
    target.unknown_parts.append(unknown_from(spread, f"`{text}` cannot be spread into an object"))
