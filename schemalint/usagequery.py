"""Questions about the usage model (`ir.Usage`) that more than one Q6xx rule asks.

Every index of a table is queryable by name; `by_id` (on `_id`) and `by_creation_time` (on
`_creationTime`) exist on every table, and Convex appends `_creationTime` to every database
index, so a range may end on it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from schemalint.ir import (
    DbAccess,
    DbIndex,
    IndexUse,
    IndexUseKind,
    Project,
    Schema,
    SearchIndex,
    Table,
    Usage,
    VectorIndex,
)
from schemalint.irquery import indexes_may_be_incomplete, is_package_table, memo_on, tables_may_be_incomplete
from schemalint.lazy_pattern import lazy_compile
from schemalint.parser.usage import UNREADABLE
from schemalint.records import dataclass

SYSTEM_INDEXES: dict[str, tuple[str, ...]] = {"by_id": ("_id",), "by_creation_time": ("_creationTime",)}


def usage_of(project: Project) -> Usage | None:
    """The project's usage model, or None when its function code was not read or it has none
    (no function and no database access: the code that queries the schema is elsewhere).

    The accesses of a module with syntax errors, from its first error on, are left out: that
    part was not read (the parser recovers somewhere and may see fragments), and a notice says
    its queries go unseen, so no rule reports what it seems to find there."""
    return memo_on(project, "usage", lambda: _usage_of(project))


def _usage_of(project: Project) -> Usage | None:
    functions = project.functions
    if functions is None or functions.usage is None:
        return None
    usage = functions.usage
    if not functions.functions and not usage.accesses:
        return None
    unread = {span.file: span.line for reason, span in usage.unknown if reason == UNREADABLE}
    if not unread:
        return usage
    kept = tuple(a for a in usage.accesses if a.span.line < unread.get(a.span.file, a.span.line + 1))
    return replace(usage, accesses=kept)


@dataclass(frozen=True)
class IndexRef:
    """One (access, index use, table, index name) combination the code names."""

    access: DbAccess
    use: IndexUse
    table: str
    name: str


def named_indexes(usage: Usage) -> Iterator[IndexRef]:
    """Every index name each access's index uses may take, on each table it may read."""
    for access in usage.accesses:
        if access.tables is None:
            continue
        for use in access.indexes:
            for table in access.tables:
                for name in use.names or ():
                    yield IndexRef(access, use, table, name)


def index_names(table: Table, kind: IndexUseKind, *, staged: bool | None = None) -> tuple[str, ...]:
    """The names of `table`'s indexes of `kind` a query may name (`by_id` and `by_creation_time`
    for database indexes); `staged` True or False keeps only staged or only enabled ones."""
    indexes: tuple[DbIndex | SearchIndex | VectorIndex, ...]
    if kind == "db":
        indexes = table.indexes
    elif kind == "search":
        indexes = table.search_indexes
    else:
        indexes = table.vector_indexes
    names = tuple(i.name for i in indexes if staged is None or i.staged == staged)
    return names + tuple(SYSTEM_INDEXES) if kind == "db" and staged is not True else names


def range_fields(table: Table, name: str) -> tuple[str, ...] | None:
    """The fields a range on database index `name` may compare, in order (`_creationTime`
    appended); None when the table has no such database index."""
    if name in SYSTEM_INDEXES:
        return SYSTEM_INDEXES[name]
    for index in table.indexes:
        if index.name == name:
            return (*index.fields, "_creationTime")
    return None


def checkable_table(project: Project, table: Table) -> bool:
    """Whether the IR knows all of `table`'s indexes and the project may change them."""
    return not indexes_may_be_incomplete(project, table)


def schema_tables_known(project: Project) -> bool:
    return not tables_may_be_incomplete(project)


