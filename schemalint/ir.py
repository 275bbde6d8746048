"""The intermediate representation: what a Convex schema means, with where it came from.

Everything here is a frozen dataclass. The IR means exactly what Convex's
`defineSchema(...).export()` means (see `schemalint.export`), plus source spans, the comments
attached to tables and fields, and a record of what could not be evaluated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field, fields
from typing import ClassVar, Literal

from schemalint.diagnostics import ParserDiagnostic, Span
from schemalint.intdigits import int_to_decimal
from schemalint.records import dataclass

# --------------------------------------------------------------------------------------------
# Validators


@dataclass(frozen=True, kw_only=True, slots=True)
class Validator:
    """Base of every validator. `optional` is Convex's `isOptional == "optional"`.

    As in Convex, optionality belongs to the validator; only an object field's wrapper exports
    it. Inside arrays, unions and records it is silently dropped (rule `dropped-optional`).
    """

    kind: ClassVar[str] = "validator"
    optional: bool = False
    span: Span | None = None
    # The module-level constant this validator was first declared as (`memberRole` for
    # `const memberRole = v.union(...)`), if any. Not part of its value: equality ignores it.
    name: str | None = field(default=None, compare=False)

    def children(self) -> tuple[Validator, ...]:
        """The validators directly nested in this one."""
        return ()


@dataclass(frozen=True, kw_only=True, slots=True)
class VString(Validator):
    """`v.string()`."""

    kind: ClassVar[str] = "string"


@dataclass(frozen=True, kw_only=True, slots=True)
class VFloat64(Validator):
    """`v.number()` / `v.float64()`."""

    kind: ClassVar[str] = "float64"


@dataclass(frozen=True, kw_only=True, slots=True)
class VInt64(Validator):
    """`v.int64()` / `v.bigint()`."""

    kind: ClassVar[str] = "int64"


@dataclass(frozen=True, kw_only=True, slots=True)
class VBoolean(Validator):
    """`v.boolean()`."""

    kind: ClassVar[str] = "boolean"


@dataclass(frozen=True, kw_only=True, slots=True)
class VNull(Validator):
    """`v.null()`."""

    kind: ClassVar[str] = "null"


@dataclass(frozen=True, kw_only=True, slots=True)
class VBytes(Validator):
    """`v.bytes()`."""

    kind: ClassVar[str] = "bytes"


@dataclass(frozen=True, kw_only=True, slots=True)
class VAny(Validator):
    """`v.any()`."""

    kind: ClassVar[str] = "any"


@dataclass(frozen=True, kw_only=True, slots=True)
class VCommitTs(Validator):
    """`v.commitTs()`: a commit timestamp (an int64)."""

    kind: ClassVar[str] = "commitTs"


@dataclass(frozen=True, kw_only=True, slots=True)
class VId(Validator):
    """`v.id(table_name)`: a document id of that table."""

    kind: ClassVar[str] = "id"
    table_name: str


LiteralType = Literal["string", "number", "bigint", "boolean", "unsupported"]


@dataclass(frozen=True, kw_only=True, slots=True)
class VLiteral(Validator):
    """`v.literal(x)`. `value` is a `str`, `bool`, `float` (number) or `int` (bigint).

    `value_type == "unsupported"` records a literal Convex rejects (`null`, an object...);
    `value` is then a short description of it.
    """

    kind: ClassVar[str] = "literal"
    value: str | bool | float | int
    value_type: LiteralType

    def __repr__(self) -> str:
        # The generated repr would fail on a bigint of more than 4,300 digits (Python's limit).
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            is_int = isinstance(value, int) and not isinstance(value, bool)
            parts.append(f"{f.name}={int_to_decimal(value) if is_int else repr(value)}")
        return f"VLiteral({', '.join(parts)})"


@dataclass(frozen=True, kw_only=True, slots=True)
class VArray(Validator):
    """`v.array(element)`."""

    kind: ClassVar[str] = "array"
    element: Validator

    def children(self) -> tuple[Validator, ...]:
        return (self.element,)


@dataclass(frozen=True, kw_only=True, slots=True)
class Field:
    """One key of an object validator (or of a table's fields)."""

    name: str
    validator: Validator
    span: Span | None = None
    name_span: Span | None = None
    doc: str | None = None

    @property
    def optional(self) -> bool:
        return self.validator.optional


@dataclass(frozen=True, kw_only=True, slots=True)
class VObject(Validator):
    """`v.object({...})`: its fields in declaration order."""

    kind: ClassVar[str] = "object"
    fields: tuple[Field, ...]
    # Parts the parser could not evaluate (e.g. a spread of an unknown value): the object may
    # have more fields than `fields` lists. Not part of Convex's export.
    unknown_parts: tuple[VUnknown, ...] = ()

    def children(self) -> tuple[Validator, ...]:
        return tuple(f.validator for f in self.fields)

    def field(self, name: str) -> Field | None:
        """The field called `name`, if any."""
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True, kw_only=True, slots=True)
class VRecord(Validator):
    """`v.record(keys, values)`."""

    kind: ClassVar[str] = "record"
    keys: Validator
    values: Validator

    def children(self) -> tuple[Validator, ...]:
        return (self.keys, self.values)


