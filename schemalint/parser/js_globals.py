"""Identifiers no scope defines: `undefined`, `NaN`, `Object.*`, and the runtime globals
(`process.env`, `Math.random`, `Date.now`, `crypto`) that Convex's schema sandbox forbids."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.parser.undefined_names import undefined_name
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    CallSite,
    JSArray,
    JSObject,
    OpaqueValue,
    Prim,
    Property,
    Unknown,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


from schemalint.parser import mutation
from schemalint.parser.js import put, to_number, to_string, unknown_from
from schemalint.parser.js_numbers import int_to_number, power

# ------------------------------------------------------------------------------ globals


def _object_global() -> OpaqueValue:
    def keys(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        target = args[0] if args else Prim(UNDEFINED)
        if isinstance(target, JSObject) and not target.unknown_parts:
            return JSArray([Prim(k, p.key_span) for k, p in target.ordered_items()], site.span)
        return unknown_from(target, "`Object.keys` of a value that cannot be evaluated")

    def values(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        target = args[0] if args else Prim(UNDEFINED)
        if isinstance(target, JSObject) and not target.unknown_parts:
            return JSArray([p.value for _, p in target.ordered_items()], site.span)
        return unknown_from(target, "`Object.values` of a value that cannot be evaluated")

    def entries(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        target = args[0] if args else Prim(UNDEFINED)
        if isinstance(target, JSObject) and not target.unknown_parts:
            return JSArray(
                [JSArray([Prim(k, p.key_span), p.value], p.span) for k, p in target.ordered_items()],
                site.span,
            )
        return unknown_from(target, "`Object.entries` of a value that cannot be evaluated")

    def from_entries(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        target = args[0] if args else Prim(UNDEFINED)
        if not isinstance(target, JSArray):
            return unknown_from(target, "`Object.fromEntries` of a value that cannot be evaluated")
        result = JSObject(span=site.span)
        for entry in target.items:
            if not isinstance(entry, JSArray) or len(entry.items) < 2:
                return unknown_from(entry, "an `Object.fromEntries` entry cannot be evaluated")
            key = to_string(entry.items[0])
            if key is None:
                return unknown_from(entry.items[0], "an `Object.fromEntries` key cannot be evaluated")
            put(result, key, Property(entry.items[1], entry.items[0].span, entry.span or site.span))
        return result

    return OpaqueValue(
        "Object",
        {
            "keys": Builtin("Object.keys", keys),
            "values": Builtin("Object.values", values),
            "entries": Builtin("Object.entries", entries),
            "fromEntries": Builtin("Object.fromEntries", from_entries),
            "assign": Builtin("Object.assign", mutation.object_assign),
            "freeze": Builtin("Object.freeze", mutation.object_freeze),
            "isFrozen": Builtin("Object.isFrozen", mutation.object_is_frozen),
            "defineProperty": Builtin("Object.defineProperty", mutation.object_define_property),
        },
    )


def _runtime_function(kind: str, label: str) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if site.span is not None:
            ev.record_runtime(kind, site.span)  # type: ignore[arg-type]
        return Unknown(f"`{label}()` has no fixed value", site.span)

    return Builtin(label, impl)


def _process_env(ev: Evaluator, span: Span | None) -> Value:
    if span is not None:
        ev.record_runtime("process.env", span)
    return Unknown("`process.env` is not available when Convex evaluates the schema", span)


def _string_global(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`String(x)` of a primitive."""
    if not args:
        return Prim("", site.span)
    text = to_string(args[0])
    return Prim(text, site.span) if text is not None else unknown_from(args[0], "`String(...)`")


