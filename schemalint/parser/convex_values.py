"""`convex/values`, modelled: the `v.*` validator builders and the validators' members.

Semantics follow convex@1.49.0 `src/values/validator.ts` and `validators.ts`
(docs/convex-facts.md, "Validators").
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.ir import (
    Validator,
    VAny,
    VArray,
    VBoolean,
    VBytes,
    VCommitTs,
    VFloat64,
    VFunction,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VObject,
    VRecord,
    VString,
    VUnion,
    VUnknown,
)
from schemalint.parser.fast_ir import build_field, build_id, build_literal, leaf_builder
from schemalint.parser.js import unknown_from
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    CallSite,
    JSArray,
    JSObject,
    NamespaceValue,
    OpaqueValue,
    Prim,
    Property,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator


UNDEFINED_VALIDATOR_HELP = "This is often caused by circular imports."


def arg_at(args: list[Value], index: int, site: CallSite) -> Value:
    return args[index] if index < len(args) else Prim(UNDEFINED, site.span)


def to_validator(value: Value, context: str, span: Span | None) -> Validator:
    """The IR validator a value stands for; a `VUnknown` explaining why when it is not one."""
    if isinstance(value, ValidatorValue):
        return value.validator
    if isinstance(value, Unknown):
        return VUnknown(reason=value.reason, span=value.span or span)
    if isinstance(value, Prim) and value.value is UNDEFINED:
        return VUnknown(
            reason=f"a validator is undefined {context}. {UNDEFINED_VALIDATOR_HELP}", span=value.span or span
        )
    return VUnknown(reason=f"{value.describe()} is not a validator ({context})", span=value.span or span)


def arg_validator(value: Value, context: str, site: CallSite, index: int) -> Validator:
    """`to_validator` of the call argument at `index` (its span is computed only if needed)."""
    if isinstance(value, ValidatorValue):
        return value.validator
    return to_validator(value, context, site.arg_span(index))


# Per validator class: how `optional_copy` copies one.
_OPTIONAL_COPIES: dict[type[Validator], Callable[[Validator, Span | None], Validator]] = {}


def optional_copy(validator: Validator, span: Span | None) -> Validator:
    """`dataclasses.replace(validator, optional=True, span=span)`, without its per-call
    introspection of the class (`v.optional(...)` is everywhere in schemas)."""
    cls = type(validator)
    copy = _OPTIONAL_COPIES.get(cls)
    if copy is None:
        copy = _OPTIONAL_COPIES[cls] = _optional_copier(cls)
    return copy(validator, span)


def _optional_copier(cls: type[Validator]) -> Callable[[Validator, Span | None], Validator]:
    changed = ("optional", "span")
    kept = tuple(f.name for f in dataclasses.fields(cls) if f.init and f.name not in changed)
    if kept == ("name",):  # a validator without fields of its own (`v.string()`)
        build = leaf_builder(cls)
        return lambda validator, span: build(True, span, validator.name)
    if cls is VId and kept == ("name", "table_name"):  # `v.optional(v.id("t"))`: `build_id`
        return lambda validator, span: build_id(True, span, validator.name, validator.table_name)  # type: ignore[attr-defined]
    return lambda validator, span: cls(
        **{name: getattr(validator, name) for name in kept}, optional=True, span=span
    )


def validator_value(validator: Validator) -> ValidatorValue:
    return ValidatorValue(validator, None, validator.span)


def derived_validator(children: list[Value], build: Callable[[], Validator]) -> ValidatorValue:
    """A validator computed from `children`: recomputed at export when one of them may change."""
    for child in children:  # a loop, not `any(...)`: no generator per validator
        if isinstance(child, ValidatorValue) and child.lazy:
            built = ValidatorValue(build=build)
            built.span = built.validator.span
            return built
    return validator_value(build())


_intern = sys.intern


def _shared(text: str) -> str:
    """One string object for each short name the IR holds (field names, literals and table
    names repeat across tables: each repetition was its own copy, ~7 MB at 5,000 tables)."""
    return sys.intern(text) if type(text) is str and len(text) <= 64 else text


def object_validator(fields: JSObject, span: Span | None, optional: bool = False) -> Validator:
    """`v.object(fields)`: fields in JS key order, with their source spans and comments."""
    ir_fields = tuple(  # from a list: faster than from a generator
        [
            build_field(  # `Field(name=, validator=, span=, name_span=, doc=)`
                _intern(key) if type(key) is str and len(key) <= 64 else key,  # `_shared(key)`
                (
                    prop.value.validator
                    if isinstance(prop.value, ValidatorValue)
                    else to_validator(prop.value, f'for field "{key}" in v.object()', prop.span)
                ),
                prop.span,
                prop.key_span,
                prop.doc,
            )
            for key, prop in fields.ordered_items()
        ]
    )
    unknown = tuple(VUnknown(reason=u.reason, span=u.span) for u in fields.unknown_parts)
    return VObject(fields=ir_fields, optional=optional, span=span, unknown_parts=unknown)


def object_validator_value(
    ev: Evaluator | None, fields: JSObject, span: Span | None, optional: bool = False
) -> ValidatorValue:
    """`v.object(fields)` as Convex builds it: it checks the entries now and keeps `fields` by
    reference, so later changes to `fields` are part of the export."""
    if ev is not None and _first_non_validator(fields) is not None:
        for key, prop in fields.ordered_items():
            if isinstance(prop.value, ValidatorValue):
                continue  # the common case: nothing to check
            if check_validator(ev, prop.value, "v.object()", f'for field "{key}"', prop.span or span):
                # Convex throws at the first bad entry: there is no validator (reported).
                where = prop.value.span or prop.span or span
                return validator_value(VUnknown(reason="v.object() throws here", span=where))
    fields.captured = True
    return ValidatorValue(fields=fields, span=span, build=lambda: object_validator(fields, span, optional))


def _first_non_validator(fields: JSObject) -> Property | None:
    """The first entry of `fields` (in insertion order) that is not a validator, if any."""
    for prop in fields.props.values():  # a loop, not `any(...)`: no generator per object
        if not isinstance(prop.value, ValidatorValue):
            return prop
    return None


def fields_object(validator: VObject) -> JSObject:
    """An object validator's `.fields`, as a JS object of validators."""
    result = JSObject(span=validator.span)
    for f in validator.fields:
        result.props[f.name] = Property(validator_value(f.validator), f.name_span, f.span, f.doc)
    result.unknown_parts.extend(Unknown(u.reason, u.span) for u in validator.unknown_parts)
    return result


