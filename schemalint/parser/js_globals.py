"""Identifiers no scope defines: `undefined`, `NaN`, `Object.*`, and the runtime globals
(`process.env`, `Math.random`, `Date.now`, `crypto`) that Convex's schema sandbox forbids."""

from __future__ import annotations

import math
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
from schemalint.parser.js_numbers import int_to_number

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


def global_value(ev: Evaluator, name: str, span: Span) -> Value:
    """The value of an identifier that no scope defines."""
    if name == "undefined":
        return Prim(UNDEFINED, span)
    if name == "NaN":
        return Prim(math.nan, span)
    if name == "Infinity":
        return Prim(math.inf, span)
    if name == "Object":
        return _object_global()
    if name == "String":
        return Builtin("String", _string_global)
    if name == "Number":
        return Builtin("Number", _number_global)
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