@dataclass(frozen=True, kw_only=True, slots=True)
class VUnion(Validator):
    """`v.union(...members)`."""

    kind: ClassVar[str] = "union"
    members: tuple[Validator, ...]

    def children(self) -> tuple[Validator, ...]:
        return self.members


@dataclass(frozen=True, kw_only=True, slots=True)
class VFunction(Validator):
    """`v.function({fnType, args, returns})` (convex >= 1.49): a function handle.

    `fn_type`, `args` and `returns` are for typechecking and codegen only (Convex does not
    enforce them); each is None when not given, and then absent from the export.
    """

    kind: ClassVar[str] = "function"
    fn_type: str | None = None
    args: Validator | None = None
    returns: Validator | None = None

    def children(self) -> tuple[Validator, ...]:
        return tuple(v for v in (self.args, self.returns) if v is not None)


@dataclass(frozen=True, kw_only=True, slots=True)
class VUnknown(Validator):
    """A validator the parser could not evaluate. Exported as `any`; see `reason`."""

    kind: ClassVar[str] = "unknown"
    reason: str


def walk_validators(validator: Validator) -> Iterator[Validator]:
    """Yield `validator` and every validator nested in it, depth first."""
    stack = [validator]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children()))


# --------------------------------------------------------------------------------------------
# Indexes


@dataclass(frozen=True, kw_only=True, slots=True)
class DbIndex:
    """A database index (`.index(name, fields)`), staged or not."""

    name: str
    fields: tuple[str, ...]
    staged: bool = False
    span: Span | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class SearchIndex:
    """A full-text search index (`.searchIndex(name, {...})`)."""

    name: str
    search_field: str
    filter_fields: tuple[str, ...]
    staged: bool = False
    span: Span | None = None


# A JSON scalar as written in the source (`dimensions` is exported exactly as given).
JsonScalar = str | int | float | bool | None


@dataclass(frozen=True, kw_only=True, slots=True)
class VectorIndex:
    """A vector index (`.vectorIndex(name, {...})`)."""

    name: str
    vector_field: str
    dimensions: JsonScalar
    filter_fields: tuple[str, ...]
    staged: bool = False
    span: Span | None = None


# --------------------------------------------------------------------------------------------
# Tables and schema


@dataclass(frozen=True, kw_only=True)
class TableOrigin:
    """Where a table's definition came from.

    `file` holds the `defineTable(...)` call (None for tables of a known package such as
    `authTables`); `spread` is the source text of the spread that brought it into the schema
    (e.g. `...authTables`), with `spread_span` its position.
    """

    file: str | None
    spread: str | None = None
    spread_span: Span | None = None
    package: str | None = None


