"""Writes to objects and arrays: assignment, `delete`, array mutators, `Object.assign`/`freeze`/
`defineProperty`, `Reflect.set`, and marking a value unknown when code schemalint does not model
may have changed it.

JS objects are references and Convex keeps them until `export()` (`v.object(fields)` keeps
`fields`), so every write goes through here: it updates the object in place and tells
`values.note_mutation`, which makes validators built from it recompute at export.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.ir import VUnknown
from schemalint.parser import js_numbers
from schemalint.parser.js import to_number, to_string, truthy
from schemalint.parser.values import (
    UNDEFINED,
    Builtin,
    CallSite,
    JSArray,
    JSObject,
    NamespaceValue,
    Prim,
    Property,
    SchemaValue,
    TableDefValue,
    TableProblem,
    Unknown,
    ValidatorValue,
    Value,
    note_mutation,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

MAX_ARRAY_LENGTH = 100_000


def poison(value: Value, unknown: Unknown) -> None:
    """Mark `value` as changed in a way schemalint cannot follow: everything read from it (and
    every validator or index built from it) becomes unknown, for the reason `unknown` gives."""
    if isinstance(value, JSObject):
        if value.props or not value.unknown_parts:
            value.props.clear()
            value.unknown_parts[:] = [unknown]
            note_mutation(value)
    elif isinstance(value, JSArray):
        if value.unknown is None:
            value.items.clear()
            value.unknown = unknown
            note_mutation(value)
    elif isinstance(value, TableDefValue | SchemaValue):
        value.problems.append(TableProblem(unknown.reason, unknown.span))
    elif isinstance(value, ValidatorValue):
        value.replace(VUnknown(reason=unknown.reason, span=unknown.span))


def array_index(key: str) -> int | None:
    """`key` as an array index (the canonical decimal form of an integer below 2**32 - 1)."""
    if key.isascii() and key.isdigit() and (key == "0" or not key.startswith("0")):
        index = int(key)
        if index < 2**32 - 1:
            return index
    return None


def _set_prototype(ev: Evaluator, target: JSObject, value: Value, span: Span | None) -> None:
    """`target.__proto__ = value` (no own `__proto__`): `Object.prototype`'s setter changes the
    prototype when `value` is an object; a primitive other than null is ignored. What schemalint
    cannot follow (another `__proto__` up the chain, a frozen target, a null or non-plain
    prototype) makes the inherited members unknown, never own fields."""
    if isinstance(value, Prim) and value.value is not None:
        if _chain_is_plain(target):
            return
        poison(target, Unknown("`__proto__` is assigned through a prototype schemalint cannot follow", span))
        return
    own_hidden = target.hidden is not None and "__proto__" in target.hidden
    if not _chain_is_plain(target) or target.frozen or own_hidden:
        poison(target, Unknown("`__proto__` is assigned where schemalint cannot follow it", span))
        return
    current: Value | None = value
    while isinstance(current, JSObject):
        if current is target:
            ev.report_throw("TypeError: Cyclic __proto__ value", span)
            return
        current = current.proto
    if isinstance(value, JSObject | NamespaceValue | Unknown):
        target.proto = value
    else:
        target.proto = Unknown(f"the prototype is {value.describe()}, which schemalint does not model", span)
    note_mutation(target)


def _chain_is_plain(target: JSObject) -> bool:
    """Whether `target`'s prototypes are plain objects ending in `Object.prototype`, none with
    its own `__proto__` (so that assigning `__proto__` reaches `Object.prototype`'s setter)."""
    current: Value | None = target.proto
    seen = 0
    while current is not None:
        if not isinstance(current, JSObject) or current.unknown_parts or seen > 100:
            return False
        if "__proto__" in current.props or (current.hidden is not None and "__proto__" in current.hidden):
            return False
        if current.setters is not None and "__proto__" in current.setters:
            return False
        current, seen = current.proto, seen + 1
    return not target.unknown_parts


def set_member(ev: Evaluator, target: Value, key: str, value: Value, span: Span | None) -> Value:
    """`target[key] = value` in strict mode; returns `value`."""
    if isinstance(target, JSObject):
        if target.setters is not None and key in target.setters:
            ev.call(target.setters[key], [value], CallSite(span, [span]), target)
            if target.getters is not None and key in target.getters:  # it may read what was set
                prop = target.props[key]
                reason = f"the getter `{key}` is read after its setter ran"
                target.props[key] = Property(Unknown(reason, span), prop.key_span, prop.span, prop.doc)
                note_mutation(target)
            return value
        if key == "__proto__" and key not in target.props:
            _set_prototype(ev, target, value, span)
            return value
        if target.frozen:
            verb = "assign to read only property" if key in target.props else "add property"
            ev.report_throw(f"TypeError: Cannot {verb} {key!r} of a frozen object", span)
            return value
        if target.hidden is not None and key in target.hidden:
            poison(
                target,
                Unknown(f"a property defined with `Object.defineProperty` ({key!r}) is assigned", span),
            )
            return value
        existing = target.props.get(key)
        if existing is not None:  # keeps the key's position, its span and its doc comment
            target.props[key] = Property(value, existing.key_span, existing.span, existing.doc)
        else:
            target.props[key] = Property(value, span, span)
        note_mutation(target)
        return value
    if isinstance(target, JSArray):
        _set_array_member(ev, target, key, value, span)
        return value
    if isinstance(target, Prim):
        ev.report_throw(f"TypeError: Cannot create property {key!r} on {target.describe()}", span)
        return value
    if isinstance(target, NamespaceValue):
        ev.report_throw(f"TypeError: Cannot assign to {key!r} of {target.describe()} (read-only)", span)
        return value
    if isinstance(target, Unknown):
        return value
    poison(target, Unknown(f"`.{key}` of {target.describe()} is assigned", span))
    return value


# JS arrays with holes (`0 in a` is false, `forEach` skips them) are not modelled.
_HOLES = "the array gets holes ({}), which schemalint does not model"


def _set_array_member(ev: Evaluator, array: JSArray, key: str, value: Value, span: Span | None) -> None:
    if array.frozen:
        ev.report_throw(f"TypeError: Cannot assign to read only property {key!r} of a frozen array", span)
        return
    if array.unknown is not None:
        return
    index = array_index(key)
    if key == "length":
        length = to_number(value) if isinstance(value, Prim) else None
        if length is None or math.isnan(length) or length < 0 or not length.is_integer():
            poison(array, Unknown("the array's length is set to a value that cannot be evaluated", span))
            return
        if length > MAX_ARRAY_LENGTH:
            poison(array, Unknown("the array's length is set too large to follow", span))
            return
        if length > len(array.items):
            poison(array, Unknown(_HOLES.format("its length is set beyond its items"), span))
            return
        del array.items[int(length) :]
    elif index is not None:
        if index >= MAX_ARRAY_LENGTH:
            poison(array, Unknown("an array index too large to follow is assigned", span))
            return
        if index > len(array.items):
            poison(array, Unknown(_HOLES.format("an index past its end is assigned"), span))
            return
        if index == len(array.items):
            array.items.append(value)
        else:
            array.items[index] = value
    else:
        return  # a named property on an array: not part of its items
    note_mutation(array)


def delete_member(ev: Evaluator, target: Value, key: str, span: Span | None) -> Value:
    """`delete target[key]` in strict mode; returns its result."""
    if isinstance(target, JSObject):
        if target.frozen and key in target.props:
            ev.report_throw(f"TypeError: Cannot delete property {key!r} of a frozen object", span)
            return Prim(False, span)
        if target.props.pop(key, None) is not None:
            note_mutation(target)
        return Prim(True, span)
    if isinstance(target, JSArray):
        index = array_index(key)
        if index is not None and index < len(target.items):
            if target.frozen:
                ev.report_throw(f"TypeError: Cannot delete property {key!r} of a frozen array", span)
                return Prim(False, span)
            poison(target, Unknown("an array element is deleted (leaving a hole)", span))
        return Prim(True, span)
    if isinstance(target, Unknown):
        return Unknown(target.reason, target.span, target.quiet)
    if isinstance(target, Prim) and target.value in (None, UNDEFINED):
        ev.report_throw(f"TypeError: Cannot convert {target.describe()} to object", span)
        return Prim(True, span)
    if not isinstance(target, Prim):
        poison(target, Unknown(f"`.{key}` of {target.describe()} is deleted", span))
    return Prim(True, span)


# ---------------------------------------------------------------------------------- arrays


def array_mutator(array: JSArray, name: str) -> Builtin | None:
    """The array methods that change the array in place, or None for other names."""

    def writable(ev: Evaluator, site: CallSite) -> bool:
        if array.frozen:
            ev.report_throw(f"TypeError: `.{name}()` on a frozen array", site.span)
            return False
        return array.unknown is None

    def push(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not writable(ev, site):
            return Unknown(f"`.{name}()` of an array that cannot be evaluated", site.span)
        if name == "push":
            array.items.extend(args)
        else:
            array.items[0:0] = args
        note_mutation(array)
        return Prim(float(len(array.items)), site.span)

    def pop(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not writable(ev, site):
            return Unknown(f"`.{name}()` of an array that cannot be evaluated", site.span)
        if not array.items:
            return Prim(UNDEFINED, site.span)
        note_mutation(array)
        return array.items.pop() if name == "pop" else array.items.pop(0)

    def reverse(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if writable(ev, site):
            array.items.reverse()
            note_mutation(array)
        return array

    def sort(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not writable(ev, site):
            return array
        keys = [to_string(item) for item in array.items]
        if (args and not (isinstance(args[0], Prim) and args[0].value is UNDEFINED)) or None in keys:
            poison(array, Unknown("`.sort()` with a comparator cannot be evaluated", site.span))
            return array
        order = sorted(range(len(keys)), key=lambda i: (keys[i] or "").encode("utf-16-be"))
        array.items[:] = [array.items[i] for i in order]
        note_mutation(array)
        return array

    def splice(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if not writable(ev, site):
            return Unknown("`.splice()` of an array that cannot be evaluated", site.span)
        length = len(array.items)
        bounds = [to_number(a) if isinstance(a, Prim) else None for a in args[:2]]
        if not bounds or any(b is None or math.isnan(b) for b in bounds):
            poison(array, Unknown("`.splice()` with arguments that cannot be evaluated", site.span))
            return Unknown("`.splice()` cannot be evaluated", site.span)
        start = _relative_index(bounds[0] or 0.0, length)
        wanted = js_numbers.to_integer(bounds[1] or 0.0) if len(bounds) > 1 else math.inf
        count = int(max(0, min(wanted, length - start)))
        removed = array.items[start : start + count]
        array.items[start : start + count] = args[2:]
        note_mutation(array)
        return JSArray(removed, site.span)

    def fill(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if writable(ev, site):
            if len(args) > 1:
                poison(array, Unknown("`.fill()` with bounds cannot be evaluated", site.span))
                return array
            array.items[:] = [args[0] if args else Prim(UNDEFINED, site.span)] * len(array.items)
            note_mutation(array)
        return array

    impls = {
        "push": push,
        "unshift": push,
        "pop": pop,
        "shift": pop,
        "reverse": reverse,
        "sort": sort,
        "splice": splice,
        "fill": fill,
    }
    impl = impls.get(name)
    return Builtin(f"Array.{name}", impl) if impl is not None else None


def _relative_index(value: float, length: int) -> int:
    index = int(value) if math.isfinite(value) else (length if value > 0 else 0)
    return max(0, length + index) if index < 0 else min(index, length)


# ---------------------------------------------------------------------------------- Object.*


def _target(args: list[Value]) -> Value:
    return args[0] if args else Prim(UNDEFINED)


def object_assign(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`Object.assign(target, ...sources)`: copies own enumerable keys into `target`."""
    target = _target(args)
    if not isinstance(target, JSObject):
        for source in args[1:]:
            if not (isinstance(source, Prim) and source.value in (None, UNDEFINED)):
                poison(target, Unknown("`Object.assign` into a value schemalint does not model", site.span))
        return (
            target
            if isinstance(target, Unknown)
            else Unknown("`Object.assign` cannot be evaluated", site.span)
        )
    for source in args[1:]:
        if isinstance(source, JSObject):
            for key, prop in source.ordered_items():
                set_member(ev, target, key, prop.value, prop.span or site.span)
            if source.unknown_parts:
                target.unknown_parts.extend(source.unknown_parts)
                note_mutation(target)
        elif isinstance(source, JSArray) and source.unknown is None:
            for index, item in enumerate(source.items):
                set_member(ev, target, str(index), item, site.span)
        elif isinstance(source, Prim) and isinstance(source.value, str):
            for index, char in enumerate(source.value):
                set_member(ev, target, str(index), Prim(char, site.span), site.span)
        elif isinstance(source, Prim):
            continue
        else:
            reason = source.reason if isinstance(source, Unknown) else f"{source.describe()} cannot be copied"
            target.unknown_parts.append(Unknown(reason, source.span or site.span))
            note_mutation(target)
    return target


def object_freeze(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    target = _target(args)
    if isinstance(target, JSObject | JSArray):
        target.frozen = True
    return target


def object_is_frozen(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    target = _target(args)
    if isinstance(target, JSObject | JSArray):
        return Prim(target.frozen, site.span)
    if isinstance(target, Prim):
        return Prim(True, site.span)
    return Unknown("`Object.isFrozen` cannot be evaluated", site.span)


def object_define_property(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`Object.defineProperty(obj, key, { value, enumerable })`; accessors make `obj` unknown."""
    target = _target(args)
    key_value = args[1] if len(args) > 1 else Prim(UNDEFINED)
    descriptor = args[2] if len(args) > 2 else Prim(UNDEFINED)
    key = to_string(key_value) if isinstance(key_value, Prim) else None
    if not isinstance(target, JSObject):
        if isinstance(target, Prim):
            ev.report_throw("TypeError: Object.defineProperty called on non-object", site.span)
        else:
            poison(target, Unknown("`Object.defineProperty` on a value schemalint does not model", site.span))
        return target
    if not isinstance(descriptor, JSObject):
        if isinstance(descriptor, Prim):
            ev.report_throw("TypeError: Property description must be an object", site.span)
        else:
            poison(
                target,
                Unknown("`Object.defineProperty` with a descriptor that cannot be evaluated", site.span),
            )
        return target
    enumerable = descriptor.get("enumerable")
    value = descriptor.get("value")
    plain = (
        key is not None and not descriptor.unknown_parts and not ({"get", "set"} & descriptor.props.keys())
    )
    if not plain or key is None:
        poison(target, Unknown("`Object.defineProperty` with an accessor or a computed key", site.span))
        return target
    if target.frozen:
        ev.report_throw(f"TypeError: Cannot define property {key!r}, object is not extensible", site.span)
        return target
    if key in target.props:
        # Redefining an existing (enumerable, writable) property keeps it enumerable unless told.
        if enumerable is not None and truthy(enumerable) is False:
            poison(target, Unknown(f"`Object.defineProperty` makes {key!r} non-enumerable", site.span))
            return target
    elif enumerable is None or truthy(enumerable) is not True:
        if target.hidden is None:
            target.hidden = {}
        if key in target.hidden:
            poison(target, Unknown(f"`Object.defineProperty` redefines {key!r}", site.span))
        else:
            target.hidden[key] = Property(value or Prim(UNDEFINED, site.span), site.span, site.span)
        return target
    set_member(ev, target, key, value if value is not None else Prim(UNDEFINED, site.span), site.span)
    return target


def reflect_set(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`Reflect.set(obj, key, value)`: like assignment, but returns false instead of throwing."""
    target = _target(args)
    key_value = args[1] if len(args) > 1 else Prim(UNDEFINED)
    key = to_string(key_value) if isinstance(key_value, Prim) else None
    value = args[2] if len(args) > 2 else Prim(UNDEFINED, site.span)
    if isinstance(target, JSObject | JSArray) and target.frozen:
        return Prim(False, site.span)
    if key is None:
        poison(target, Unknown("`Reflect.set` with a key that cannot be evaluated", site.span))
        return Unknown("`Reflect.set` cannot be evaluated", site.span)
    if isinstance(target, Prim):
        ev.report_throw("TypeError: Reflect.set called on non-object", site.span)
        return Prim(False, site.span)
    set_member(ev, target, key, value, site.span)
    return Prim(True, site.span)


def reflect_delete(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    target = _target(args)
    key_value = args[1] if len(args) > 1 else Prim(UNDEFINED)
    key = to_string(key_value) if isinstance(key_value, Prim) else None
    if isinstance(target, JSObject | JSArray) and target.frozen:
        return Prim(False, site.span)
    if key is None:
        poison(target, Unknown("`Reflect.deleteProperty` with a key that cannot be evaluated", site.span))
        return Unknown("`Reflect.deleteProperty` cannot be evaluated", site.span)
    return delete_member(ev, target, key, site.span)
