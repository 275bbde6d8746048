"""The `convex` package, modelled: `v.*` validators, `defineTable`, `defineSchema` and methods.

Semantics follow convex@1.48.0 `src/values/validator.ts`, `validators.ts` and
`src/server/schema.ts` (convex-semantics.md §1-§2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.ir import (
    DbIndex,
    Field,
    SearchIndex,
    Validator,
    VAny,
    VArray,
    VBoolean,
    VBytes,
    VCommitTs,
    VectorIndex,
    VFloat64,
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
from schemalint.parser.js import truthy, unknown_from
from schemalint.parser.values import (
    UNDEFINED,
    BigInt,
    Builtin,
    CallSite,
    FunctionValue,
    JSArray,
    JSObject,
    OpaqueValue,
    Prim,
    Property,
    SchemaValue,
    TableDefValue,
    TableProblem,
    Unknown,
    ValidatorValue,
    Value,
)

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

UNDEFINED_VALIDATOR_HELP = "This is often caused by circular imports."


def _arg(args: list[Value], index: int, site: CallSite) -> Value:
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
    return validator_value(literal_validator(_arg(args, 0, site), site.span))


def _v_id(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    table = _arg(args, 0, site)
    if isinstance(table, Prim) and isinstance(table.value, str):
        return validator_value(VId(table_name=table.value, span=site.span))
    if isinstance(table, Unknown):
        return validator_value(VUnknown(reason=table.reason, span=table.span or site.span))
    return validator_value(
        VUnknown(reason=f"v.id(tableName) requires a string, not {table.describe()}", span=site.span)
    )


def _v_array(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    element = to_validator(_arg(args, 0, site), "in v.array()", site.arg_span(0))
    return validator_value(VArray(element=element, span=site.span))


def _v_object(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    fields = _arg(args, 0, site)
    if isinstance(fields, JSObject):
        return validator_value(object_validator(fields, site.span))
    return validator_value(
        to_validator(
            unknown_from(fields, "v.object() needs an object of validators"), "in v.object()", site.span
        )
    )


def _v_record(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    keys = to_validator(_arg(args, 0, site), 'for field "key" in v.record()', site.arg_span(0))
    values = to_validator(_arg(args, 1, site), 'for field "value" in v.record()', site.arg_span(1))
    return validator_value(VRecord(keys=keys, values=values, span=site.span))


def _v_union(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    members = tuple(
        to_validator(arg, f'for field "member at index {i}" in v.union()', site.arg_span(i))
        for i, arg in enumerate(args)
    )
    return validator_value(VUnion(members=members, span=site.span))


def _v_optional(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = to_validator(_arg(args, 0, site), "in v.optional()", site.arg_span(0))
    return validator_value(dataclasses.replace(inner, optional=True, span=site.span))


def _v_nullable(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    inner = to_validator(_arg(args, 0, site), "in v.nullable()", site.arg_span(0))
    return validator_value(VUnion(members=(inner, VNull(span=site.span)), span=site.span))


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
        "optional": Builtin("v.optional", _v_optional),
        "nullable": Builtin("v.nullable", _v_nullable),
    },
)


# ---------------------------------------------------------------------------------- validator members


def _strings(args: list[Value]) -> list[str] | None:
    result: list[str] = []
    for arg in args:
        if not (isinstance(arg, Prim) and isinstance(arg.value, str)):
            return None
        result.append(arg.value)
    return result


def _object_method(validator: VObject, name: str) -> Builtin | None:
    def pick(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        keys = _strings(args)
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
        keys = _strings(args)
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
        extra = _arg(args, 0, site)
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
    if isinstance(validator, VUnknown):
        return Unknown(validator.reason, validator.span)
    return Unknown(f"`.{name}` of {value.describe()} cannot be evaluated", span)


# ---------------------------------------------------------------------------------- tables


def _define_table(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    argument = _arg(args, 0, site)
    if isinstance(argument, JSObject):
        document = validator_value(object_validator(argument, argument.span or site.span))
    elif isinstance(argument, ValidatorValue):
        document = argument
    else:
        document = validator_value(
            to_validator(
                unknown_from(argument, "defineTable() needs fields or a validator"),
                "in defineTable()",
                site.arg_span(0),
            )
        )
    return TableDefValue(document=document, span=site.span)


def _string_list(value: Value) -> list[str] | None:
    if not isinstance(value, JSArray):
        return None
    strings = _strings(value.items)
    return strings


def _problem(table: TableDefValue, message: str, value: Value, span: Span | None) -> Value:
    quiet = isinstance(value, Unknown) and value.quiet
    detail = value.reason if isinstance(value, Unknown) else value.describe()
    table.problems.append(TableProblem(f"{message}: {detail}", value.span or span, quiet))
    return table


def _name_arg(table: TableDefValue, args: list[Value], site: CallSite, what: str) -> str | None:
    name = _arg(args, 0, site)
    if isinstance(name, Prim) and isinstance(name.value, str):
        return name.value
    _problem(table, f"the name of {what} cannot be evaluated", name, site.span)
    return None


def _table_index(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        name = _name_arg(table, args, site, "an index")
        if name is None:
            return table
        config = _arg(args, 1, site)
        staged = False
        fields_value = config
        if isinstance(config, JSObject):
            fields_value = config.get("fields") or Prim(UNDEFINED, config.span)
            staged_value = config.get("staged")
            staged = bool(truthy(staged_value)) if staged_value is not None else False
        fields = _string_list(fields_value)
        if fields is None:
            return _problem(
                table, f"the fields of index `{name}` cannot be evaluated", fields_value, site.span
            )
        table.indexes.append(
            DbIndex(name=name, fields=tuple(fields), staged=staged, span=site.method_span or site.span)
        )
        return table

    return Builtin("TableDefinition.index", impl)


def _config(table: TableDefValue, args: list[Value], site: CallSite, name: str) -> JSObject | None:
    config = _arg(args, 1, site)
    if isinstance(config, JSObject):
        return config
    _problem(table, f"the configuration of index `{name}` cannot be evaluated", config, site.span)
    return None


def _filter_fields(
    table: TableDefValue, config: JSObject, name: str, site: CallSite
) -> tuple[str, ...] | None:
    raw = config.get("filterFields")
    if raw is None or (isinstance(raw, Prim) and raw.value in (None, UNDEFINED)):
        return ()
    fields = _string_list(raw)
    if fields is None:
        _problem(table, f"the filter fields of index `{name}` cannot be evaluated", raw, site.span)
        return None
    return tuple(fields)


def _table_search_index(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        name = _name_arg(table, args, site, "a search index")
        config = _config(table, args, site, name or "?") if name is not None else None
        if name is None or config is None:
            return table
        field = config.get("searchField")
        if not (isinstance(field, Prim) and isinstance(field.value, str)):
            return _problem(
                table,
                f"the search field of index `{name}` cannot be evaluated",
                field or Prim(UNDEFINED),
                site.span,
            )
        filters = _filter_fields(table, config, name, site)
        if filters is None:
            return table
        staged = bool(truthy(config.get("staged") or Prim(False)))
        table.search_indexes.append(
            SearchIndex(
                name=name,
                search_field=field.value,
                filter_fields=filters,
                staged=staged,
                span=site.method_span or site.span,
            )
        )
        return table

    return Builtin("TableDefinition.searchIndex", impl)


def _table_vector_index(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        name = _name_arg(table, args, site, "a vector index")
        config = _config(table, args, site, name or "?") if name is not None else None
        if name is None or config is None:
            return table
        field = config.get("vectorField")
        if not (isinstance(field, Prim) and isinstance(field.value, str)):
            return _problem(
                table,
                f"the vector field of index `{name}` cannot be evaluated",
                field or Prim(UNDEFINED),
                site.span,
            )
        raw_dimensions = config.get("dimensions")
        dimensions: str | float | bool | None
        if raw_dimensions is None or (
            isinstance(raw_dimensions, Prim) and raw_dimensions.value in (None, UNDEFINED)
        ):
            dimensions = None
        elif isinstance(raw_dimensions, Prim) and isinstance(raw_dimensions.value, str | float | bool):
            dimensions = raw_dimensions.value
        else:
            return _problem(
                table, f"the dimensions of index `{name}` cannot be evaluated", raw_dimensions, site.span
            )
        filters = _filter_fields(table, config, name, site)
        if filters is None:
            return table
        staged = bool(truthy(config.get("staged") or Prim(False)))
        table.vector_indexes.append(
            VectorIndex(
                name=name,
                vector_field=field.value,
                dimensions=dimensions,
                filter_fields=filters,
                staged=staged,
                span=site.method_span or site.span,
            )
        )
        return table

    return Builtin("TableDefinition.vectorIndex", impl)


def _table_staged(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if table.staged_document is not None:
            table.problems.append(
                TableProblem("Table cannot have more than one staged validator.", site.span)
            )
            return table
        argument = _arg(args, 0, site)
        if isinstance(argument, ValidatorValue):
            table.staged_document = argument
            return table
        if not isinstance(argument, JSObject):
            return _problem(table, "the staged validator cannot be evaluated", argument, site.span)
        current = table.document.validator
        if not isinstance(current, VObject | VAny):
            table.problems.append(
                TableProblem(
                    "Specifying top-level field changes is only supported for simple table definitions. "
                    "For a table defined with a union or record validator, "
                    "you must stage a fully defined object or union validator.",
                    site.span,
                )
            )
            return table
        merged = fields_object(current) if isinstance(current, VObject) else JSObject(span=site.span)
        for key, prop in argument.ordered_items():
            merged.props[key] = prop
        for key in [
            k for k, p in merged.props.items() if isinstance(p.value, Prim) and p.value.value is UNDEFINED
        ]:
            del merged.props[key]
        merged.unknown_parts.extend(argument.unknown_parts)
        table.staged_document = validator_value(object_validator(merged, site.span))
        return table

    return Builtin("TableDefinition.staged", impl)


def table_member(table: TableDefValue, name: str, span: Span | None) -> Value:
    if name == "index":
        return _table_index(table)
    if name == "searchIndex":
        return _table_search_index(table)
    if name == "vectorIndex":
        return _table_vector_index(table)
    if name == "staged":
        return _table_staged(table)
    if name == "validator":
        return table.document
    return Unknown(f"`.{name}` of a table definition cannot be evaluated", span)


# ---------------------------------------------------------------------------------- schema


def _define_schema(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    tables = _arg(args, 0, site)
    schema = SchemaValue(
        tables=tables if isinstance(tables, JSObject) else JSObject(span=site.span), span=site.span
    )
    if not isinstance(tables, JSObject):
        detail = tables.reason if isinstance(tables, Unknown) else tables.describe()
        schema.problems.append(
            TableProblem(
                f"the tables of the schema cannot be evaluated: {detail}",
                tables.span or site.span,
                isinstance(tables, Unknown) and tables.quiet,
            )
        )
    options = _arg(args, 1, site)
    if isinstance(options, JSObject):
        for key, attribute in (
            ("schemaValidation", "schema_validation"),
            ("strictTableNameTypes", "strict_table_name_types"),
        ):
            option = options.get(key)
            if option is None or (isinstance(option, Prim) and option.value is UNDEFINED):
                continue
            if isinstance(option, Prim) and isinstance(option.value, bool):
                setattr(schema, attribute, option.value)
            else:
                detail = option.reason if isinstance(option, Unknown) else option.describe()
                schema.problems.append(
                    TableProblem(
                        f"the schema option `{key}` cannot be evaluated: {detail}", option.span or site.span
                    )
                )
    elif not (isinstance(options, Prim) and options.value is UNDEFINED):
        detail = options.reason if isinstance(options, Unknown) else options.describe()
        schema.problems.append(
            TableProblem(f"the schema options cannot be evaluated: {detail}", options.span or site.span)
        )
    return schema


def schema_member(schema: SchemaValue, name: str, span: Span | None) -> Value:
    if name == "tables":
        return schema.tables
    if name == "schemaValidation":
        return Prim(schema.schema_validation, span)
    return Unknown(f"`.{name}` of a schema cannot be evaluated", span)


DEFINE_TABLE = Builtin("defineTable", _define_table)
DEFINE_SCHEMA = Builtin("defineSchema", _define_schema)


# ---------------------------------------------------------------------------------- functions


def _registration(kind: str, visibility: str) -> Builtin:
    """`query`, `internalMutation`, ...: `builder({args?, returns?, handler})` or `builder(handler)`."""

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        definition = _arg(args, 0, site)
        arguments: Validator | None = None
        returns: Validator | None = None
        if isinstance(definition, JSObject):
            raw_args = definition.get("args")
            if isinstance(raw_args, JSObject):
                arguments = object_validator(raw_args, raw_args.span)
            elif raw_args is not None and not (isinstance(raw_args, Prim) and raw_args.value is UNDEFINED):
                arguments = to_validator(raw_args, "in args", raw_args.span or site.span)
            raw_returns = definition.get("returns")
            if raw_returns is not None and not (
                isinstance(raw_returns, Prim) and raw_returns.value is UNDEFINED
            ):
                returns = to_validator(raw_returns, "in returns", raw_returns.span or site.span)
        elif isinstance(definition, Unknown):
            return definition
        return FunctionValue(kind, visibility, arguments, returns, site.span)

    name = kind if visibility == "public" else "internal" + kind.capitalize()
    return Builtin(name, impl)


REGISTRATIONS = {
    ("public" if not name.startswith("internal") else "internal", kind): name
    for name, kind in (
        ("query", "query"),
        ("mutation", "mutation"),
        ("action", "action"),
        ("internalQuery", "query"),
        ("internalMutation", "mutation"),
        ("internalAction", "action"),
    )
}


def _opaque_factory(name: str, methods: tuple[str, ...] = ()) -> Builtin:
    """A function returning an object schemalint does not model (an HTTP router, a cron table),
    whose methods accept anything and return `undefined`."""

    def ignore(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        return Prim(UNDEFINED, site.span)

    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        members: dict[str, object] = {m: Builtin(f"{name}.{m}", ignore) for m in methods}
        return OpaqueValue(name, members, site.span)

    return Builtin(name, impl)


HTTP_ACTION = _opaque_factory("httpAction")
HTTP_ROUTER = _opaque_factory("httpRouter", ("route", "lookup"))
CRON_JOBS = _opaque_factory("cronJobs", ("interval", "cron", "hourly", "daily", "weekly", "monthly"))


def generated_server_exports() -> dict[str, Value]:
    """What `convex/_generated/server` exports, when the generated file is not on disk."""
    exports: dict[str, Value] = {
        name: _registration(kind, visibility) for (visibility, kind), name in REGISTRATIONS.items()
    }
    exports["httpAction"] = HTTP_ACTION
    return exports


def _pagination_opts() -> Validator:
    def field(name: str, validator: Validator) -> Field:
        return Field(name=name, validator=validator)

    string_or_null = VUnion(members=(VString(), VNull()))
    return VObject(
        fields=(
            field("numItems", VFloat64()),
            field("cursor", string_or_null),
            field("endCursor", dataclasses.replace(string_or_null, optional=True)),
            field("id", VFloat64(optional=True)),
            field("maximumRowsRead", VFloat64(optional=True)),
            field("maximumBytesRead", VFloat64(optional=True)),
        )
    )


def _pagination_result(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    item = to_validator(_arg(args, 0, site), "in paginationResultValidator()", site.arg_span(0))
    status = VUnion(
        members=(
            VLiteral(value="SplitRecommended", value_type="string"),
            VLiteral(value="SplitRequired", value_type="string"),
            VNull(),
        ),
        optional=True,
    )
    fields = (
        Field(name="page", validator=VArray(element=item)),
        Field(name="continueCursor", validator=VString()),
        Field(name="isDone", validator=VBoolean()),
        Field(name="splitCursor", validator=VUnion(members=(VString(), VNull()), optional=True)),
        Field(name="pageStatus", validator=status),
    )
    return validator_value(VObject(fields=fields, span=site.span))


def convex_server_exports() -> dict[str, Value]:
    exports: dict[str, Value] = {"defineSchema": DEFINE_SCHEMA, "defineTable": DEFINE_TABLE}
    for (visibility, kind), name in REGISTRATIONS.items():
        exports[name + "Generic"] = _registration(kind, visibility)
    exports["httpActionGeneric"] = HTTP_ACTION
    exports["httpRouter"] = HTTP_ROUTER
    exports["cronJobs"] = CRON_JOBS
    exports["paginationOptsValidator"] = validator_value(_pagination_opts())
    exports["paginationResultValidator"] = Builtin("paginationResultValidator", _pagination_result)
    return exports
