"""JavaScript semantics over evaluator values: conversions, truthiness, operators, object building."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
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


def _string_length(value: Value) -> int | None:
    """The length of a string operand of `+` (a long one or a primitive), None when unknown."""
    if isinstance(value, LongString):
        return value.length
    if isinstance(value, Prim):
        text = to_string(value)
        return js_strings.length(text) if text is not None else None
    return None


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


def strict_equal(left: Prim, right: Prim) -> bool:
    """`===` (NaN is not equal to itself; +0 equals -0)."""
    a, b = left.value, right.value
    if type(a) is not type(b):
        return False
    return bool(a == b)


def same_value_zero(left: Prim, right: Prim) -> bool:
    """SameValueZero (`includes`, `Set`): `===` except that NaN equals NaN."""
    a, b = left.value, right.value
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return strict_equal(left, right)


def loose_equal(left: Prim, right: Prim) -> bool:
    """`==` between primitives (IsLooselyEqual)."""
    a, b = left.value, right.value
    if type(a) is type(b):
        return strict_equal(left, right)
    nullish = (None, UNDEFINED)
    if a in nullish or b in nullish:
        return a in nullish and b in nullish
    if isinstance(a, bool):
        return loose_equal(Prim(1.0 if a else 0.0), right)
    if isinstance(b, bool):
        return loose_equal(left, Prim(1.0 if b else 0.0))
    if isinstance(a, BigInt) or isinstance(b, BigInt):
        big, other = (a, b) if isinstance(a, BigInt) else (b, a)
        assert isinstance(big, BigInt)
        if isinstance(other, str):
            parsed = js_numbers.string_to_bigint(other)
            return parsed is not None and parsed == big.value
        return isinstance(other, float) and not math.isnan(other) and big.value == other
    number_a = to_number(left)
    number_b = to_number(right)
    return number_a is not None and number_a == number_b


def _compare(left: Prim, right: Prim) -> bool | None:
    """`left < right` (IsLessThan); None when JS's answer is `undefined` (NaN involved)."""
    a, b = left.value, right.value
    if isinstance(a, str) and isinstance(b, str):
        return js_strings.less_than(a, b)
    if isinstance(a, BigInt) and isinstance(b, str):
        parsed = js_numbers.string_to_bigint(b)
        return None if parsed is None else a.value < parsed
    if isinstance(a, str) and isinstance(b, BigInt):
        parsed = js_numbers.string_to_bigint(a)
        return None if parsed is None else parsed < b.value
    numeric_a: float | int | None = a.value if isinstance(a, BigInt) else to_number(left)
    numeric_b: float | int | None = b.value if isinstance(b, BigInt) else to_number(right)
    if numeric_a is None or numeric_b is None:
        return None
    if isinstance(numeric_a, float) and math.isnan(numeric_a):
        return None
    if isinstance(numeric_b, float) and math.isnan(numeric_b):
        return None
    return numeric_a < numeric_b  # Python compares ints and floats exactly, as JS does


def _relational(operator: str, left: Prim, right: Prim) -> bool:
    if operator == "<":
        return _compare(left, right) is True
    if operator == ">":
        return _compare(right, left) is True
    reverse = _compare(right, left) if operator == "<=" else _compare(left, right)
    return reverse is False


def concat_strings(left: str, right: str, span: Span | None) -> Value:
    """`left + right` within the string budget (beyond V8's limit it is a RangeError)."""
    if len(left) + len(right) > MAX_STRING_LENGTH:
        units = js_strings.length(left) + js_strings.length(right)
        if units > MAX_STRING_LENGTH:
            return long_string_or_error(units, span)
    return Prim(js_strings.concat(left, right), span)


def _concat_long(left: Value, right: Value, span: Span) -> Value | None:
    """`left + right` when one side is a `LongString`; None when the other side is unknown."""
    left_length, right_length = _string_length(left), _string_length(right)
    if left_length is None or right_length is None:
        return None
    return long_string_or_error(left_length + right_length, span)


def binary(operator: str, left: Value, right: Value, span: Span) -> Value:
    """A binary operator applied to two values (numbers, strings, bigints, equality)."""
    if operator == "+" and (isinstance(left, LongString) or isinstance(right, LongString)):
        long = _concat_long(left, right, span)
        if long is not None:
            return long
    if isinstance(left, Unknown):
        return unknown_from(left, "")
    if isinstance(right, Unknown):
        return unknown_from(right, "")
    objects = not isinstance(left, Prim) and not isinstance(right, Prim)
    if operator not in ("===", "!==") and not (objects and operator in ("==", "!=")):
        left, right = to_primitive(left), to_primitive(right)
    if not isinstance(left, Prim) or not isinstance(right, Prim):
        if operator in ("===", "!=="):
            same = left is right
            return Prim(same if operator == "===" else not same, span)
        if operator in ("==", "!=") and not isinstance(left, Prim) and not isinstance(right, Prim):
            same = left is right
            return Prim(same if operator == "==" else not same, span)
        return Unknown(f"`{operator}` on {left.describe()} and {right.describe()} cannot be evaluated", span)
    if operator in ("===", "!=="):
        equal = strict_equal(left, right)
        return Prim(equal if operator == "===" else not equal, span)
    if operator in ("==", "!="):
        equal = loose_equal(left, right)
        return Prim(equal if operator == "==" else not equal, span)
    if operator in ("<", ">", "<=", ">="):
        return Prim(_relational(operator, left, right), span)
    if operator == "+" and (isinstance(left.value, str) or isinstance(right.value, str)):
        a, b = to_string(left), to_string(right)
        if a is None or b is None:
            return Unknown("string concatenation cannot be evaluated", span)
        return concat_strings(a, b, span)
    if isinstance(left.value, BigInt) and isinstance(right.value, BigInt):
        return _bigint_binary(operator, left.value.value, right.value.value, span)
    if isinstance(left.value, BigInt) or isinstance(right.value, BigInt):
        return thrown("TypeError: Cannot mix BigInt and other types, use explicit conversions", span)
    a_num, b_num = to_number(left), to_number(right)
    if a_num is None or b_num is None:
        return Unknown(f"`{operator}` cannot be evaluated here", span)
    return _number_binary(operator, a_num, b_num, span)


