"""JavaScript semantics over evaluator values: conversions, truthiness, operators, object building."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from schemalint.diagnostics import Span
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

if TYPE_CHECKING:
    pass


def unknown_from(value: Value, reason: str) -> Unknown:
    """Propagate an Unknown (keeping its root cause), or make a new one for a known value."""
    if isinstance(value, Unknown):
        return Unknown(value.reason, value.span, value.quiet)
    return Unknown(f"{reason} ({value.describe()})", value.span)


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


def number_to_string(number: float) -> str:
    """JS `String(number)` for the common cases."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa.removesuffix('.0')}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def to_string(value: Value) -> str | None:
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
        return str(v.value)
    if isinstance(v, float):
        return number_to_string(v)
    return None


def to_number(value: Prim) -> float | None:
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
        try:
            return float(v.strip()) if v.strip() else 0.0
        except ValueError:
            return math.nan
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


def strict_equal(left: Prim, right: Prim) -> bool:
    a, b = left.value, right.value
    if type(a) is not type(b):
        return False
    return bool(a == b)


def binary(operator: str, left: Value, right: Value, span: Span) -> Value:
    """A binary operator applied to two values (numbers, strings, bigints, equality)."""
    if isinstance(left, Unknown):
        return unknown_from(left, "")
    if isinstance(right, Unknown):
        return unknown_from(right, "")
    if not isinstance(left, Prim) or not isinstance(right, Prim):
        if operator in ("===", "!=="):
            same = left is right
            return Prim(same if operator == "===" else not same, span)
        return Unknown(f"`{operator}` on {left.describe()} and {right.describe()} cannot be evaluated", span)
    if operator in ("===", "!=="):
        equal = strict_equal(left, right)
        return Prim(equal if operator == "===" else not equal, span)
    if operator in ("==", "!="):
        loose = left.value in (None, UNDEFINED) and right.value in (None, UNDEFINED)
        equal = loose or strict_equal(left, right)
        return Prim(equal if operator == "==" else not equal, span)
    if operator == "+" and (isinstance(left.value, str) or isinstance(right.value, str)):
        a, b = to_string(left), to_string(right)
        if a is None or b is None:
            return Unknown("string concatenation cannot be evaluated", span)
        return Prim(a + b, span)
    if isinstance(left.value, BigInt) and isinstance(right.value, BigInt):
        return _bigint_binary(operator, left.value.value, right.value.value, span)
    a_num, b_num = to_number(left), to_number(right)
    if a_num is None or b_num is None:
        return Unknown(f"`{operator}` cannot be evaluated here", span)
    return _number_binary(operator, a_num, b_num, span)


def _bigint_binary(operator: str, a: int, b: int, span: Span) -> Value:
    results: dict[str, Any] = {
        "+": lambda: BigInt(a + b),
        "-": lambda: BigInt(a - b),
        "*": lambda: BigInt(a * b),
        "**": lambda: BigInt(a**b) if b >= 0 and b < 4096 else None,
        "<": lambda: a < b,
        ">": lambda: a > b,
        "<=": lambda: a <= b,
        ">=": lambda: a >= b,
    }
    compute = results.get(operator)
    result = compute() if compute is not None else None
    if result is None:
        return Unknown(f"bigint `{operator}` cannot be evaluated", span)
    return Prim(result, span)


def _number_binary(operator: str, a: float, b: float, span: Span) -> Value:
    try:
        if operator == "+":
            return Prim(a + b, span)
        if operator == "-":
            return Prim(a - b, span)
        if operator == "*":
            return Prim(a * b, span)
        if operator == "/":
            if b == 0:
                return Prim(
                    math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * math.copysign(1, b),
                    span,
                )
            return Prim(a / b, span)
        if operator == "%":
            return Prim(math.fmod(a, b) if b != 0 else math.nan, span)
        if operator == "**":
            return Prim(float(a**b), span)
        if operator in ("<", ">", "<=", ">="):
            result = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]
            return Prim(result, span)
    except (OverflowError, ValueError, ZeroDivisionError):
        return Unknown(f"`{operator}` overflowed", span)
    return Unknown(f"`{operator}` cannot be evaluated", span)


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
    if isinstance(spread, JSArray):
        for index, item in enumerate(spread.items):
            put(target, str(index), Property(item, span, span, None, span, text))
        return
    if isinstance(spread, Prim):
        return
    target.unknown_parts.append(unknown_from(spread, f"`{text}` cannot be spread into an object"))
