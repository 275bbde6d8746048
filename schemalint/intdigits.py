"""Integers of any size as decimal text and back.

Python refuses `str(n)` / `int(text)` beyond 4,300 digits (a guard against quadratic time);
a schema may hold a 5,000-digit bigint literal, which must be read and shown, never crash.
Conversions through `decimal` have no such limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import decimal

_SAFE_DIGITS = 4000
_context: decimal.Context | None = None


def int_to_decimal(value: int) -> str:
    """`str(value)` for ints of any size."""
    if value.bit_length() < _SAFE_DIGITS * 3:
        return str(value)
    import decimal  # only for the rare int beyond Python's limit

    return str(decimal.Decimal(value))


def decimal_to_int(digits: str) -> int:
    """`int(digits)` (ASCII decimal digits with an optional sign) for text of any length."""
    global _context
    if len(digits) <= _SAFE_DIGITS:
        return int(digits)
    import decimal  # only for the rare int beyond Python's limit

    if _context is None:
        _context = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    return int(_context.create_decimal(digits))


def short_int(value: int, limit: int = 40) -> str:
    """`value` in decimal, shortened in the middle when longer than `limit` characters."""
    text = int_to_decimal(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}…{text[-8:]} ({len(text.lstrip('-')):,} digits)"
