"""The per-table usage questions (answered from an index built once per usage model) give the
answers of searching every access, order included."""

from __future__ import annotations

from schemalint.diagnostics import Span
from schemalint.ir import DbAccess, FilterUse, IndexUse, Usage
from schemalint.usagequery import (
    accesses_on,
    index_usage_known,
    names_used_on,
    scans_by_field,
    unknown_table_accesses,
    uses_of_index,
)


def _access(line: int, tables: tuple[str, ...] | None, *uses: IndexUse, field: str | None = None) -> DbAccess:
    filters = (FilterUse(eq_fields=(field,), eq_values=("x",)),) if field else ()
    return DbAccess(
        kind="query", tables=tables, span=Span("convex/q.ts", line, 1, line, 2), indexes=uses, filters=filters
    )


def _db(*names: str) -> IndexUse:
    return IndexUse(kind="db", names=names)


ACCESSES = (
    _access(1, ("a",), _db("by_x")),
    _access(2, None, _db("by_x", "by_y")),
    _access(3, ("a", "b", "a"), _db("by_y")),
    _access(4, ("b",), field="x"),
    _access(5, None, IndexUse(kind="search", names=("search_x",))),
    _access(6, ("a",), field="x"),
    _access(7, None, _db("by_z"), _db("by_z")),
    _access(8, ("a",), _db("by_x"), field="x"),
)
TABLES = ("a", "b", "c")
NAMES = ("by_x", "by_y", "by_z", "search_x", "nothing")


def _touching(usage: Usage, table: str) -> list[DbAccess]:
    return [a for a in usage.accesses if a.tables is None or table in a.tables]


def test_the_lookups_answer_as_a_search_of_every_access() -> None:
    usage = Usage(accesses=ACCESSES)
    for table in TABLES:
        assert accesses_on(usage, table) == usage.on_table(table)
        assert names_used_on(usage, table) == frozenset(
            name for a in _touching(usage, table) for use in a.indexes for name in use.names or ()
        )
        assert index_usage_known(usage, table)
        assert scans_by_field(usage, table, "x") == tuple(
            a for a in usage.accesses if a.tables == (table,) and not a.indexes and a.filters
        )
        for name in NAMES:
            assert uses_of_index(usage, table, name) == tuple(
                a
                for a in _touching(usage, table)
                if any(use.kind == "db" and use.names is not None and name in use.names for use in a.indexes)
            )
    assert unknown_table_accesses(usage) == tuple(a for a in ACCESSES if a.tables is None)


def test_an_index_use_of_unknown_name_makes_index_usage_unknown_where_it_may_be() -> None:
    unnamed = IndexUse(kind="db", names=None)
    on_b = Usage(accesses=(*ACCESSES, _access(9, ("b",), unnamed)))
    assert [index_usage_known(on_b, t) for t in TABLES] == [True, False, True]
    anywhere = Usage(accesses=(*ACCESSES, _access(9, None, unnamed)))
    assert [index_usage_known(anywhere, t) for t in TABLES] == [False, False, False]
    assert not index_usage_known(Usage(accesses=ACCESSES, complete=False), "a")
