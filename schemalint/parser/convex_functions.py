"""Function builders: Convex's `query`/`internalMutation`/... and the custom builders of
convex-helpers (`customQuery(query, customCtx(...))`, row-level-security and trigger wrappers,
`zCustomQuery` and friends), modelled as pass-through builders: a function's args are the
builder's added args plus its own, and its kind and visibility are the base builder's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemalint.ir import Validator, VUnknown
from schemalint.parser.convex_values import arg_at, check_validator, object_validator, to_validator
from schemalint.parser.values import (
    UNDEFINED,
    Builtin,
    CallSite,
    FunctionBuilder,
    FunctionValue,
    JSObject,
    Prim,
    Property,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

ZOD_ARGS = "zod argument validators are not modelled"


def _defined(value: Value | None) -> bool:
    return value is not None and not (isinstance(value, Prim) and value.value is UNDEFINED)


def _register(ev: Evaluator, builder: FunctionBuilder, site: CallSite, args: list[Value]) -> Value:
    definition = arg_at(args, 0, site)
    if isinstance(definition, Unknown):
        return definition
    if builder.args_unknown is None and isinstance(definition, JSObject):
        _check_fields(ev, definition, site)
    arguments: Validator | None = None
    returns: Validator | None = None
    raw_args = definition.get("args") if isinstance(definition, JSObject) else None
    if isinstance(raw_args, ValidatorValue) and raw_args.fields is not None:
        raw_args = raw_args.fields  # `args: v.object({...})`: its fields, to add the builder's
    if builder.args_unknown is not None:
        arguments = VUnknown(reason=builder.args_unknown, span=site.span)
    elif isinstance(raw_args, JSObject) or (builder.added_args is not None and builder.added_args.props):
        merged = JSObject(span=raw_args.span if isinstance(raw_args, JSObject) else site.span)
        for source in (builder.added_args, raw_args):
            if isinstance(source, JSObject):
                merged.props.update(source.props)
                merged.unknown_parts.extend(source.unknown_parts)
        if raw_args is not None and _defined(raw_args) and not isinstance(raw_args, JSObject):
            arguments = to_validator(raw_args, "in args", site.span)  # a v.object(...) plus added args
        else:
            arguments = object_validator(merged, merged.span)
    elif _defined(raw_args):
        assert raw_args is not None
        arguments = to_validator(raw_args, "in args", raw_args.span or site.span)
    raw_returns = definition.get("returns") if isinstance(definition, JSObject) else None
    if raw_returns is not None and _defined(raw_returns):
        returns = to_validator(raw_returns, "in returns", raw_returns.span or site.span)
    notice = None
    if builder.args_unknown == ZOD_ARGS:
        notice = ZOD_ARGS
    elif builder.args_unknown is not None:
        notice = f"the args added by `{builder.custom}` cannot be read ({builder.args_unknown})"
    return FunctionValue(
        builder.kind,
        builder.visibility,
        arguments,
        returns,
        site.span,
        builder=builder.custom,
        notice=notice,
    )


def _check_fields(ev: Evaluator, definition: JSObject, site: CallSite) -> None:
    """Convex's own errors for `args: {...}` / `returns: {...}` entries that are undefined or not
    validators: the push calls each function's `exportArgs()`/`exportReturns()`, which build
    `v.object(...)` from them and throw."""
    for key in ("args", "returns"):
        fields = definition.get(key)
        if not isinstance(fields, JSObject) or fields.unknown_parts or fields.proto is not None:
            continue
        for name, prop in fields.props.items():
            value = prop.value
            if isinstance(value, Prim) and prop.span is not None:
                value = Prim(value.value, prop.span)  # (point at the field, not where `undefined` came from)
            check_validator(ev, value, "v.object()", f'for field "{name}"', prop.span or site.span)


def function_builder(
    kind: str,
    visibility: str,
    *,
    custom: str | None = None,
    added_args: JSObject | None = None,
    args_unknown: str | None = None,
) -> FunctionBuilder:
    """A builder registering `kind` functions: `builder({args?, returns?, handler})` or
    `builder(handler)`."""
    name = custom or (kind if visibility == "public" else "internal" + kind.capitalize())
    holder: list[FunctionBuilder] = []

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        return _register(ev, holder[0], site, args)

    builder = FunctionBuilder(
        name,
        impl,
        kind=kind,
        visibility=visibility,
        custom=custom,
        added_args=added_args,
        args_unknown=args_unknown,
    )
    holder.append(builder)
    return builder


def _custom(kind: str, name: str, zod: bool) -> Builtin:
    """`customQuery(base, mod)` (and the zod variants): a builder on top of `base`."""

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        base = arg_at(args, 0, site)
        mod = arg_at(args, 1, site)
        visibility = base.visibility if isinstance(base, FunctionBuilder) else "public"
        unknown: str | None = ZOD_ARGS if zod else None
        added: JSObject | None = None
        if isinstance(base, FunctionBuilder):
            added = base.added_args
            unknown = unknown or base.args_unknown
        elif not zod:
            unknown = "its base builder cannot be evaluated"
        mod_args = mod.get("args") if isinstance(mod, JSObject) else None
        if isinstance(mod_args, JSObject):
            combined = JSObject(span=mod_args.span)
            for part in (added, mod_args):
                if part is not None:
                    combined.props.update(part.props)
            added = combined
        elif isinstance(mod, JSObject) and not _defined(mod_args):
            pass  # `customCtx(...)`, `NoOp`, or a modifier that adds no args
        elif unknown is None:
            unknown = "its modifier cannot be evaluated"
        return function_builder(kind, visibility, custom=name, added_args=added, args_unknown=unknown)

    return Builtin(name, impl)


def _custom_ctx(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    """`customCtx(fn)`: a modifier that adds no args."""
    result = JSObject(span=site.span)
    result.props["args"] = Property(JSObject(span=site.span))
    return result


def custom_function_exports() -> dict[str, Value]:
    """`convex-helpers/server/customFunctions`."""
    no_op = JSObject()
    no_op.props["args"] = Property(JSObject())
    return {
        "customQuery": _custom("query", "customQuery", zod=False),
        "customMutation": _custom("mutation", "customMutation", zod=False),
        "customAction": _custom("action", "customAction", zod=False),
        "customCtx": Builtin("customCtx", _custom_ctx),
        "NoOp": no_op,
    }


def zod_exports() -> dict[str, Value]:
    """`convex-helpers/server/zod` (and `zod3`/`zod4`): the builders; zod itself is not modelled."""
    return {
        "zCustomQuery": _custom("query", "zCustomQuery", zod=True),
        "zCustomMutation": _custom("mutation", "zCustomMutation", zod=True),
        "zCustomAction": _custom("action", "zCustomAction", zod=True),
        "customCtx": Builtin("customCtx", _custom_ctx),
        "NoOp": custom_function_exports()["NoOp"],
    }