def live_fields(value: ValidatorValue) -> JSObject | None:
    """The fields object of an object validator (the one it was built from, when known)."""
    if value.fields is not None:
        return value.fields
    validator = value.validator
    return fields_object(validator) if isinstance(validator, VObject) else None


# A tuple, not a union: `isinstance` with `A | B` builds the union at every call.
_MAYBE_VALIDATOR = (ValidatorValue, Unknown, OpaqueValue, NamespaceValue)


def _is_known_non_validator(value: Value) -> bool:
    return not isinstance(value, _MAYBE_VALIDATOR)


def check_validator(ev: Evaluator, value: Value, context: str, field: str | None, span: Span | None) -> bool:
    """Report Convex's own error when `value` is undefined or not a validator where `context`
    (e.g. `v.object()`) requires one; returns whether it did."""
    if isinstance(value, Prim) and value.value is UNDEFINED:
        where = f" {field}" if field else ""
        ev.report_throw(
            f"A validator is undefined{where} in {context}. This is often caused by circular imports.",
            value.span or span,
        )
        return True
    if _is_known_non_validator(value):
        message = {
            "v.object()": "v.object() entries must be validators",
            "v.union()": "All members of v.union() must be validators",
            "v.record()": "Key and value of v.record() must be validators",
        }.get(context, f"{context} needs a validator")
        ev.report_throw(f"{message} (got {value.describe()})", value.span or span)
        return True
    return False


# ---------------------------------------------------------------------------------- v.*


# The impls of the `v` members without arguments (`v.string`, ...), with their builders: what
# `impl` returns for a call at `span` is `ValidatorValue(build(False, span, None), None, span)`
# (read by the shortcut in `validator_calls`, which skips the call site).
LEAF_BUILDERS: dict[object, Callable[[bool, Span | None, str | None], Validator]] = {}


