"""`convex/values`, modelled: the `v.*` validator builders and the validators' members.

Semantics follow convex@1.49.0 `src/values/validator.ts` and `validators.ts`
(docs/convex-facts.md, "Validators").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.ir import (
    Field,
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
from schemalint.parser.js import unknown_from
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


def validator_value(validator: Validator) -> ValidatorValue:
    return ValidatorValue(validator, span=validator.span)


def object_validator(fields: JSObject, span: Span | None, optional: bool = False) -> Validator:
    """`v.object(fields)`: fields in JS key order, with their source spans and comments."""
    ir_fields = tuple(
        Field(
            name=key,
            validator=to_validator(prop.value, f'for field "{key}" in v.object()', prop.span),
            span=prop.span,
            name_span=prop.key_span,
            doc=prop.doc,
        )
        for key, prop in fields.ordered_items()
    )
    unknown = tuple(VUnknown(reason=u.reason, span=u.span) for u in fields.unknown_parts)
    return VObject(fields=ir_fields, optional=optional, span=span, unknown_parts=unknown)


def fields_object(validator: VObject) -> JSObject:
    """An object validator's `.fields`, as a JS object of validators."""
    result = JSObject(span=validator.span)
    for f in validator.fields:
        result.props[f.name] = Property(validator_value(f.validator), f.name_span, f.span, f.doc)
    result.unknown_parts.extend(Unknown(u.reason, u.span) for u in validator.unknown_parts)
    return result


# ---------------------------------------------------------------------------------- v.*


def _simple(cls: type[Validator]) -> Callable[[Evaluator, CallSite, list[Value]], Value]:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        return validator_value(cls(span=site.span))

    return impl


def literal_validator(value: Value, span: Span | None) -> Validator:
    """`v.literal(value)`, recording unsupported values instead of failing."""
    if isinstance(value, Unknown):
        return VUnknown(reason=value.reason, span=value.span or span)
    if isinstance(value, Prim):
        v = value.value
        if isinstance(v, str):
            return VLiteral(value=v, value_type="string", span=span)
        if isinstance(v, bool):
            return VLiteral(value=v, value_type="boolean", span=span)
        if isinstance(v, float):
            return VLiteral(value=v, value_type="number", span=span)
        if isinstance(v, BigInt):
            return VLiteral(value=v.value, value_type="bigint", span=span)
    return VLiteral(value=value.describe(), value_type="unsupported", span=span)


def _v_literal(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    return validator_value(literal_validator(arg_at(args, 0, site), site.span))


def _v_id(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    table = arg_at(args, 0, site)
    if isinstance(table, Prim) and isinstance(table.value, str):
        return validator_value(VId(table_name=table.value, span=site.span))
    if isinstance(table, Unknown):
        return validator_value(VUnknown(reason=table.reason, span=table.span or site.span))
    return validator_value(
        VUnknown(reason=f"v.id(tableName) requires a string, not {table.describe()}", span=site.span)
    )


def _v_array(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    element = to_validator(arg_at(args, 0, site), "in v.array()", site.arg_span(0))
    return validator_value(VArray(element=element, span=site.span))


def _v_object(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    fields = arg_at(args, 0, site)
    if isinstance(fields, JSObject):
        return validator_value(object_validator(fields, site.span))
    return validator_value(
        to_validator(
            unknown_from(fields, "v.object() needs an object of validators"), "in v.object()", site.span
        )
    )


def _v_record(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    keys = to_validator(arg_at(args, 0, site), 'for field "key" in v.record()', site.arg_span(0))
    values = to_validator(arg_at(args, 1, site), 'for field "value" in v.record()', site.arg_span(1))
    return validator_value(VRecord(keys=keys, values=values, span=site.span))


def _v_union(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    members = tuple(
        to_validator(arg, f'for field "member at index {i}" in v.union()', site.arg_span(i))
        for i, arg in enumerate(args)
    )
    return validator_value(VUnion(members=members, span=site.span))


def _v_optional(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = to_validator(arg_at(args, 0, site), "in v.optional()", site.arg_span(0))
    return validator_value(dataclasses.replace(inner, optional=True, span=site.span))


def _v_nullable(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = to_validator(arg_at(args, 0, site), "in v.nullable()", site.arg_span(0))
    return validator_value(VUnion(members=(inner, VNull(span=site.span)), span=site.span))


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


# ---------------------------------------------------------------------------------- validator members


def constant_strings(args: list[Value]) -> list[str] | None:
    result: list[str] = []
    for arg in args:
        if not (isinstance(arg, Prim) and isinstance(arg.value, str)):
            return None
        result.append(arg.value)
    return result


def _object_method(validator: VObject, name: str) -> Builtin | None:
    def pick(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        keys = constant_strings(args)
        if keys is None:
            return Unknown("`.pick` needs constant field names", site.span)
        fields = []
        for key in keys:
            existing = validator.field(key)
            if existing is None:
                reason = (
                    f'a validator is undefined for field "{key}" in v.object() (`.pick` of a missing field)'
                )
                existing = Field(name=key, validator=VUnknown(reason=reason, span=site.span), span=site.span)
            fields.append(existing)
        deduped = {f.name: f for f in fields}
        return validator_value(dataclasses.replace(validator, fields=tuple(deduped.values()), span=site.span))

    def omit(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        keys = constant_strings(args)
        if keys is None:
            return Unknown("`.omit` needs constant field names", site.span)
        kept = tuple(f for f in validator.fields if f.name not in keys)
        return validator_value(dataclasses.replace(validator, fields=kept, span=site.span))

    def partial(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        fields = tuple(
            dataclasses.replace(f, validator=dataclasses.replace(f.validator, optional=True))
            for f in validator.fields
        )
        return validator_value(dataclasses.replace(validator, fields=fields, span=site.span))

    def extend(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        extra = arg_at(args, 0, site)
        if not isinstance(extra, JSObject):
            return unknown_from(extra, "`.extend` needs an object of validators")
        merged = fields_object(validator)
        for key, prop in extra.ordered_items():
            merged.props[key] = prop
        merged.unknown_parts.extend(extra.unknown_parts)
        return validator_value(object_validator(merged, site.span, optional=validator.optional))

    methods = {"pick": pick, "omit": omit, "partial": partial, "extend": extend}
    impl = methods.get(name)
    return Builtin(f"VObject.{name}", impl) if impl is not None else None


def validator_member(value: ValidatorValue, name: str, span: Span | None) -> Value:
    """`validator.name`: `.optional()`, object helpers and the public fields of validators."""
    validator = value.validator
    if name in ("optional", "asOptional"):

        def make_optional(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
            return validator_value(dataclasses.replace(validator, optional=True, span=site.span))

        return Builtin(f"{validator.kind}.{name}", make_optional)
    if name == "isConvexValidator":
        return Prim(True, span)
    if name == "isOptional":
        return Prim("optional" if validator.optional else "required", span)
    if name == "kind" and not isinstance(validator, VUnknown):
        return Prim(validator.kind, span)
    if isinstance(validator, VObject):
        if name == "fields":
            return fields_object(validator)
        method = _object_method(validator, name)
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
