"""Questions about the IR that more than one rule asks, answered once.

Field paths are dotted object keys from the document root ("address.city"), as in Convex
index definitions. Optionality is a flag on a validator (`Validator.optional`), never a wrapper,
so nothing here needs to unwrap `v.optional`; `unwrap_nullable` strips `v.nullable`'s union.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Literal, TypeVar, cast

from schemalint.convex_syntax import validator_source
from schemalint.diagnostics import PARSE_ERROR, UNRESOLVED_IMPORT, Span
from schemalint.identifiers import field_name_problem
from schemalint.ir import (
    DbIndex,
    Field,
    Project,
    Schema,
    SearchIndex,
    Table,
    Validator,
    VAny,
    VArray,
    VectorIndex,
    VFloat64,
    VId,
    VNull,
    VObject,
    VRecord,
    VString,
    VUnion,
    VUnknown,
)
from schemalint.records import dataclass
from schemalint.tablewalk import ContainerKind as ContainerKind
from schemalint.tablewalk import FieldRef as FieldRef
from schemalint.tablewalk import field_validators as field_validators
from schemalint.tablewalk import table_walk

SYSTEM_FIELDS = ("_id", "_creationTime")

# Validators that admit any value: `v.any()` and what the parser could not evaluate.
_OPEN = (VAny, VUnknown)

IndexKind = Literal["db", "search", "vector"]

T = TypeVar("T")


AnyIndex = DbIndex | SearchIndex | VectorIndex


@dataclass(frozen=True)
class IndexRef:
    """One index of a table, of any kind, staged or not."""

    table: Table
    index: AnyIndex
    kind: IndexKind

    @property
    def name(self) -> str:
        return self.index.name

    @property
    def span(self) -> Span | None:
        return self.index.span

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field path the index names: db fields; search or vector field, then filters."""
        index = self.index
        if isinstance(index, DbIndex):
            return index.fields
        if isinstance(index, SearchIndex):
            return (index.search_field, *index.filter_fields)
        return (index.vector_field, *index.filter_fields)


def iter_fields(
    validator: Validator, prefix: str = "", through: tuple[ContainerKind, ...] = ()
) -> Iterator[tuple[str, Field, tuple[ContainerKind, ...]]]:
    """`(path, field, through)` for every object field in `validator`, depth first, in order."""
    if isinstance(validator, VObject):
        for f in validator.fields:
            path = f"{prefix}.{f.name}" if prefix else f.name
            yield path, f, through
            yield from iter_fields(f.validator, path, through)
    elif isinstance(validator, VArray):
        yield from iter_fields(validator.element, prefix, (*through, "array"))
    elif isinstance(validator, VRecord):
        yield from iter_fields(validator.values, prefix, (*through, "record"))
    elif isinstance(validator, VUnion):
        for member in validator.members:
            yield from iter_fields(member, prefix, (*through, "union"))


def _memoized(table: Table, key: str, compute: Callable[[Table], tuple[T, ...]]) -> tuple[T, ...]:
    """`compute(table)` once per table: tables are immutable, and every rule walks them (each
    rule asks for every table, so the lookup itself is kept short: no closure, no key built)."""
    cached: tuple[T, ...] | None = table.__dict__.get(key)
    if cached is None:
        cached = compute(table)
        object.__setattr__(table, key, cached)  # a memo, not a field: eq/hash ignore it
    return cached


