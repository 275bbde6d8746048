"""`defineTable`, `defineSchema` and table definition methods (`.index`, `.searchIndex`,
`.vectorIndex`, `.staged`), following convex@1.48.0 `src/server/schema.ts` (docs/convex-facts.md).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from schemalint.diagnostics import Span
from schemalint.ir import (
    DbIndex,
    SearchIndex,
    VAny,
    VectorIndex,
    VObject,
)
from schemalint.parser.js import truthy, unknown_from
from schemalint.parser.values import (
    UNDEFINED,
    Builtin,
    CallSite,
    JSArray,
    JSObject,
    Prim,
    SchemaValue,
    TableDefValue,
    TableProblem,
    Unknown,
    ValidatorValue,
    Value,
)
from schemalint.records import dataclass

if TYPE_CHECKING:
    from schemalint.parser.evaluator import Evaluator

from schemalint.parser.convex_values import (
    arg_at,
    constant_strings,
    live_fields,
    object_validator_value,
    to_validator,
    validator_value,
)

# ---------------------------------------------------------------------------------- tables


def _define_table(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    argument = arg_at(args, 0, site)
    if isinstance(argument, JSObject):
        document = object_validator_value(ev, argument, argument.span or site.span)
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
    if not isinstance(value, JSArray) or value.unknown is not None:
        return None
    strings = constant_strings(value.items)
    return strings


def _capture(table: TableDefValue, kind: str, position: int, value: Value | None) -> None:
    """Convex keeps the array passed as index fields (or filter fields) by reference."""
    if isinstance(value, JSArray):
        value.captured = True
        table.live_arrays.append((kind, position, value))


def _problem(table: TableDefValue, message: str, value: Value, span: Span | None) -> Value:
    quiet = isinstance(value, Unknown) and value.quiet
    detail = value.reason if isinstance(value, Unknown) else value.describe()
    table.problems.append(TableProblem(f"{message}: {detail}", value.span or span, quiet))
    return table


def _name_arg(table: TableDefValue, args: list[Value], site: CallSite, what: str) -> str | None:
    name = arg_at(args, 0, site)
    if isinstance(name, Prim) and isinstance(name.value, str):
        return name.value
    _problem(table, f"the name of {what} cannot be evaluated", name, site.span)
    return None


def _table_index(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        name = _name_arg(table, args, site, "an index")
        if name is None:
            return table
        config = arg_at(args, 1, site)
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
        _capture(table, "db", len(table.indexes), fields_value)
        table.indexes.append(
            DbIndex(name=name, fields=tuple(fields), staged=staged, span=site.method_span or site.span)
        )
        return table

    return Builtin("TableDefinition.index", impl)


def _config(table: TableDefValue, args: list[Value], site: CallSite, name: str) -> JSObject | None:
    config = arg_at(args, 1, site)
    if isinstance(config, JSObject):
        return config
    _problem(table, f"the configuration of index `{name}` cannot be evaluated", config, site.span)
    return None


def _filter_fields(
    table: TableDefValue, config: JSObject, name: str, site: CallSite
) -> tuple[str, ...] | None:
    raw = config.get("filterFields")
    if raw is None or truthy(raw) is False:  # `indexConfig.filterFields || []`
        return ()
    fields = _string_list(raw)
    if fields is None:
        _problem(table, f"the filter fields of index `{name}` cannot be evaluated", raw, site.span)
        return None
    return tuple(fields)


@dataclass(frozen=True)
class _FieldIndexArgs:
    """What `.searchIndex(name, {...})` and `.vectorIndex(name, {...})` have in common."""

    name: str
    config: JSObject
    field: str
    filters: tuple[str, ...]
    staged: bool
    span: Span | None


def _field_index_args(
    table: TableDefValue, args: list[Value], site: CallSite, kind: str, field_key: str
) -> _FieldIndexArgs | None:
    """The evaluated arguments of a search or vector index, or None (a problem is recorded)."""
    name = _name_arg(table, args, site, f"a {kind} index")
    config = _config(table, args, site, name) if name is not None else None
    if name is None or config is None:
        return None
    field = config.get(field_key)
    if not (isinstance(field, Prim) and isinstance(field.value, str)):
        message = f"the {kind} field of index `{name}` cannot be evaluated"
        _problem(table, message, field or Prim(UNDEFINED), site.span)
        return None
    filters = _filter_fields(table, config, name, site)
    if filters is None:
        return None
    staged = bool(truthy(config.get("staged") or Prim(False)))
    return _FieldIndexArgs(name, config, field.value, filters, staged, site.method_span or site.span)


def _table_search_index(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        found = _field_index_args(table, args, site, "search", "searchField")
        if found is not None:
            index = SearchIndex(
                name=found.name,
                search_field=found.field,
                filter_fields=found.filters,
                staged=found.staged,
                span=found.span,
            )
            _capture(table, "search", len(table.search_indexes), found.config.get("filterFields"))
            table.search_indexes.append(index)
        return table

    return Builtin("TableDefinition.searchIndex", impl)


def _table_vector_index(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        found = _field_index_args(table, args, site, "vector", "vectorField")
        if found is None:
            return table
        raw = found.config.get("dimensions")
        dimensions: str | float | bool | None
        if raw is None or (isinstance(raw, Prim) and raw.value in (None, UNDEFINED)):
            dimensions = None  # exported without `dimensions`, as JSON.stringify drops undefined
        elif isinstance(raw, Prim) and isinstance(raw.value, str | float | bool):
            dimensions = raw.value
        else:
            return _problem(
                table, f"the dimensions of index `{found.name}` cannot be evaluated", raw, site.span
            )
        index = VectorIndex(
            name=found.name,
            vector_field=found.field,
            dimensions=dimensions,
            filter_fields=found.filters,
            staged=found.staged,
            span=found.span,
        )
        _capture(table, "vector", len(table.vector_indexes), found.config.get("filterFields"))
        table.vector_indexes.append(index)
        return table

    return Builtin("TableDefinition.vectorIndex", impl)


def _table_staged(table: TableDefValue) -> Builtin:
    def impl(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
        if table.staged_document is not None:
            table.problems.append(
                TableProblem("Table cannot have more than one staged validator.", site.span)
            )
            return table
        argument = arg_at(args, 0, site)
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
        enforced = live_fields(table.document) if isinstance(current, VObject) else None
        merged = JSObject(dict(enforced.props) if enforced else {}, span=site.span)
        if enforced is not None:
            merged.unknown_parts.extend(enforced.unknown_parts)
        for key, prop in argument.ordered_items():
            merged.props[key] = prop
        for key in [
            k for k, p in merged.props.items() if isinstance(p.value, Prim) and p.value.value is UNDEFINED
        ]:
            del merged.props[key]
        merged.unknown_parts.extend(argument.unknown_parts)
        table.staged_document = object_validator_value(ev, merged, site.span)
        return table

    return Builtin("TableDefinition.staged", impl)


def live_indexes(
    table: TableDefValue,
) -> tuple[list[DbIndex], list[SearchIndex], list[VectorIndex]]:
    """The table's indexes with the field lists Convex serialises at export: the current
    contents of the arrays that were passed in (they may have changed since)."""
    db, search, vector = list(table.indexes), list(table.search_indexes), list(table.vector_indexes)
    for kind, position, array in table.live_arrays:
        strings = _string_list(array)
        if strings is None:
            reason = array.unknown.reason if array.unknown is not None else "they are not constant strings"
            table.problems.append(
                TableProblem(f"the fields of an index changed after it was defined: {reason}", array.span)
            )
            continue
        current = tuple(strings)
        # Unchanged since the index was defined (the common case): the index stays as it is.
        if kind == "db":
            if db[position].fields != current:
                db[position] = dataclasses.replace(db[position], fields=current)
        elif kind == "search":
            if search[position].filter_fields != current:
                search[position] = dataclasses.replace(search[position], filter_fields=current)
        elif vector[position].filter_fields != current:
            vector[position] = dataclasses.replace(vector[position], filter_fields=current)
    table.live_arrays.clear()
    table.indexes, table.search_indexes, table.vector_indexes = db, search, vector
    return db, search, vector


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
    if name in _TABLE_INTERNALS:
        # A handle to the definition's own state (`t.indexes.push(...)` changes the export).
        reason = f"`.{name}` of the table definition is used; schemalint cannot follow what it changes"
        table.problems.append(TableProblem(reason, span))
        return Unknown(reason, span)
    return Unknown(f"`.{name}` of a table definition cannot be evaluated", span)


# Members of convex's TableDefinition that expose or replace its state (besides those modelled).
_TABLE_INTERNALS = frozenset(
    {"indexes", "stagedDbIndexes", "searchIndexes", "stagedSearchIndexes", "vectorIndexes"}
    | {"stagedVectorIndexes", "stagedValidator", " indexes", "export", "self"}
)


# ---------------------------------------------------------------------------------- schema


def _define_schema(ev: Evaluator, site: CallSite, args: list[Value]) -> Value:
    tables = arg_at(args, 0, site)
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
    options = arg_at(args, 1, site)
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
            elif isinstance(option, Unknown):
                message = f"the schema option `{key}` cannot be evaluated: {option.reason}"
                schema.problems.append(TableProblem(message, option.span or site.span))
            else:
                # Convex exports such a value as it is (`"schemaValidation": 0`); schemalint
                # keeps booleans only, so it says what it cannot represent instead of guessing.
                message = (
                    f"the schema option `{key}` is {option.describe()}, not a boolean: Convex "
                    "exports it unchanged, and schemalint does not know how the deployment reads it"
                )
                schema.problems.append(TableProblem(message, option.span or site.span))
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