def location(project: Project, access: DbAccess) -> str:
    """`convex/messages.ts:59`: where an access is written, relative to the project root."""
    path = Path(access.span.file)
    try:
        shown = path.relative_to(project.root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return f"{shown}:{access.span.line}"


def uses_of_index(usage: Usage, table: str, name: str) -> tuple[DbAccess, ...]:
    """The accesses that may use database index `name` of `table`."""
    return _access_index(usage).uses_of_index(table, name)


def index_usage_known(usage: Usage, table: str) -> bool:
    """Whether every index name the code may use on `table` is known: every function module
    was read and no index use that may be on `table` has an unknown name."""
    if not usage.complete:
        return False
    index = _access_index(usage)
    return not index.unknown_table_has_unnamed_use and not any(
        use.names is None for access in index.on_table(table) for use in access.indexes
    )


def scans_by_field(usage: Usage, table: str, path: str) -> tuple[DbAccess, ...]:
    """Queries on `table` (alone) that use no index and filter by `path` with `q.eq`."""
    return tuple(
        access
        for access in accesses_on(usage, table)
        if access.kind == "query"
        and access.tables == (table,)
        and not access.indexes
        and any(path in use.eq_fields for use in access.filters)
    )


def accesses_on(usage: Usage, table: str) -> tuple[DbAccess, ...]:
    """`usage.on_table(table)`: the accesses that may touch `table` (unknown-table accesses
    excluded), in order. Looked up, not searched for: rules ask about every table and index,
    and searching would make a run quadratic in the size of a project with function code."""
    return _access_index(usage).on_table(table)


def unknown_table_accesses(usage: Usage) -> tuple[DbAccess, ...]:
    """The accesses whose table could not be narrowed, in order."""
    return _access_index(usage).unknown_table


def _access_index(usage: Usage) -> _AccessIndex:
    return memo_on(usage, "access_index", lambda: _AccessIndex(usage.accesses))


class _AccessIndex:
    """A usage model's accesses by the table they may touch, built once per usage model.

    An access with known tables is listed under each of them; one of unknown table may touch
    any table, so what is asked per table combines both, in the accesses' order.
    """

    __slots__ = (
        "_by_table",
        "_positions",
        "_unknown_names",
        "_unknown_uses",
        "accesses",
        "unknown_table",
        "unknown_table_has_unnamed_use",
    )

    def __init__(self, accesses: tuple[DbAccess, ...]) -> None:
        self.accesses = accesses
        self._positions: dict[str, list[int]] = {}
        unknown: list[int] = []
        # The database index names unknown-table accesses may use, each with their positions.
        self._unknown_uses: dict[str, list[int]] = {}
        names: set[str] = set()
        for position, access in enumerate(accesses):
            if access.tables is not None:
                for table in dict.fromkeys(access.tables):
                    self._positions.setdefault(table, []).append(position)
                continue
            unknown.append(position)
            for use in access.indexes:
                names.update(use.names or ())
                if use.kind == "db" and use.names is not None:
                    for name in use.names:
                        found = self._unknown_uses.setdefault(name, [])
                        if not found or found[-1] != position:
                            found.append(position)
        self.unknown_table = tuple(accesses[p] for p in unknown)
        self.unknown_table_has_unnamed_use = any(
            use.names is None for access in self.unknown_table for use in access.indexes
        )
        self._unknown_names = frozenset(names)
        self._by_table: dict[str, tuple[DbAccess, ...]] = {}

    def on_table(self, table: str) -> tuple[DbAccess, ...]:
        found = self._by_table.get(table)
        if found is None:
            accesses = self.accesses
            found = self._by_table[table] = tuple(accesses[p] for p in self._positions.get(table, ()))
        return found

    def names_used_on(self, table: str) -> frozenset[str]:
        names = set(self._unknown_names)
        for access in self.on_table(table):
            for use in access.indexes:
                names.update(use.names or ())
        return frozenset(names)

    def uses_of_index(self, table: str, name: str) -> tuple[DbAccess, ...]:
        accesses = self.accesses
        positions = [
            p
            for p in self._positions.get(table, ())
            if any(
                use.kind == "db" and use.names is not None and name in use.names
                for use in accesses[p].indexes
            )
        ]
        unknown = self._unknown_uses.get(name)
        if unknown:
            positions = sorted([*positions, *unknown])
        return tuple(accesses[p] for p in positions)


def is_user_table(table: Table) -> bool:
    return not is_package_table(table)


def leading_index(table: Table, fields: tuple[str, ...]) -> tuple[DbIndex, int] | None:
    """The database index whose leading fields cover the most of `fields` (any order), with
    how many it covers; None when no index starts with one of them."""
    best: tuple[DbIndex, int] | None = None
    wanted = set(fields)
    for index in table.indexes:
        count = 0
        for field in index.fields:
            if field not in wanted:
                break
            count += 1
        if count and (best is None or count > best[1]):
            best = (index, count)
    return best


def names_used_on(usage: Usage, table: str) -> frozenset[str]:
    """Every index name (of any kind) some access may use on `table`, including the names of
    index calls whose table is unknown."""
    return _access_index(usage).names_used_on(table)


# Indexes that a package queries itself, on tables the project may redefine: @convex-dev/auth
# looks users up by email and phone.
_LIBRARY_INDEXES = {("users", "email"), ("users", "phone")}
AUTH_PACKAGE = "@convex-dev/auth/server"


def library_uses_index(schema: Schema, table: str, name: str) -> bool:
    """Whether a package the schema uses queries index `name` of `table` itself."""
    if (table, name) not in _LIBRARY_INDEXES:
        return False
    return any(t.origin.package == AUTH_PACKAGE for t in schema.tables)


_ONE_OFF = lazy_compile(r"migrat|seed|sample|fixture", re.IGNORECASE)


def is_one_off(access: DbAccess, root: str) -> bool:
    """Whether the access is written in a module (or folder, below the project root) named like
    a migration or seed script: code that scans tables on purpose, run by hand."""
    return _is_one_off_file(access.span.file, root)


@functools.lru_cache(maxsize=1024)  # asked about every scan; a module holds many
def _is_one_off_file(file: str, root: str) -> bool:
    path = Path(file)
    parts = path.relative_to(root).parts if path.is_relative_to(root) else path.parts[-1:]
    return any(_named_one_off(part) for part in parts)


_ONE_OFF_WORDS = ("migrat", "seed", "sample", "fixture")


def _named_one_off(part: str) -> bool:
    """`_ONE_OFF.search(part)`, without compiling it for the usual ASCII names (for those,
    ignoring case is lowering it; other letters may fold onto these, e.g. U+017F, the long s, onto `s`)."""
    if part.isascii():
        lowered = part.lower()
        return any(word in lowered for word in _ONE_OFF_WORDS)
    return _ONE_OFF.search(part) is not None
