"""What happens to each index of a table kept by the change.

Index identity is (table, index name). A new non-staged index, an index whose definition
changed (same name, other fields: dropped and rebuilt) and a staged index made queryable are
backfilled from every document before the push completes; an index removed or made staged can
no longer be queried. Tables whose indexes either version could not fully evaluate are left
out (the comparison reports them as unknown).
"""

from __future__ import annotations

from typing import Literal

from schemalint.diff.tables import Comparison
from schemalint.ir import DbIndex, Project, SearchIndex
from schemalint.irquery import IndexRef, indexes_may_be_incomplete, table_indexes
from schemalint.records import dataclass

IndexChangeKind = Literal["added", "changed", "enabled", "staged", "removed"]


@dataclass(frozen=True)
class IndexChange:
    """`old` / `new` are the index in each version (None where it does not exist)."""

    table: str
    name: str
    kind: IndexChangeKind
    old: IndexRef | None
    new: IndexRef | None


def definition(ref: IndexRef) -> tuple[object, ...]:
    """What identifies an index's contents: its kind and fields (and dimensions)."""
    index = ref.index
    if isinstance(index, DbIndex):
        return ("db", index.fields)
    if isinstance(index, SearchIndex):
        return ("search", index.search_field, index.filter_fields)
    return ("vector", index.vector_field, index.filter_fields, index.dimensions)


def describe(ref: IndexRef) -> str:
    """The index's fields as the schema lists them, e.g. `["author", "status"]`."""
    if ref.kind == "db":
        return "[" + ", ".join(f'"{f}"' for f in ref.fields) + "]"
    filters = f" filtered by {', '.join(ref.fields[1:])}" if len(ref.fields) > 1 else ""
    return f"the {ref.kind} index on `{ref.fields[0]}`{filters}"


def index_changes(
    comparison: Comparison, old_project: Project | None, new_project: Project
) -> list[IndexChange]:
    """Every index change of every table present in both versions with fully known indexes."""
    found: list[IndexChange] = []
    if old_project is None or comparison.old_unknown or comparison.new_unknown:
        return found
    for change in comparison.changes:
        old_table, new_table = change.old, change.new
        if old_table is None or new_table is None:
            continue
        if indexes_may_be_incomplete(old_project, old_table) or indexes_may_be_incomplete(
            new_project, new_table
        ):
            continue
        old = {ref.name: ref for ref in table_indexes(old_table)}
        new = {ref.name: ref for ref in table_indexes(new_table)}
        for name, ref in new.items():
            kind = _kind(old.get(name), ref)
            if kind is not None:
                found.append(IndexChange(change.name, name, kind, old.get(name), ref))
        for name, ref in old.items():
            if name not in new and not ref.index.staged:
                found.append(IndexChange(change.name, name, "removed", ref, None))
    return found


def _kind(old: IndexRef | None, new: IndexRef) -> IndexChangeKind | None:
    staged = new.index.staged
    if old is None:
        return None if staged else "added"
    if definition(old) != definition(new):
        if staged:
            return None if old.index.staged else "staged"
        return "changed"
    if old.index.staged and not staged:
        return "enabled"
    if staged and not old.index.staged:
        return "staged"
    return None


def indexes_unknown(old_project: Project | None, new_project: Project, comparison: Comparison) -> list[str]:
    """Tables kept by the change whose index changes cannot be told (either version's indexes
    are not fully evaluated)."""
    names: list[str] = []
    if old_project is None:
        return names
    for change in comparison.changes:
        if change.old is None or change.new is None or change.verdict == "unknown":
            continue
        if indexes_may_be_incomplete(old_project, change.old) or indexes_may_be_incomplete(
            new_project, change.new
        ):
            names.append(change.name)
    return names