@dataclass(frozen=True, kw_only=True)
class Table:
    """One table of the schema: its document validator and indexes."""

    name: str
    document: Validator
    staged_document: Validator | None = None
    indexes: tuple[DbIndex, ...] = ()
    search_indexes: tuple[SearchIndex, ...] = ()
    vector_indexes: tuple[VectorIndex, ...] = ()
    span: Span | None = None
    name_span: Span | None = None
    definition_span: Span | None = None
    doc: str | None = None
    origin: TableOrigin = field(default_factory=lambda: TableOrigin(file=None))
    # Parts of the definition the parser could not evaluate (an index whose name or fields are
    # unknown is left out of `indexes`; each such loss is recorded here).
    unknown_parts: tuple[VUnknown, ...] = ()

    @property
    def all_index_names(self) -> tuple[str, ...]:
        return (
            tuple(i.name for i in self.indexes)
            + tuple(i.name for i in self.search_indexes)
            + tuple(i.name for i in self.vector_indexes)
        )


@dataclass(frozen=True, kw_only=True)
class ShadowedTable:
    """A table key that a later key of the same `defineSchema` object replaced.

    `overridden_by_spread` is False when both were written as keys of the same object literal
    (a real duplicate); True when the first came from a spread (the override pattern).
    """

    name: str
    span: Span | None
    winner_span: Span | None
    first_from_spread: bool
    second_from_spread: bool


RuntimeAccessKind = Literal["process.env", "Math.random", "Date.now", "crypto", "import()"]


@dataclass(frozen=True, kw_only=True)
class RuntimeAccess:
    """Code run while the schema is evaluated that Convex's schema sandbox forbids."""

    kind: RuntimeAccessKind
    span: Span


@dataclass(frozen=True, kw_only=True)
class Schema:
    """What `defineSchema(...)` means: the tables and the schema-wide options."""

    tables: tuple[Table, ...]
    schema_validation: bool = True
    strict_table_name_types: bool = True
    span: Span | None = None
    shadowed_tables: tuple[ShadowedTable, ...] = ()
    runtime_accesses: tuple[RuntimeAccess, ...] = ()
    # Schema-level parts the parser could not evaluate (e.g. a spread of an unknown value into
    # `defineSchema({...})`): the schema may have more tables than `tables` lists.
    unknown_parts: tuple[VUnknown, ...] = ()

    def table(self, name: str) -> Table | None:
        """The table called `name`, if any."""
        for t in self.tables:
            if t.name == name:
                return t
        return None


@dataclass(frozen=True, kw_only=True)
class Comment:
    """A source comment that may carry a schemalint directive."""

    text: str
    span: Span
    own_line: bool


