"""Member access on evaluator values: `obj.key`, `arr[0]`, array and string methods."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.parser.undefined_names import missing_member, missing_validator_member
from schemalint.parser.values import (
    UNDEFINED,
    Builtin,
    CallSite,
    JSArray,
    JSObject,
    NamespaceValue,
    OpaqueValue,
    Prim,
    SchemaValue,
    TableDefValue,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


from schemalint.parser import convex_tables, convex_values, js_numbers, js_strings
from schemalint.parser.budget import bounded_array
from schemalint.parser.js import (
    MAX_STRING_LENGTH,
    LongString,
    long_string_or_error,
    to_string,
    truthy,
    unknown_from,
)
from schemalint.parser.js_operators import same_value_zero
from schemalint.parser.js_string_methods import (
    INHERITED,
    NUMBER_PROTOTYPE,
    integer_arg,
    string_member,
)
from schemalint.parser.mutation import array_mutator

# Members every plain object inherits from `Object.prototype` (all functions).
OBJECT_PROTOTYPE = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)


def inherited_member(receiver: JSObject, name: str, span: Span | None) -> Value:
    """A key a plain object does not have itself: `Object.prototype`'s members, else undefined."""
    if name == "hasOwnProperty":

        def has_own(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            key = to_string(args[0]) if args and isinstance(args[0], Prim) else None
            if key is None:
                return Unknown("`hasOwnProperty` of a key that cannot be evaluated", site.span)
            if key in receiver.props:
                return Prim(True, site.span)
            if receiver.unknown_parts:
                return unknown_from(receiver.unknown_parts[0], "")
            return Prim(False, site.span)

        return Builtin("Object.prototype.hasOwnProperty", has_own)
    if name in OBJECT_PROTOTYPE or name == "__proto__":
        label = f"Object.prototype.{name}"
        return Builtin(label, lambda ev, site, args: Unknown(f"`{label}` cannot be evaluated", site.span))
    return Prim(UNDEFINED, span)


def has_member(key: Value, receiver: Value, span: Span | None) -> Value:
    """`key in receiver`: own, hidden and inherited properties of plain objects and arrays."""
    name = to_string(key) if isinstance(key, Prim) else None
    if name is None:
        return unknown_from(key, "the left side of `in` cannot be evaluated")
    if isinstance(receiver, JSObject):
        if name in receiver.props or (receiver.hidden is not None and name in receiver.hidden):
            return Prim(True, span)
        if receiver.unknown_parts:
            return unknown_from(receiver.unknown_parts[0], "")
        if receiver.proto is not None:
            return has_member(key, receiver.proto, span)
        return Prim(name in OBJECT_PROTOTYPE or name == "__proto__", span)
    is_index = name.isascii() and name.isdigit()
    if (
        isinstance(receiver, JSArray)
        and receiver.unknown is None
        and (name == "length" or (is_index and int(name) < len(receiver.items)))
    ):
        return Prim(True, span)
    return unknown_from(receiver, "the right side of `in` cannot be evaluated")


def get_member(ev: Evaluator, receiver: Value, name: str, span: Span | None) -> Value:
    """`receiver.name` (also `receiver[name]`)."""
    if isinstance(receiver, LongString) and name == "length":
        return Prim(float(receiver.length), span)
    if isinstance(receiver, Unknown):
        return Unknown(receiver.reason, receiver.span, receiver.quiet)
    if isinstance(receiver, JSObject):
        prop = receiver.props.get(name)
        if prop is not None:
            return prop.value
        if receiver.unknown_parts:
            return unknown_from(receiver.unknown_parts[0], "")
        if receiver.hidden is not None and name in receiver.hidden:
            return receiver.hidden[name].value
        if receiver.proto is not None:
            return get_member(ev, receiver.proto, name, span)
        return inherited_member(receiver, name, span)
    if isinstance(receiver, JSArray):
        if receiver.unknown is not None:
            return unknown_from(receiver.unknown, "")
        mutator = array_mutator(receiver, name)
        if mutator is not None:
            return mutator
        return _array_member(ev, receiver, name, span)
    if isinstance(receiver, NamespaceValue):
        return ev.module_export(receiver.module, name, span)
    if isinstance(receiver, ValidatorValue):
        missing = None if span is None else missing_validator_member(ev, receiver.validator.kind, name, span)
        return missing or convex_values.validator_member(receiver, name, span)
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
        if receiver.closed and span is not None:
            return missing_member(ev, receiver, name, span)
        return Unknown(f"`{receiver.name}.{name}` cannot be evaluated", span)
    if isinstance(receiver, Prim):
        if receiver.value is None or receiver.value is UNDEFINED:
            return _nullish_member(ev, receiver, name, span)
        return _primitive_member(receiver, name, span)
    return Unknown(f"`.{name}` of {receiver.describe()} cannot be evaluated", span)


def _nullish_member(ev: Evaluator, receiver: Prim, name: str, span: Span | None) -> Value:
    """`null.name` or `undefined.name`: a TypeError when the code runs (code that surely runs is
    all the evaluator executes; inside `try` the throw is caught)."""
    kind = "null" if receiver.value is None else "undefined"
    message = f"TypeError: Cannot read properties of {kind} (reading '{name}')"
    ev.report_throw(message, span or receiver.span)
    return Unknown(f"Convex throws here: {message}", span or receiver.span, quiet=True)


def _primitive_member(receiver: Prim, name: str, span: Span | None) -> Value:
    value = receiver.value
    if value is None or value is UNDEFINED:
        return Unknown(f"cannot read `.{name}` of {receiver.describe()}", span)
    if isinstance(value, str):
        return string_member(value, name, span)
    if isinstance(value, float):
        from schemalint.parser.js_number_methods import number_member  # few schemas call these

        return number_member(value, name, span)
    if name not in INHERITED and name not in NUMBER_PROTOTYPE:
        return Prim(UNDEFINED, span)  # numbers, booleans and bigints have no such property
    return Unknown(f"`.{name}` of {receiver.describe()} cannot be evaluated", span)


def _array_member(ev: Evaluator, array: JSArray, name: str, span: Span | None) -> Value:
    if name == "length":
        return Prim(float(len(array.items)), span)
    if js_strings.is_array_index(name):
        index = int(name)
        return array.items[index] if index < len(array.items) else Prim(UNDEFINED, span)

    def mapper(flat: bool) -> Builtin:
        def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            if not args:
                return Unknown("`.map` needs a function", site.span)
            results: list[Value] = []
            failed: Unknown | None = None
            for index, item in enumerate(list(array.items)):
                mapped = ev.call(
                    args[0],
                    [item, Prim(float(index), item.span), array],
                    CallSite(item.span or site.span, [item.span]),
                    args[1] if len(args) > 1 else None,  # `thisArg`
                )
                if isinstance(mapped, Unknown):
                    failed = failed or mapped  # keep calling: later calls may have side effects
                if failed is not None:
                    continue
                if flat and isinstance(mapped, JSArray):
                    results.extend(mapped.items)
                else:
                    results.append(mapped)
            return failed if failed is not None else bounded_array(results, site.span)

        return Builtin("Array.flatMap" if flat else "Array.map", impl)

    def filter_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not args:
            return Unknown("`.filter` needs a function", site.span)
        kept: list[Value] = []
        unknown = False
        for index, item in enumerate(list(array.items)):  # every call runs: they may have effects
            keep = truthy(
                ev.call(
                    args[0], [item, Prim(float(index)), array], CallSite(item.span or site.span, [item.span])
                )
            )
            unknown = unknown or keep is None
            if keep:
                kept.append(item)
        if unknown:
            return Unknown("a `.filter` callback cannot be evaluated", site.span)
        return JSArray(kept, site.span)

    def reduce_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        items = list(array.items)
        if not args or (len(args) < 2 and not items):
            return Unknown("`.reduce` of an empty array without an initial value throws", site.span)
        accumulator, start = (args[1], 0) if len(args) > 1 else (items[0], 1)
        for index in range(start, len(items)):
            item = items[index]
            where = CallSite(item.span or site.span, [item.span])
            accumulator = ev.call(args[0], [accumulator, item, Prim(float(index)), array], where)
        return accumulator

    def concat_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        items = list(array.items)
        for arg in args:
            if isinstance(arg, JSArray):
                items.extend(arg.items)
            elif isinstance(arg, Unknown):
                return arg
            else:
                items.append(arg)
        return bounded_array(items, site.span)

    def join_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        undefined = not args or (isinstance(args[0], Prim) and args[0].value is UNDEFINED)
        separator = "," if undefined else to_string(args[0])
        parts = [
            to_string(item) if not (isinstance(item, Prim) and item.value in (None, UNDEFINED)) else ""
            for item in array.items
        ]
        if separator is None or any(p is None for p in parts):
            return Unknown("`.join` cannot be evaluated", site.span)
        total = sum(len(p or "") + len(separator) for p in parts)
        if total > MAX_STRING_LENGTH:
            return long_string_or_error(total, site.span)
        return Prim(js_strings.normalize(separator.join(p or "" for p in parts)), site.span)

    def includes_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not args or not isinstance(args[0], Prim):
            return Unknown("`.includes` cannot be evaluated", site.span)
        target = args[0]
        if any(not isinstance(i, Prim) for i in array.items):
            return Unknown("`.includes` over objects cannot be evaluated", site.span)
        return Prim(any(isinstance(i, Prim) and same_value_zero(i, target) for i in array.items), site.span)

    def slice_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        start, end = integer_arg(args, 0, 0.0), integer_arg(args, 1, math.inf)
        if start is None or end is None:
            return Unknown("`.slice` cannot be evaluated", site.span)
        size = len(array.items)
        first, last = js_numbers.relative_index(start, size), js_numbers.relative_index(end, size)
        return JSArray(array.items[first:last], site.span)

    def for_each_impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        callback = args[0] if args else Prim(UNDEFINED, site.span)
        this = args[1] if len(args) > 1 else None  # `thisArg`
        for index, item in enumerate(list(array.items)):
            ev.call(
                callback,
                [item, Prim(float(index), item.span), array],
                CallSite(item.span or site.span, [item.span]),
                this,
            )
        return Prim(UNDEFINED, site.span)

    methods = {
        "forEach": Builtin("Array.forEach", for_each_impl),
        "map": mapper(False),
        "flatMap": mapper(True),
        "filter": Builtin("Array.filter", filter_impl),
        "reduce": Builtin("Array.reduce", reduce_impl),
        "concat": Builtin("Array.concat", concat_impl),
        "join": Builtin("Array.join", join_impl),
        "includes": Builtin("Array.includes", includes_impl),
        "slice": Builtin("Array.slice", slice_impl),
    }
    method = methods.get(name)
    if method is None:
        from schemalint.parser.js_array_search import search_method  # find, indexOf, some...

        method = search_method(array, name)
    if method is not None:
        return method
    return Unknown(f"the array method `.{name}` cannot be evaluated", span)
