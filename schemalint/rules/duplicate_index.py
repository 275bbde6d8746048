"""D105 duplicate-index: two indexes of a table over the same fields."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from schemalint.ir import DbIndex, SearchIndex, Table
from schemalint.irquery import IndexRef, index_path, index_path_problem, table_indexes
from schemalint.rules.base import Rule, RuleContext, Violation


class DuplicateIndex(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        first: dict[Hashable, IndexRef] = {}
        for index in table_indexes(table):
            key = _key(index)
            if key is None:
                continue
            earlier = first.setdefault(key, index)
            if earlier is not index:
                yield _duplicate(table, earlier, index)


def _key(index: IndexRef) -> Hashable | None:
    """What Convex compares: ordered db fields, (search field, filter set), (vector field,
    dimensions); None when a path is malformed (invalid-index-fields reports that)."""
    if any(index_path_problem(path) is not None for path in index.fields):
        return None
    found = index.index
    if isinstance(found, DbIndex):
        return ("db", tuple(index_path(f) for f in found.fields))
    if isinstance(found, SearchIndex):
        filters = frozenset(index_path(f) for f in found.filter_fields)
        return ("search", index_path(found.search_field), filters)
    if found.dimensions is None:
        return None
    return ("vector", index_path(found.vector_field), found.dimensions)


def _duplicate(table: Table, earlier: IndexRef, index: IndexRef) -> Violation:
    first, second = earlier.name, index.name
    if index.kind == "db":
        message = (
            f'In table "{table.name}" index "{first}" and index "{second}" have the same fields. '
            "Indexes must be unique within a table."
        )
        help = (
            f'Remove "{second}" and query through "{first}": a second index on the same fields '
            "only doubles the write cost."
        )
    else:
        field = "searchField" if index.kind == "search" else "vectorField"
        message = (
            f'In table "{table.name}" {index.kind} index "{first}" and {index.kind} index "{second}" '
            f"have the same `{field}`. {index.kind.capitalize()} index fields must be unique within "
            "a table."
        )
        same = "filter fields" if index.kind == "search" else "dimensions"
        help = (
            f'Both index the same field with the same {same}. Remove "{second}", or combine them '
            "into one index containing all `filterFields` and use different subsets at query time."
        )
    return Violation(message, help=help, span=index.span, index=second)
