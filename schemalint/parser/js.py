"""JavaScript semantics over evaluator values: coercions, operators, member access, globals."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from schemalint.diagnostics import Span
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    CallSite,
    Closure,
    JSArray,
    JSObject,
    NamespaceValue,
    OpaqueValue,
    Prim,
    Property,
    SchemaValue,
    Shadowing,
    TableDefValue,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


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


def _strict_equal(left: Prim, right: Prim) -> bool:
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
        equal = _strict_equal(left, right)
        return Prim(equal if operator == "===" else not equal, span)
    if operator in ("==", "!="):
        loose = left.value in (None, UNDEFINED) and right.value in (None, UNDEFINED)
        equal = loose or _strict_equal(left, right)
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


def get_member(ev: Evaluator, receiver: Value, name: str, span: Span | None) -> Value:
    """`receiver.name` (also `receiver[name]`)."""
    from schemalint.parser import convex_tables, convex_values

    if isinstance(receiver, Unknown):
        return Unknown(receiver.reason, receiver.span, receiver.quiet)
    if isinstance(receiver, JSObject):
        prop = receiver.props.get(name)
        if prop is not None:
            return prop.value
        if receiver.unknown_parts:
            return unknown_from(receiver.unknown_parts[0], "")
        return Prim(UNDEFINED, span)
    if isinstance(receiver, JSArray):
        return _array_member(ev, receiver, name, span)
    if isinstance(receiver, NamespaceValue):
        return ev.module_export(receiver.module, name, span)
    if isinstance(receiver, ValidatorValue):
        return convex_values.validator_member(receiver, name, span)
    if isinstance(receiver, TableDefValue):
        return convex_tables.table_member(receiver, name, span)
    if isinstance(receiver, SchemaValue):
        return convex_tables.schema_member(receiver, name, span)
    if isinstance(receiver, OpaqueValue):
        member = receiver.members.get(name)
        if callable(member) and not isinstance(member, Value):
            result: Value = member(ev, span)
            return result
        if isinstance(member, Value):
            return member
        return Unknown(f"`{receiver.name}.{name}` cannot be evaluated", span)
    if isinstance(receiver, Prim):
        return _primitive_member(receiver, name, span)
    return Unknown(f"`.{name}` of {receiver.describe()} cannot be evaluated", span)


def _primitive_member(receiver: Prim, name: str, span: Span | None) -> Value:
    value = receiver.value
    if value is None or value is UNDEFINED:
        return Unknown(f"cannot read `.{name}` of {receiver.describe()}", span)
    if isinstance(value, str):
        if name == "length":
            return Prim(float(len(value)), span)
        methods: dict[str, str] = {
            "toUpperCase": value.upper(),
            "toLowerCase": value.lower(),
            "trim": value.strip(),
        }
        if name in methods:
            result = methods[name]
            return Builtin(f"String.{name}", lambda ev, site, args: Prim(result, site.span))
        if name.isdigit():
            index = int(name)
            return Prim(value[index], span) if index < len(value) else Prim(UNDEFINED, span)
    return Unknown(f"`.{name}` of {receiver.describe()} cannot be evaluated", span)


def _array_member(ev: Evaluator, array: JSArray, name: str, span: Span | None) -> Value:
    if name == "length":
        return Prim(float(len(array.items)), span)
    if name.isdigit():
        index = int(name)
        return array.items[index] if index < len(array.items) else Prim(UNDEFINED, span)

    def mapper(flat: bool) -> Builtin:
        def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            if not args:
                return Unknown("`.map` needs a function", site.span)
            results: list[Value] = []
            for index, item in enumerate(array.items):
                mapped = ev.call(
                    args[0],
                    [item, Prim(float(index), item.span), array],
                    CallSite(item.span or site.span, [item.span]),
                )
                if isinstance(mapped, Unknown):
                    return mapped
                if flat and isinstance(mapped, JSArray):
                    results.extend(mapped.items)
                else:
                    results.append(mapped)
            return JSArray(results, site.span)

        return Builtin("Array.flatMap" if flat else "Array.map", impl)

    def filter_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not args:
            return Unknown("`.filter` needs a function", site.span)
        kept: list[Value] = []
        for index, item in enumerate(array.items):
            keep = truthy(
                ev.call(
                    args[0], [item, Prim(float(index)), array], CallSite(item.span or site.span, [item.span])
                )
            )
            if keep is None:
                return Unknown("a `.filter` callback cannot be evaluated", site.span)
            if keep:
                kept.append(item)
        return JSArray(kept, site.span)

    def concat_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        items = list(array.items)
        for arg in args:
            if isinstance(arg, JSArray):
                items.extend(arg.items)
            elif isinstance(arg, Unknown):
                return arg
            else:
                items.append(arg)
        return JSArray(items, site.span)

    def join_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        separator = to_string(args[0]) if args else ","
        parts = [
            to_string(item) if not (isinstance(item, Prim) and item.value in (None, UNDEFINED)) else ""
            for item in array.items
        ]
        if separator is None or any(p is None for p in parts):
            return Unknown("`.join` cannot be evaluated", site.span)
        return Prim(separator.join(p or "" for p in parts), site.span)

    def includes_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not args or not isinstance(args[0], Prim):
            return Unknown("`.includes` cannot be evaluated", site.span)
        target = args[0]
        return Prim(any(isinstance(i, Prim) and _strict_equal(i, target) for i in array.items), site.span)

    def slice_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        bounds = [to_number(a) if isinstance(a, Prim) else None for a in args[:2]]
        if any(b is None or math.isnan(b) for b in bounds):
            return Unknown("`.slice` cannot be evaluated", site.span)
        start = int(bounds[0]) if bounds else 0  # type: ignore[arg-type]
        end = int(bounds[1]) if len(bounds) > 1 else None  # type: ignore[arg-type]
        return JSArray(array.items[start:end], site.span)

    methods = {
        "map": mapper(False),
        "flatMap": mapper(True),
        "filter": Builtin("Array.filter", filter_impl),
        "concat": Builtin("Array.concat", concat_impl),
        "join": Builtin("Array.join", join_impl),
        "includes": Builtin("Array.includes", includes_impl),
        "slice": Builtin("Array.slice", slice_impl),
    }
    method = methods.get(name)
    if method is not None:
        return method
    return Unknown(f"the array method `.{name}` cannot be evaluated", span)


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

    def assign(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not args or not isinstance(args[0], JSObject):
            return Unknown("`Object.assign` cannot be evaluated", site.span)
        target = args[0]
        for source in args[1:]:
            where = source.span or site.span
            if where is not None:
                spread_into(target, source, where, "Object.assign(...)")
        return target

    def identity(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        return args[0] if args else Prim(UNDEFINED, site.span)

    return OpaqueValue(
        "Object",
        {
            "keys": Builtin("Object.keys", keys),
            "values": Builtin("Object.values", values),
            "entries": Builtin("Object.entries", entries),
            "fromEntries": Builtin("Object.fromEntries", from_entries),
            "assign": Builtin("Object.assign", assign),
            "freeze": Builtin("Object.freeze", identity),
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
    return Unknown(f"`{name}` is not defined in the project (a global schemalint does not model)", span)