def memo_on(node: object, key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per IR node (a frozen table, schema or project): stored on the node
    itself, outside its fields, so that equality and hashing ignore it and the memo lives
    exactly as long as the IR it describes. `key` names the question; the answer must depend on
    the node alone."""
    slot = "_schemalint_" + key
    values = node.__dict__
    if slot in values:
        return cast(T, values[slot])
    value = compute()
    object.__setattr__(node, slot, value)
    return value


def table_named(schema: Schema, name: str) -> Table | None:
    """`schema.table(name)` through a dictionary built once per schema (the first table of
    that name, as `Schema.table` finds it)."""
    return memo_on(schema, "tables_by_name", lambda: _tables_by_name(schema)).get(name)


def _tables_by_name(schema: Schema) -> dict[str, Table]:
    found: dict[str, Table] = {}
    for table in schema.tables:
        found.setdefault(table.name, table)
    return found


def table_fields(table: Table) -> tuple[FieldRef, ...]:
    """Every field of the table's document at every depth, then those only in its staged one."""
    return table_walk(table).fields


def table_indexes(table: Table) -> tuple[IndexRef, ...]:
    """Every index of the table: database, then search, then vector (staged ones included)."""
    return _memoized(table, "_schemalint_indexes", _table_indexes)


def _table_indexes(table: Table) -> tuple[IndexRef, ...]:
    return (
        *(IndexRef(table=table, index=db, kind="db") for db in table.indexes),
        *(IndexRef(table=table, index=search, kind="search") for search in table.search_indexes),
        *(IndexRef(table=table, index=vector, kind="vector") for vector in table.vector_indexes),
    )


def can_contain_field(document: Validator, path: str) -> bool:
    """Whether a document valid under `document` can have a value at `path` (Convex's
    `can_contain_field`): objects are walked, a union passes if any member does, `any` passes
    everything, arrays, records and scalars fail; a single top-level system field always passes.
    An object with parts the parser could not evaluate (`VObject.unknown_parts`) may hold any
    further field, so it passes too.
    """
    parts = path.split(".")
    if len(parts) == 1 and parts[0] in SYSTEM_FIELDS:
        return True
    return _can_contain(document, parts)


def _can_contain(validator: Validator, parts: list[str]) -> bool:
    if not parts or isinstance(validator, _OPEN):
        return True
    if isinstance(validator, VObject):
        f = validator.field(parts[0])
        if f is None:
            return bool(validator.unknown_parts)
        return _can_contain(f.validator, parts[1:])
    if isinstance(validator, VUnion):
        return any(_can_contain(member, parts) for member in validator.members)
    return False


def resolve_field(table: Table, path: str) -> tuple[Validator, ...]:
    """The validators that can describe the value at `path` in the table's documents.

    Empty when the path cannot exist; one per union member that has it; an `any` (or
    unevaluated) validator met on the way stands for everything below it. The system fields
    resolve to `v.id(<table>)` and `v.number()`.
    """
    if path == "_id":
        return (VId(table_name=table.name),)
    if path == "_creationTime":
        return (VFloat64(),)
    return tuple(_resolve(table.document, path.split(".")))


def _resolve(validator: Validator, parts: list[str]) -> Iterator[Validator]:
    if not parts or isinstance(validator, _OPEN):
        yield validator
    elif isinstance(validator, VObject):
        f = validator.field(parts[0])
        if f is not None:
            yield from _resolve(f.validator, parts[1:])
    elif isinstance(validator, VUnion):
        for member in validator.members:
            yield from _resolve(member, parts)


def find_field(table: Table, path: str) -> Field | None:
    """The first field declared at `path` (through objects and union members), if any."""
    for ref in table_fields(table):
        if ref.path == path and ref.indexable:
            return ref.field
    return None


def is_leading_index_field(table: Table, path: str, *, include_staged: bool = True) -> bool:
    """Whether `path` is the first field of some database index of `table`."""
    return any(
        index.fields and index.fields[0] == path
        for index in table.indexes
        if include_staged or not index.staged
    )


def nesting_depth(validator: Validator) -> int:
    """How deeply values under `validator` nest: objects, arrays and records add a level,
    union members are alternatives (the deepest counts), scalars add none.
    A table of scalar fields has depth 1."""
    if isinstance(validator, VUnion):
        return max((nesting_depth(m) for m in validator.members), default=0)
    below = max((nesting_depth(child) for child in validator.children()), default=0)
    return below + 1 if isinstance(validator, VObject | VArray | VRecord) else 0


def alternatives(validator: Validator) -> tuple[Validator, ...]:
    """The members of a union, nested unions flattened; `(validator,)` for anything else."""
    if not isinstance(validator, VUnion):
        return (validator,)
    members = validator.members
    for member in members:
        if isinstance(member, VUnion):
            return tuple(m for member in members for m in alternatives(member))
    return members  # no nested union: nothing to flatten


def unwrap_nullable(validator: Validator) -> Validator:
    """The non-null member of `v.nullable(x)` / `v.union(x, v.null())`; else `validator`."""
    members = alternatives(validator)
    non_null = [m for m in members if not isinstance(m, VNull)]
    if len(non_null) == 1 and len(members) > 1:
        return non_null[0]
    return validator


def index_path(path: str) -> str:
    """`path` as Convex stores an index field path: surrounding dots trimmed."""
    return path.strip(".")


@functools.lru_cache(maxsize=4096)  # several index rules ask it about every index path
def index_path_problem(path: str) -> str | None:
    """Why Convex rejects `path` as an index, search, vector or filter field path (each
    `.`-separated part must be a valid field name; surrounding dots are ignored), or None."""
    trimmed = index_path(path)
    if not trimmed:
        return f"Empty path {path}"
    for part in trimmed.split("."):
        problem = field_name_problem(part)
        if problem is not None:
            return problem
    return None


def table_validators(table: Table) -> tuple[tuple[Validator, FieldRef | None], ...]:
    """Every validator of the table's document (and staged document), each with the field it
    describes: `None` for the document itself and what lies above its top-level objects (the
    members of a union document). Validators of the staged document already met are skipped.
    """
    walk = table_walk(table)
    return tuple(zip(walk.validators, walk.owners, strict=True))


def table_validators_of(table: Table, *kinds: type[Validator]) -> list[tuple[Validator, FieldRef | None]]:
    """The pairs of `table_validators(table)` whose validator is exactly of one of `kinds`
    (not a subclass), in the same order."""
    walk = table_walk(table)
    validators, owners = walk.validators, walk.owners
    return [(validators[p], owners[p]) for p in walk.positions(kinds)]


def describe_validator(validator: Validator) -> str:
    """`validator` written the way Convex prints validators in its errors (`v.float64()`,
    `v.array(v.string())`, `v.literal("a")`); objects show `{…}`, unevaluated parts `unknown`."""
    return validator_source(validator, with_optional=False, collapse=lambda _: True)


# --------------------------------------------------------------------------------------------
# What the modelling-convention rules ask (string-foreign-key, missing-foreign-key-index, ...)

SYSTEM_TABLES = ("_storage", "_scheduled_functions")


def is_package_table(table: Table) -> bool:
    """Whether the table comes from a package (e.g. `...authTables`), so that its user can
    neither rename it nor change its fields and indexes."""
    return table.origin.package is not None


def distinct_fields(table: Table) -> tuple[FieldRef, ...]:
    """`table_fields(table)` with each declaration once: a field reached again at the same
    source position (a spread shared by several union members) is skipped."""
    return table_walk(table).distinct


def distinct_fields_of(table: Table, *kinds: type[Validator]) -> list[FieldRef]:
    """The fields of `distinct_fields(table)` whose own validator (`FieldRef.validator`) is
    exactly of one of `kinds` (not a subclass), in the same order."""
    walk = table_walk(table)
    validators, owners = walk.validators, walk.owners
    found = []
    for position in walk.positions(kinds):
        ref = owners[position]
        if ref is not None and ref.field.validator is validators[position] and walk.is_distinct(ref):
            found.append(ref)
    return found


def is_distinct(ref: FieldRef) -> bool:
    """Whether `ref` is one of `distinct_fields(ref.table)` (the same object, not an equal one)."""
    return table_walk(ref.table).is_distinct(ref)


def is_string(validator: Validator) -> bool:
    """Whether `validator` is `v.string()`, optional or nullable included."""
    if not isinstance(validator, VUnion):
        return isinstance(validator, VString)  # `unwrap_nullable` gives anything else back
    return isinstance(unwrap_nullable(validator), VString)


def tables_may_be_incomplete(project: Project) -> bool:
    """Whether the schema may define tables its IR does not list: a schema-level part could not
    be evaluated (such as a spread of an unknown value), or the parser met a syntax error or an
    import it could not resolve."""
    schema = project.schema
    return (schema is not None and bool(schema.unknown_parts)) or memo_on(
        project,
        "parse_or_import_error",
        lambda: any(d.kind in (PARSE_ERROR, UNRESOLVED_IMPORT) for d in project.diagnostics),
    )


def indexes_may_be_incomplete(project: Project, table: Table) -> bool:
    """Whether `table` may have indexes its IR lacks: its definition could not be evaluated, an
    index of it could not (it is then left out of the IR), or the schema has a syntax error."""
    return (
        isinstance(table.document, VUnknown)
        or bool(table.unknown_parts)
        or memo_on(project, "parse_error", lambda: any(d.kind == PARSE_ERROR for d in project.diagnostics))
    )
