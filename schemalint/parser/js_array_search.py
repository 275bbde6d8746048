"""Array methods that search: `some`, `every`, `find`, `findIndex`, `indexOf`, `lastIndexOf`, `at`."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from schemalint.parser.js import to_number, truthy
from schemalint.parser.js_numbers import to_integer
from schemalint.parser.js_operators import strict_equal
from schemalint.parser.values import UNDEFINED, Builtin, CallSite, JSArray, Prim, Unknown, Value

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


def _predicate(kind: str, array: JSArray) -> Builtin:
    """`some`/`every`/`find`/`findIndex`: the callback runs until the answer is known, as in JS."""

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        callback = args[0] if args else Prim(UNDEFINED, site.span)
        for index, item in enumerate(list(array.items)):
            where = CallSite(item.span or site.span, [item.span])
            truth = truthy(ev.call(callback, [item, Prim(float(index), item.span), array], where))
            if truth is None:
                return Unknown(f"a `.{kind}` callback cannot be evaluated", site.span)
            if truth != (kind == "every"):
                found = {"some": Prim(True), "every": Prim(False), "find": item}
                return found.get(kind, Prim(float(index)))
        missing = {"some": Prim(False), "every": Prim(True), "find": Prim(UNDEFINED), "findIndex": Prim(-1.0)}
        return missing[kind]

    return Builtin(f"Array.{kind}", impl)


def _index_of(last: bool, array: JSArray) -> Builtin:
    """`indexOf`/`lastIndexOf` of a primitive (strict equality; NaN is never found)."""

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        target = args[0] if args else Prim(UNDEFINED)
        if not isinstance(target, Prim) or len(args) > 1 or any(not isinstance(i, Prim) for i in array.items):
            return Unknown("`.indexOf` cannot be evaluated here", site.span)
        indexes = range(len(array.items) - 1, -1, -1) if last else range(len(array.items))
        for index in indexes:
            item = array.items[index]
            if isinstance(item, Prim) and strict_equal(item, target):
                return Prim(float(index), site.span)
        return Prim(-1.0, site.span)

    return Builtin("Array.lastIndexOf" if last else "Array.indexOf", impl)


def _at(array: JSArray) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        arg = args[0] if args else Prim(UNDEFINED)
        number = to_number(arg) if isinstance(arg, Prim) else None
        if number is None:
            return Unknown("`.at` of an index that cannot be evaluated", site.span)
        index = to_integer(number)
        size = len(array.items)
        position = index + size if index < 0 else index
        if math.isinf(position) or not 0 <= position < size:
            return Prim(UNDEFINED, site.span)
        return array.items[int(position)]

    return Builtin("Array.at", impl)


def search_method(array: JSArray, name: str) -> Builtin | None:
    """The searching method `name` of `array`, if it is one."""
    if name in ("some", "every", "find", "findIndex"):
        return _predicate(name, array)
    if name in ("indexOf", "lastIndexOf"):
        return _index_of(name == "lastIndexOf", array)
    if name == "at":
        return _at(array)
    return None
