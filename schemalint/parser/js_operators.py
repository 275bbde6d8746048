"""JavaScript operators over evaluator primitives: equality, comparison, arithmetic, bigints.

Each follows ECMA-262 (IsLooselyEqual, IsLessThan, Number::*, BigInt::*) and returns JS's
answer, a `Thrown` value where JS throws, or an unknown value where the answer depends on the
engine; none raises in Python. `tests/test_js_operators.py` checks them against node.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from schemalint.diagnostics import Span
from schemalint.parser import js_numbers, js_strings
from schemalint.parser.js import (
    MAX_BIGINT_BITS,
    MAX_STRING_LENGTH,
    LongString,
    long_string_or_error,
    thrown,
    to_number,
    to_primitive,
    to_string,
    truthy,
    unknown_from,
)
from schemalint.parser.values import UNDEFINED, BigInt, Builtin, OpaqueValue, Prim, Unknown, Value


def _string_length(value: Value) -> int | None:
    """The length of a string operand of `+` (a long one or a primitive), None when unknown."""
    if isinstance(value, LongString):
        return value.length
    if isinstance(value, Prim):
        text = to_string(value)
        return js_strings.length(text) if text is not None else None
    return None


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


def _host_identity_unknown(left: Value, right: Value) -> bool:
    """Whether the identity of two objects is unknown: schemalint makes a fresh value each time
    a built-in function or object (`Object.keys`, `String`, `[].map`) is read, while the runtime
    gives the same object, so only the very same value is surely equal to a built-in."""
    if left is right or isinstance(left, Prim) or isinstance(right, Prim):
        return False
    return isinstance(left, (Builtin, OpaqueValue)) or isinstance(right, (Builtin, OpaqueValue))


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
        if operator in ("===", "!==", "==", "!=") and _host_identity_unknown(left, right):
            return Unknown(
                f"`{operator}` between {left.describe()} and {right.describe()} cannot be evaluated "
                "(schemalint does not model which built-in objects are the same)",
                span,
            )
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