def _simple(cls: type[Validator]) -> Callable[[Evaluator, CallSite, list[Value]], Value]:
    build = leaf_builder(cls)

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        span = site.span
        return ValidatorValue(build(False, span, None), None, span)  # `validator_value`, inlined

    LEAF_BUILDERS[impl] = build
    return impl


def literal_validator(value: Value, span: Span | None) -> Validator:
    """`v.literal(value)`, recording unsupported values instead of failing."""
    if isinstance(value, Unknown):
        return VUnknown(reason=value.reason, span=value.span or span)
    if isinstance(value, Prim):
        v = value.value
        # `VLiteral(value=, value_type=, span=)`
        if isinstance(v, str):
            return build_literal(False, span, None, _shared(v), "string")
        if isinstance(v, bool):
            return build_literal(False, span, None, v, "boolean")
        if isinstance(v, float):
            return build_literal(False, span, None, v, "number")
        if isinstance(v, BigInt):
            return build_literal(False, span, None, v.value, "bigint")
    return VLiteral(value=value.describe(), value_type="unsupported", span=span)


def _v_literal(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    validator = literal_validator(arg_at(args, 0, site), site.span)
    if isinstance(validator, VLiteral) and validator.value_type == "unsupported":
        ev.report_throw(
            f"v.literal(value) must be a string, number, or boolean (got {validator.value})", site.span
        )
        return Unknown("v.literal() threw", site.span, quiet=True)
    return validator_value(validator)


def _v_id(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    table = arg_at(args, 0, site)
    if isinstance(table, Prim) and isinstance(table.value, str):
        return validator_value(build_id(False, site.span, None, _shared(table.value)))  # `VId(...)`
    if isinstance(table, Unknown):
        return validator_value(VUnknown(reason=table.reason, span=table.span or site.span))
    if not isinstance(table, OpaqueValue | NamespaceValue):
        ev.report_throw(f"v.id(tableName) requires a string (got {table.describe()})", site.span)
        return Unknown("v.id() threw", site.span, quiet=True)
    return validator_value(
        VUnknown(reason=f"v.id(tableName) requires a string, not {table.describe()}", span=site.span)
    )


def _threw(ev: Evaluator, value: Value, context: str, field: str | None, span: Span | None) -> bool:
    return check_validator(ev, value, context, field, span)


def _threw_at(
    ev: Evaluator, value: Value, context: str, field: str | None, site: CallSite, index: int
) -> bool:
    """`_threw` for the call argument at `index` (its span is computed only if needed)."""
    if isinstance(value, ValidatorValue):
        return False
    return check_validator(ev, value, context, field, site.arg_span(index))


def _v_array(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    element_value = arg_at(args, 0, site)
    if isinstance(element_value, Prim) and element_value.value is UNDEFINED:
        _threw_at(ev, element_value, "v.array()", None, site, 0)
        return Unknown("v.array() threw", site.span, quiet=True)
    return derived_validator(
        [element_value],
        lambda: VArray(element=arg_validator(element_value, "in v.array()", site, 0), span=site.span),
    )


def _v_object(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    fields = arg_at(args, 0, site)
    if isinstance(fields, JSObject):
        return object_validator_value(ev, fields, site.span)
    return validator_value(
        to_validator(
            unknown_from(fields, "v.object() needs an object of validators"), "in v.object()", site.span
        )
    )


def _v_record(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    key_value, value_value = arg_at(args, 0, site), arg_at(args, 1, site)
    threw = _threw_at(ev, key_value, "v.record()", 'for field "key"', site, 0)
    threw = _threw_at(ev, value_value, "v.record()", 'for field "value"', site, 1) or threw
    for part, value in (("keys", key_value), ("values", value_value)):
        if not threw and isinstance(value, ValidatorValue) and value.validator.optional:
            ev.report_throw(f"Record validator cannot have optional {part}", value.span or site.span)
            threw = True
    if threw:
        return Unknown("v.record() threw", site.span, quiet=True)
    return derived_validator(
        [key_value, value_value],
        lambda: VRecord(
            keys=arg_validator(key_value, 'for field "key" in v.record()', site, 0),
            values=arg_validator(value_value, 'for field "value" in v.record()', site, 1),
            span=site.span,
        ),
    )


def _v_union(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    threw = False
    for i, arg in enumerate(args):
        if isinstance(arg, ValidatorValue):
            continue  # the common case: nothing to check
        threw = _threw(ev, arg, "v.union()", f'for field "member at index {i}"', site.arg_span(i)) or threw
    if threw:
        return Unknown("v.union() threw", site.span, quiet=True)
    members = list(args)
    return derived_validator(
        members,
        lambda: VUnion(
            members=tuple(
                arg.validator
                if isinstance(arg, ValidatorValue)
                else to_validator(arg, f'for field "member at index {i}" in v.union()', site.arg_span(i))
                for i, arg in enumerate(members)
            ),
            span=site.span,
        ),
    )


def _as_optional(value: Value, site: CallSite) -> Value:
    """`validator.asOptional()` (what `v.optional` calls); object validators keep their fields."""
    if isinstance(value, ValidatorValue) and value.fields is not None:
        fields = value.fields
        span = site.span
        return ValidatorValue(fields=fields, span=span, build=lambda: object_validator(fields, span, True))
    return derived_validator(
        [value],
        lambda: optional_copy(arg_validator(value, "in v.optional()", site, 0), site.span),
    )


def _v_optional(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = arg_at(args, 0, site)
    if _is_known_non_validator(inner):
        ev.report_throw(
            f"TypeError: v.optional() needs a validator, got {inner.describe()} (it has no `asOptional`)",
            inner.span or site.span,
        )
        return Unknown("v.optional() threw", site.span, quiet=True)
    return _as_optional(inner, site)


def _v_nullable(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner_value = arg_at(args, 0, site)
    if _threw_at(ev, inner_value, "v.union()", 'for field "member at index 0"', site, 0):
        return Unknown("v.nullable() threw", site.span, quiet=True)
    return derived_validator(
        [inner_value],
        lambda: VUnion(
            members=(
                arg_validator(inner_value, "in v.nullable()", site, 0),
                VNull(span=site.span),
            ),
            span=site.span,
        ),
    )


def _signature_part(signature: JSObject, key: str, span: Span | None) -> Validator | None:
    """`args` / `returns` of `v.function(...)`: a validator, or an object of them (`v.object`)."""
    prop = signature.props.get(key)
    if prop is None and not signature.unknown_parts:
        return None
    value = prop.value if prop is not None else unknown_from(signature.unknown_parts[0], "")
    if isinstance(value, Prim) and value.value is UNDEFINED:
        return None
    if isinstance(value, JSObject):
        return object_validator(value, value.span or span)
    return to_validator(value, f"for `{key}` in v.function()", prop.span if prop is not None else span)


def _v_function(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`v.function(signature?)` (convex 1.49): `fnType`, `args` and `returns` are all optional."""
    signature = arg_at(args, 0, site)
    if isinstance(signature, Prim) and signature.value in (None, UNDEFINED):
        return validator_value(VFunction(span=site.span))
    if not isinstance(signature, JSObject):
        reason = unknown_from(signature, "v.function() needs an object `{ fnType, args, returns }`")
        return validator_value(VUnknown(reason=reason.reason, span=reason.span or site.span))
    fn_type_prop = signature.props.get("fnType")
    fn_type: Value = fn_type_prop.value if fn_type_prop is not None else Prim(UNDEFINED)
    if fn_type_prop is None and signature.unknown_parts:
        fn_type = unknown_from(signature.unknown_parts[0], "")
    if not (isinstance(fn_type, Prim) and (fn_type.value is UNDEFINED or isinstance(fn_type.value, str))):
        reason = unknown_from(fn_type, "the `fnType` of v.function() is not a string")
        return validator_value(VUnknown(reason=reason.reason, span=reason.span or site.span))
    return validator_value(
        VFunction(
            fn_type=fn_type.value if isinstance(fn_type.value, str) else None,
            args=_signature_part(signature, "args", site.span),
            returns=_signature_part(signature, "returns", site.span),
            span=site.span,
        )
    )


V_OBJECT = OpaqueValue(
    "v",
    {
        "id": Builtin("v.id", _v_id),
        "null": Builtin("v.null", _simple(VNull)),
        "number": Builtin("v.number", _simple(VFloat64)),
        "float64": Builtin("v.float64", _simple(VFloat64)),
        "bigint": Builtin("v.bigint", _simple(VInt64)),
        "int64": Builtin("v.int64", _simple(VInt64)),
        "commitTs": Builtin("v.commitTs", _simple(VCommitTs)),
        "boolean": Builtin("v.boolean", _simple(VBoolean)),
        "string": Builtin("v.string", _simple(VString)),
        "bytes": Builtin("v.bytes", _simple(VBytes)),
        "literal": Builtin("v.literal", _v_literal),
        "array": Builtin("v.array", _v_array),
        "object": Builtin("v.object", _v_object),
        "record": Builtin("v.record", _v_record),
        "union": Builtin("v.union", _v_union),
        "any": Builtin("v.any", _simple(VAny)),
        "function": Builtin("v.function", _v_function),
        "optional": Builtin("v.optional", _v_optional),
        "nullable": Builtin("v.nullable", _v_nullable),
    },
    closed=True,  # exactly the members of `v` in convex 1.49.0
)


# ---------------------------------------------------------------------------------- plain calls
# What some `v` builtins return when called at `span` with plain arguments: one string for
# `v.id` and `v.literal`, plain validators for the wrappers. A plain validator is one these
# functions or `LEAF_BUILDERS` made: never lazy, without a fields object. Each function gives
# what the builtin gives for such arguments, and None where the builtin would throw (the
# shortcut in `validator_calls` then leaves the call to the general path). `tests/
# test_validator_calls.py` compares both paths.


def _plain_id(table: str, span: Span) -> ValidatorValue:
    # `_v_id`: `validator_value(build_id(False, span, None, _shared(table)))`, inlined.
    table = _intern(table) if len(table) <= 64 else table
    return ValidatorValue(build_id(False, span, None, table), None, span)


def _plain_literal(text: str, span: Span) -> ValidatorValue:
    # `_v_literal`: `validator_value(build_literal(False, span, None, _shared(text), "string"))`.
    text = _intern(text) if len(text) <= 64 else text
    return ValidatorValue(build_literal(False, span, None, text, "string"), None, span)


def _plain_optional(args: list[ValidatorValue], span: Span) -> ValidatorValue | None:
    return validator_value(optional_copy(args[0].validator, span))  # `_as_optional`


def _plain_array(args: list[ValidatorValue], span: Span) -> ValidatorValue | None:
    return validator_value(VArray(element=args[0].validator, span=span))


def _plain_nullable(args: list[ValidatorValue], span: Span) -> ValidatorValue | None:
    return validator_value(VUnion(members=(args[0].validator, VNull(span=span)), span=span))


def _plain_union(args: list[ValidatorValue], span: Span) -> ValidatorValue | None:
    return validator_value(VUnion(members=tuple([arg.validator for arg in args]), span=span))


def _plain_record(args: list[ValidatorValue], span: Span) -> ValidatorValue | None:
    keys, values = args[0].validator, args[1].validator
    if keys.optional or values.optional:
        return None  # Convex throws: reported by the general path
    return validator_value(VRecord(keys=keys, values=values, span=span))


# The builtins taking one string, with what they return for it.
PLAIN_TEXT_CALLS: dict[object, Callable[[str, Span], ValidatorValue]] = {
    _v_id: _plain_id,
    _v_literal: _plain_literal,
}
# The builtins wrapping validators: how many arguments they take here (0: one or more) and
# what they return for plain ones.
PLAIN_WRAPPERS: dict[object, tuple[int, Callable[[list[ValidatorValue], Span], ValidatorValue | None]]] = {
    _v_optional: (1, _plain_optional),
    _v_array: (1, _plain_array),
    _v_nullable: (1, _plain_nullable),
    _v_union: (0, _plain_union),
    _v_record: (2, _plain_record),
}


# ---------------------------------------------------------------------------------- validator members


def constant_strings(args: list[Value]) -> list[str] | None:
    result: list[str] = []
    for arg in args:
        if not (isinstance(arg, Prim) and isinstance(arg.value, str)):
            return None
        result.append(arg.value)
    return result


def _object_method(value: ValidatorValue, validator: VObject, name: str) -> Builtin | None:
    """`.pick`, `.omit`, `.partial`, `.extend`: each builds a new fields object, as Convex does."""
    optional = validator.optional

    def build(ev: Evaluator, site: CallSite, fields: JSObject) -> Value:
        return object_validator_value(ev, fields, site.span, optional)

    def current() -> JSObject:
        fields = live_fields(value)
        assert fields is not None
        return fields

    def pick(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        keys = constant_strings(args)
        if keys is None:
            return Unknown("`.pick` needs constant field names", site.span)
        source = current()
        if source.unknown_parts:
            return unknown_from(source.unknown_parts[0], "")
        picked = JSObject(span=site.span)
        for key in keys:
            prop = source.props.get(key)
            picked.props[key] = (
                prop if prop is not None else Property(Prim(UNDEFINED, site.span), site.span, site.span)
            )
        return build(ev, site, picked)

    def omit(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        keys = constant_strings(args)
        if keys is None:
            return Unknown("`.omit` needs constant field names", site.span)
        source = current()
        kept = JSObject(
            {k: p for k, p in source.props.items() if k not in keys},
            span=site.span,
            unknown_parts=list(source.unknown_parts),
        )
        return build(ev, site, kept)

    def partial(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        source = current()
        result = JSObject(span=site.span, unknown_parts=list(source.unknown_parts))
        for key, prop in source.ordered_items():
            optional_value = _as_optional(prop.value, CallSite(prop.span, [prop.span]))
            result.props[key] = Property(optional_value, prop.key_span, prop.span, prop.doc)
        return build(ev, site, result)

    def extend(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        extra = arg_at(args, 0, site)
        if not isinstance(extra, JSObject):
            return unknown_from(extra, "`.extend` needs an object of validators")
        source = current()
        merged = JSObject(dict(source.props), span=site.span, unknown_parts=list(source.unknown_parts))
        for key, prop in extra.ordered_items():
            merged.props[key] = prop
        merged.unknown_parts.extend(extra.unknown_parts)
        return build(ev, site, merged)

    methods = {"pick": pick, "omit": omit, "partial": partial, "extend": extend}
    impl = methods.get(name)
    return Builtin(f"VObject.{name}", impl) if impl is not None else None


def validator_member(value: ValidatorValue, name: str, span: Span | None) -> Value:
    """`validator.name`: `.optional()`, object helpers and the public fields of validators."""
    validator = value.validator
    if name in ("optional", "asOptional"):

        def make_optional(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            return _as_optional(value, site)

        return Builtin(f"{validator.kind}.{name}", make_optional)
    if name == "isConvexValidator":
        return Prim(True, span)
    if name == "isOptional":
        return Prim("optional" if validator.optional else "required", span)
    if name == "kind" and not isinstance(validator, VUnknown):
        return Prim(validator.kind, span)
    if isinstance(validator, VObject):
        if name == "fields":
            return live_fields(value) or fields_object(validator)
        method = _object_method(value, validator, name)
        if method is not None:
            return method
    if isinstance(validator, VUnion) and name == "members":
        return JSArray([validator_value(m) for m in validator.members], span)
    if isinstance(validator, VArray) and name == "element":
        return validator_value(validator.element)
    if isinstance(validator, VRecord) and name in ("key", "value"):
        return validator_value(validator.keys if name == "key" else validator.values)
    if isinstance(validator, VId) and name == "tableName":
        return Prim(validator.table_name, span)
    if isinstance(validator, VLiteral) and name == "value":
        literal = validator.value
        if validator.value_type == "bigint" and isinstance(literal, int):
            return Prim(BigInt(literal), span)
        if isinstance(literal, str | bool | float):
            return Prim(literal, span)
    if isinstance(validator, VFunction) and name in ("fnType", "args", "returns"):
        parts = {"fnType": validator.fn_type, "args": validator.args, "returns": validator.returns}
        part = parts[name]
        if part is None:
            return Prim(UNDEFINED, span)
        return Prim(part, span) if isinstance(part, str) else validator_value(part)
    if isinstance(validator, VUnknown):
        return Unknown(validator.reason, validator.span)
    return Unknown(f"`.{name}` of {value.describe()} cannot be evaluated", span)
