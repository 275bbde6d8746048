"""Number members: `toString()` and `toFixed(digits)`; any other property is `undefined`."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.parser.js import number_to_string, to_number
from schemalint.parser.js_numbers import to_integer
from schemalint.parser.js_string_methods import INHERITED, NUMBER_PROTOTYPE
from schemalint.parser.values import UNDEFINED, Builtin, CallSite, Prim, Unknown, Value

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


def to_fixed(number: float, digits: int) -> str:
    """`number.toFixed(digits)` (Number.prototype.toFixed: the exact value, halves rounded up)."""
    if math.isnan(number):
        return "NaN"
    if abs(number) >= 1e21 or math.isinf(number):
        return number_to_string(number)
    import decimal  # imported when first needed (most schemas call no toFixed)

    exact = decimal.Decimal(abs(number))  # the double's exact value, not its shortest digits
    text = str(exact.quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP))
    return f"-{text}" if number < 0 else text  # -0.0001 gives "-0.00"; -0 gives "0.00"


def number_member(number: float, name: str, span: Span | None) -> Value:
    """`number.name`."""
    if name == "toString":

        def to_string(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            if args and not (isinstance(args[0], Prim) and args[0].value in (10.0, UNDEFINED)):
                return Unknown("`toString` with a radix cannot be evaluated", site.span)
            return Prim(number_to_string(number), site.span)

        return Builtin("Number.toString", to_string)
    if name == "toFixed":

        def fixed(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            arg = args[0] if args else Prim(UNDEFINED)
            count = to_number(arg) if isinstance(arg, Prim) else None
            if count is None:
                return Unknown("`toFixed` of a digit count that cannot be evaluated", site.span)
            digits = to_integer(count)
            if not 0 <= digits <= 100:
                return Unknown("RangeError: toFixed() digits argument must be between 0 and 100", site.span)
            return Prim(to_fixed(number, int(digits)), site.span)

        return Builtin("Number.toFixed", fixed)
    if name not in INHERITED and name not in NUMBER_PROTOTYPE:
        return Prim(UNDEFINED, span)  # numbers have no such property
    return Unknown(f"`.{name}` of the number {number_to_string(number)} cannot be evaluated", span)