def _number_global(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`Number(x)` of a primitive (a bigint converts exactly, rounding to the nearest double)."""
    if not args:
        return Prim(0.0, site.span)
    arg = args[0]
    if isinstance(arg, Prim) and isinstance(arg.value, BigInt):
        return Prim(int_to_number(arg.value.value), site.span)
    number = to_number(arg) if isinstance(arg, Prim) else None
    return Prim(number, site.span) if number is not None else unknown_from(arg, "`Number(...)`")


def _math_function(name: str, compute: Callable[[list[float]], float | None]) -> Builtin:
    """`Math.<name>(...)` of numbers (exactly rounded operations only: every engine agrees)."""

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        numbers = [to_number(a) if isinstance(a, Prim) else None for a in args]
        if any(n is None for n in numbers):
            bad = next(a for a, n in zip(args, numbers, strict=True) if n is None)
            return unknown_from(bad, f"`Math.{name}` of a value that cannot be evaluated")
        result = compute([n for n in numbers if n is not None])
        if result is None:
            reason = f"`Math.{name}` of these numbers is rounded differently by each JS engine"
            return Unknown(reason, site.span)
        return Prim(result, site.span)

    return Builtin(f"Math.{name}", impl)


def _first(numbers: list[float]) -> float:
    return numbers[0] if numbers else math.nan


def _round(x: float) -> float:
    """`Math.round`: halves round up (towards +Infinity); -0 stays -0."""
    if math.isnan(x) or math.isinf(x) or x == 0:
        return x
    if abs(x) >= 2**52:
        return x  # already an integer
    floor = math.floor(x)
    result = float(floor + 1 if x - floor >= 0.5 else floor)  # x - floor is exact here
    return math.copysign(0.0, x) if result == 0 else result


def _sign(x: float) -> float:
    return x if math.isnan(x) or x == 0 else math.copysign(1.0, x)


def _extreme(pick: Callable[[list[float]], float], empty: float) -> Callable[[list[float]], float]:
    def compute(numbers: list[float]) -> float:
        if any(math.isnan(n) for n in numbers):
            return math.nan
        if not numbers:
            return empty
        result = pick(numbers)
        zeros = [n for n in numbers if n == 0]
        if result == 0 and zeros:  # -0 is below +0 for Math.min/max
            signs = [math.copysign(1.0, z) for z in zeros]
            negative = min(signs) < 0 if pick is min else max(signs) < 0
            return -0.0 if negative else 0.0
        return result

    return compute


def _integral(operation: Callable[[float], int]) -> Callable[[list[float]], float]:
    def compute(numbers: list[float]) -> float:
        x = _first(numbers)
        if math.isnan(x) or math.isinf(x) or x == 0:
            return x
        result = float(operation(x))
        return math.copysign(0.0, x) if result == 0 else result

    return compute


def _sqrt(numbers: list[float]) -> float:
    x = _first(numbers)
    if math.isnan(x) or x < 0:
        return math.nan
    return math.sqrt(x)  # IEEE 754 square root is exactly rounded


_MATH_FUNCTIONS: dict[str, Builtin] = {
    "floor": _math_function("floor", _integral(math.floor)),
    "ceil": _math_function("ceil", _integral(math.ceil)),
    "trunc": _math_function("trunc", _integral(math.trunc)),
    "round": _math_function("round", lambda n: _round(_first(n))),
    "abs": _math_function("abs", lambda n: abs(_first(n))),
    "sign": _math_function("sign", lambda n: _sign(_first(n))),
    "max": _math_function("max", _extreme(max, -math.inf)),
    "min": _math_function("min", _extreme(min, math.inf)),
    "sqrt": _math_function("sqrt", _sqrt),
    "pow": _math_function("pow", lambda n: power(_first(n), n[1] if len(n) > 1 else math.nan)),
}


# One value each, like the runtime's single `Object`, `String` and `Number`: `String === String`
# and `Object.keys === Object.keys` are true. (They carry no span and never change.)
_OBJECT = _object_global()
_STRING = Builtin("String", _string_global)
_NUMBER = Builtin("Number", _number_global)


def global_value(ev: Evaluator, name: str, span: Span) -> Value:
    """The value of an identifier that no scope defines."""
    if name == "undefined":
        return Prim(UNDEFINED, span)
    if name == "NaN":
        return Prim(math.nan, span)
    if name == "Infinity":
        return Prim(math.inf, span)
    if name == "Object":
        return _OBJECT
    if name == "String":
        return _STRING
    if name == "Number":
        return _NUMBER
    if name == "Reflect":
        return OpaqueValue(
            "Reflect",
            {
                "set": Builtin("Reflect.set", mutation.reflect_set),
                "deleteProperty": Builtin("Reflect.deleteProperty", mutation.reflect_delete),
            },
            span,
        )
    if name == "Math":
        return OpaqueValue(
            "Math",
            {
                "random": _runtime_function("Math.random", "Math.random"),
                "PI": Prim(math.pi, span),
                "E": Prim(math.e, span),
                **_MATH_FUNCTIONS,
            },
            span,
        )
    if name == "Date":
        return OpaqueValue("Date", {"now": _runtime_function("Date.now", "Date.now")}, span)
    if name == "process":
        return OpaqueValue("process", {"env": _process_env}, span)
    if name == "crypto":
        ev.record_runtime("crypto", span)
        return Unknown("`crypto` is not available when Convex evaluates the schema", span)
    return undefined_name(ev, name, span)