def unary(operator: str, argument: Prim, span: Span) -> Value:
    """`!x`, `-x`, `+x`, `~x` of a primitive."""
    value = argument.value
    if operator == "!":
        truth = truthy(argument)
        return Prim(not truth, span) if truth is not None else Unknown("cannot evaluate `!`", span)
    if isinstance(value, BigInt):
        if operator == "-":
            return Prim(BigInt(-value.value), span)
        if operator == "~":
            return Prim(BigInt(~value.value), span)
        return thrown("TypeError: Cannot convert a BigInt value to a number", span)
    number = to_number(argument)
    if number is None or operator not in ("-", "+", "~"):
        return Unknown(f"`{operator}` of {argument.describe()} cannot be evaluated", span)
    if operator == "~":
        return Prim(float(~js_numbers.to_int32(number)), span)
    return Prim(-number if operator == "-" else number, span)


def _bigint_result_bits(operator: str, a: int, b: int) -> int:
    """An upper bound of the size of `a <operator> b`, in bits, computed without computing it."""
    if operator == "*":
        return a.bit_length() + b.bit_length()
    if operator == "**":
        if abs(a) <= 1 or b <= 0:
            return 1
        return (a.bit_length() - (1 if a & (a - 1) == 0 else 0)) * b + 1 if b < 2**40 else 2**62
    if operator == "<<":
        return a.bit_length() + b if b < 2**40 else 2**62
    return max(a.bit_length(), b.bit_length()) + 1


def _bigint_binary(operator: str, a: int, b: int, span: Span) -> Value:
    if operator not in ("+", "-", "*", "/", "%", "**", "&", "|", "^", "<<", ">>"):
        return Unknown(f"bigint `{operator}` cannot be evaluated", span)
    if operator in ("/", "%") and b == 0:
        return thrown("RangeError: Division by zero", span)
    if operator == "**" and b < 0:
        return thrown("RangeError: Exponent must be non-negative", span)
    if operator in ("<<", ">>") and (abs(b) >= 2**40):
        return Unknown(f"bigint `{operator}` by {b} cannot be evaluated", span)
    if operator == ">>":
        operator, b = "<<", -b
    bits = _bigint_result_bits(operator, a, b)
    if bits > js_numbers.JS_BIGINT_MAX_BITS:
        return thrown("RangeError: Maximum BigInt size exceeded", span)
    if bits > MAX_BIGINT_BITS:
        return Unknown(f"a bigint larger than {MAX_BIGINT_BITS:,} bits is not evaluated", span)
    if operator == "/":
        quotient = abs(a) // abs(b)
        result = quotient if (a < 0) == (b < 0) else -quotient
    elif operator == "%":
        result = abs(a) % abs(b) * (-1 if a < 0 else 1)
    elif operator == "<<":
        result = a << b if b >= 0 else a >> -b
    else:
        operations: dict[str, Callable[[], int]] = {
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "**": lambda: int(a**b),
            "&": lambda: a & b,
            "|": lambda: a | b,
            "^": lambda: a ^ b,
        }
        result = operations[operator]()
    return Prim(BigInt(result), span)


def _number_binary(operator: str, a: float, b: float, span: Span) -> Value:
    if operator == "+":
        return Prim(a + b, span)
    if operator == "-":
        return Prim(a - b, span)
    if operator == "*":
        return Prim(a * b, span)
    if operator == "/":
        return Prim(js_numbers.divide(a, b), span)
    if operator == "%":
        return Prim(js_numbers.remainder(a, b), span)
    if operator == "**":
        result = js_numbers.power(a, b)
        if result is None:
            return Unknown("`**` of these numbers is rounded differently by each JS engine", span)
        return Prim(result, span)
    if operator in ("&", "|", "^", "<<", ">>", ">>>"):
        x, y = js_numbers.to_int32(a), js_numbers.to_int32(b)
        shift = y & 31
        if operator == "&":
            result = x & y
        elif operator == "|":
            result = x | y
        elif operator == "^":
            result = x ^ y
        elif operator == "<<":
            result = js_numbers.to_int32(float((x << shift) & 0xFFFFFFFF))
        elif operator == ">>":
            result = x >> shift
        else:
            result = (x & 0xFFFFFFFF) >> shift
        return Prim(float(result), span)
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