@dataclass(frozen=True, kw_only=True)
class SourceFile:
    """A file the schema was read from, with its schemalint directives."""

    path: str
    directives: tuple[Comment, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Project:
    """Everything the parser understood about one Convex project.

    `schema` is None when no schema could be produced (missing file, no default export...);
    `diagnostics` then says why.
    """

    root: str
    schema_file: str
    schema: Schema | None
    diagnostics: tuple[ParserDiagnostic, ...] = ()
    files: tuple[SourceFile, ...] = ()
    # The function modules and what they read and write (None when function code was not
    # analysed, e.g. by `schemalint export`; see `FunctionModules` and `Usage`).
    functions: FunctionModules | None = None


# --------------------------------------------------------------------------------------------
# Functions (queries, mutations, actions) of the project's function modules

FunctionKind = Literal["query", "mutation", "action"]
Visibility = Literal["public", "internal"]


@dataclass(frozen=True, kw_only=True)
class ConvexFunction:
    """One registered function: `module` is its path under the functions dir, without extension.

    `args` is None when the function declares no args validator (Convex exports `any`);
    `returns` is None when it declares none (not validated).
    """

    module: str
    name: str
    kind: FunctionKind
    visibility: Visibility
    args: Validator | None = None
    returns: Validator | None = None
    span: Span | None = None
    doc: str | None = None
    # The builder when it is not one of Convex's own (`customQuery(...)`, `zCustomMutation(...)`,
    # a local wrapper), as written in the source; None for `query`, `internalMutation`, ...
    builder: str | None = None

    @property
    def identifier(self) -> str:
        """The function path clients call, e.g. `messages:list` or `dir/file:fn`."""
        return f"{self.module}:{self.name}"


@dataclass(frozen=True, kw_only=True)
class FunctionModules:
    """Every function the project's modules register, and what could not be read."""

    functions: tuple[ConvexFunction, ...]
    diagnostics: tuple[ParserDiagnostic, ...] = ()
    usage: Usage | None = None
    # Exports that could not be evaluated (`module:name`): functions the project may have that
    # `functions` lacks.
    left_out: tuple[str, ...] = ()
    # Exports that could not be evaluated and are plainly not functions (zod schemas, classes,
    # constants, `convexAuth(...)` destructuring): shown grouped, in detail only on request.
    skipped: tuple[ParserDiagnostic, ...] = ()


# --------------------------------------------------------------------------------------------
# Usage: the database accesses written in the function code
#
# Names (tables, indexes) are finite sets: a literal gives one name, `cond ? "a" : "b"` or a
# template over a union of literals gives every member; None means unknown (rules that depend
# on it stay silent).

RangeOp = Literal["eq", "lt", "lte", "gt", "gte", "search"]  # "search": a search filter's q.search
IndexUseKind = Literal["db", "search", "vector"]
AccessKind = Literal["query", "get", "insert", "patch", "replace", "delete", "vector-search", "helper"]


@dataclass(frozen=True, kw_only=True)
class RangeStep:
    """One `q.eq("field", ...)` (or lt/lte/gt/gte) of an index range or search filter."""

    op: RangeOp
    field: str
    span: Span | None = None
    value_text: str | None = None


@dataclass(frozen=True, kw_only=True)
class IndexUse:
    """`.withIndex(name, range)`, `.withSearchIndex(...)`, a `vectorSearch` index or the index
    argument of a convex-helpers call. `range` is None when the range expression was not
    understood, () when there is none."""

    kind: IndexUseKind
    names: tuple[str, ...] | None
    range: tuple[RangeStep, ...] | None = ()
    span: Span | None = None
    name_span: Span | None = None


@dataclass(frozen=True, kw_only=True)
class FilterUse:
    """`.filter(q => ...)`: fields compared with `q.eq` (ANDed, so they narrow every match) and
    with range operators. `complete` is False when part of the predicate was not understood."""

    eq_fields: tuple[str, ...] = ()
    range_fields: tuple[str, ...] = ()
    eq_values: tuple[str, ...] = ()  # the source text of each eq value, parallel to eq_fields
    complete: bool = True
    span: Span | None = None


@dataclass(frozen=True, kw_only=True)
class DbAccess:
    """One database access in function code.

    For a query (`ctx.db.query("t")...`) the chain's steps are merged, including steps added
    through a variable (`let q = ctx.db.query("t"); q = q.withIndex(...)`). `escapes` is True
    when the query builder leaves the code that was read (returned, passed to a function), so
    more steps may be added elsewhere.
    """

    kind: AccessKind
    tables: tuple[str, ...] | None
    span: Span
    indexes: tuple[IndexUse, ...] = ()
    filters: tuple[FilterUse, ...] = ()
    order: str | None = None
    terminal: str | None = None
    escapes: bool = False
    function: str | None = None  # the exported function it is written in, when known
    # False for a `.withIndex(...)` whose query start was not seen (the builder came from a
    # parameter or a call): its table is unknown, its index names still count as used.
    followed: bool = True

    @property
    def uses_index(self) -> bool:
        return bool(self.indexes)


@dataclass(frozen=True, kw_only=True)
class Usage:
    """Every database access found in the function modules and the local files they import.

    `complete` is True when every function module could be read (no syntax errors);
    `unknown` lists, with a location, each table or index name that could not be narrowed.
    `string_literals` holds every string written in that code (a safety net: an index whose
    name is never written anywhere is surely not named by a query).
    """

    accesses: tuple[DbAccess, ...] = ()
    complete: bool = True
    unknown: tuple[tuple[str, Span], ...] = ()
    string_literals: frozenset[str] = frozenset()

    def on_table(self, table: str) -> tuple[DbAccess, ...]:
        """The accesses that may touch `table` (unknown-table accesses excluded)."""
        return tuple(a for a in self.accesses if a.tables is not None and table in a.tables)

    @property
    def tables_unknown(self) -> bool:
        """Whether some access's table could not be narrowed."""
        return any(a.tables is None for a in self.accesses)
