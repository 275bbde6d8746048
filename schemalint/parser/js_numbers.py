"""JavaScript numbers and bigints in Python: conversions and operators that never raise.

Numbers are Python floats (IEEE doubles, as in JS); bigints are Python ints. Every function
here returns JS's answer (NaN, Infinity, -0) where Python would raise or answer differently.
"""

from __future__ import annotations

import math
import re

from schemalint.intdigits import decimal_to_int
from schemalint.lazy_pattern import lazy_compile
from schemalint.parser.js_strings import JS_WHITESPACE

# V8's BigInt limit (BigInt::kMaxLengthBits): a larger result is a RangeError in JS.
JS_BIGINT_MAX_BITS = 2**30

_DECIMAL_LITERAL = lazy_compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)", re.ASCII)
_RADIX_LITERAL = lazy_compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)", re.ASCII)


# ------------------------------------------------------------------------------ bigints


def parse_int_literal(text: str) -> int:
    """The integer value of a JS integer literal without separators or `n` (`0x1F`, `10`)."""
    lowered = text.lower()
    if lowered.startswith(("0x", "0o", "0b")):
        return int(text, 0)  # power-of-two bases have no digit limit
    return decimal_to_int(text)


# ------------------------------------------------------------------------------ numbers


def int_to_number(value: int) -> float:
    """A (big) integer as the nearest JS number (Infinity beyond the largest double)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def parse_number_literal(text: str) -> float | int:
    """The value of a `number` token: a float, or an int for bigint literals (`5n`)."""
    cleaned = text.replace("_", "")
    if cleaned.endswith("n"):
        return parse_int_literal(cleaned[:-1])
    lowered = cleaned.lower()
    if lowered.startswith(("0x", "0o", "0b")):
        return int_to_number(int(cleaned, 0))
    legacy_octal = len(cleaned) > 1 and cleaned[0] == "0" and all(c in "01234567" for c in cleaned)
    if legacy_octal:  # `010`; a digit 8 or 9 makes it decimal
        return int_to_number(int(cleaned, 8))
    return _decimal_to_number(cleaned)


def _decimal_to_number(text: str) -> float:
    try:
        return float(text)  # float() rounds correctly and gives inf on overflow
    except ValueError:
        return math.nan


def string_to_number(text: str) -> float:
    """`Number(text)` / `+text` (ECMA-262 StringToNumber)."""
    stripped = text.strip(JS_WHITESPACE)
    if not stripped:
        return 0.0
    if stripped in ("Infinity", "+Infinity"):
        return math.inf
    if stripped == "-Infinity":
        return -math.inf
    if _RADIX_LITERAL.fullmatch(stripped):
        return int_to_number(int(stripped, 0))
    if _DECIMAL_LITERAL.fullmatch(stripped):
        return _decimal_to_number(stripped)
    return math.nan


def string_to_bigint(text: str) -> int | None:
    """`BigInt(text)` for the comparisons that use it (StringToBigInt); None when not a bigint."""
    stripped = text.strip(JS_WHITESPACE)
    if not stripped:
        return 0
    if _RADIX_LITERAL.fullmatch(stripped):
        return int(stripped, 0)
    if re.fullmatch(r"[+-]?\d+", stripped, re.ASCII):
        return decimal_to_int(stripped)
    return None


def number_to_string(number: float) -> str:
    """`String(number)` (ECMA-262 Number::toString): shortest round-trip digits, JS's layout."""
    if math.isnan(number):
        return "NaN"
    if number == 0:
        return "0"
    if number < 0:
        return "-" + number_to_string(-number)
    if math.isinf(number):
        return "Infinity"
    # repr() gives the shortest digits that round-trip; lay them out as JS does.
    import decimal  # imported when first needed (most schemas turn no number into text)

    _, digit_tuple, exponent = decimal.Decimal(repr(number)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    assert isinstance(exponent, int)
    k = len(digits)
    n = exponent + len(digit_tuple)  # the value is 0.<digits> * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    exponent_text = f"e{'+' if e >= 0 else '-'}{abs(e)}"
    return (digits if k == 1 else f"{digits[0]}.{digits[1:]}") + exponent_text


def power(base: float, exponent: float) -> float | None:
    """`base ** exponent` (Number::exponentiate); None when the exact result is not a double.

    JS leaves the rounding of `**` to the engine, and V8's differs from the C library's in the
    last digit (`1000 ** 12` is 9.999999999999999e+35 in V8): only exact results are certain.
    """
    if math.isnan(exponent):
        return math.nan
    if exponent == 0:
        return 1.0
    if math.isnan(base):
        return math.nan
    if abs(base) == 1 and math.isinf(exponent):
        return math.nan
    if base == 0 and exponent < 0:
        odd = exponent.is_integer() and int(exponent) % 2 == 1
        return math.copysign(math.inf, base) if odd else math.inf
    try:
        result = math.pow(base, exponent)
    except ValueError:
        return math.nan  # a negative base with a fractional exponent
    except OverflowError:
        odd = exponent.is_integer() and int(exponent) % 2 == 1
        return -math.inf if base < 0 and odd else math.inf
    if math.isinf(base) or math.isinf(exponent) or math.isinf(result) or result == 0:
        return result  # limits: every engine agrees (IEEE 754 and ECMA-262 spell them out)
    return result if _exact_power(base, exponent, result) else None


def _exact_power(base: float, exponent: float, result: float) -> bool:
    """Whether `result` is exactly `base ** exponent` (for exponents p/q with a small q)."""
    import fractions  # rarely needed: only for a non-integer power

    ratio = fractions.Fraction(exponent)
    if ratio.denominator > 64 or abs(ratio.numerator) > 4096:
        return False
    p, q = ratio.numerator, ratio.denominator
    # result ** q == base ** p, compared as exact rationals.
    return fractions.Fraction(result) ** q == fractions.Fraction(base) ** p


def remainder(dividend: float, divisor: float) -> float:
    """`dividend % divisor` (Number::remainder: the sign of the dividend)."""
    if math.isnan(dividend) or math.isnan(divisor) or math.isinf(dividend) or divisor == 0:
        return math.nan
    if math.isinf(divisor):
        return dividend
    return math.fmod(dividend, divisor)


def divide(dividend: float, divisor: float) -> float:
    """`dividend / divisor`, with IEEE division by zero."""
    if divisor == 0:
        if dividend == 0 or math.isnan(dividend):
            return math.nan
        return math.copysign(math.inf, dividend) * math.copysign(1.0, divisor)
    return dividend / divisor


def to_int32(number: float) -> int:
    """ToInt32: the number as a signed 32-bit integer (bitwise operators)."""
    if math.isnan(number) or math.isinf(number):
        return 0
    value = int(number) % 2**32
    return value - 2**32 if value >= 2**31 else value


def to_uint32(number: float) -> int:
    """ToUint32 (`split` limits, `>>>`)."""
    if math.isnan(number) or math.isinf(number):
        return 0
    return int(number) % 2**32


def to_integer(number: float) -> float:
    """ToIntegerOrInfinity (as a float, so that ±Infinity survives)."""
    if math.isnan(number):
        return 0.0
    if math.isinf(number):
        return number
    return float(math.trunc(number))


def relative_index(number: float, size: int) -> int:
    """A `slice`-style bound: negative counts from the end; clamped to [0, size]."""
    integer = to_integer(number)
    if integer < 0:
        return max(0, size + int(max(integer, -size - 1)))
    return int(min(integer, size))
