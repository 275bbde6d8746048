"""I501 missing-foreign-key-index: a `v.id` field no database index starts with."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.index_naming import naming_habit, propose_index_name
from schemalint.ir import DbAccess, Table, Validator, VId, VNull, VUnion
from schemalint.irquery import (
    SYSTEM_TABLES,
    alternatives,
    distinct_fields_of,
    indexes_may_be_incomplete,
    is_leading_index_field,
    is_package_table,
)
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import is_one_off, location, scans_by_field, usage_of


class MissingForeignKeyIndex(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table) or indexes_may_be_incomplete(ctx.project, table):
            return
        include_system = ctx.options.get_bool("include-system-tables")
        usage = usage_of(ctx.project)
        habit = ctx.memo("naming-habit", lambda: naming_habit(ctx.schema))
        reported: set[str] = set()
        for ref in distinct_fields_of(table, VId, VUnion):  # the shapes `_referenced_tables` reads
            targets = _referenced_tables(ref.validator)
            if not targets or not ref.indexable or ref.path in reported:
                continue
            if not include_system and all(t in SYSTEM_TABLES for t in targets):
                continue
            if is_leading_index_field(table, ref.path):
                continue
            reported.add(ref.path)
            target = " | ".join(targets)
            found = scans_by_field(usage, table.name, ref.path) if usage is not None else ()
            scans = tuple(a for a in found if not is_one_off(a, ctx.project.root))
            name = propose_index_name(habit, table, (ref.path,))
            evidence = _evidence(ctx, table.name, ref.path, scans)
            yield Violation(
                f'Field "{ref.path}" references "{target}" but no index of "{table.name}" starts with '
                f'it{_elsewhere(table, ref.path)}: finding the "{table.name}" documents that reference '
                f'a given "{target}" document scans the whole table{evidence}',
                help=f'Add .index("{name}", ["{ref.path}"]) (or put the field first in an index you '
                "already have).",
                span=ref.span,
                field=ref.path,
            )


def _evidence(ctx: RuleContext, table: str, path: str, scans: tuple[DbAccess, ...]) -> str:
    """`, and convex/messages.ts:59 filters "messages" by "userId"` (plus how many more do)."""
    if not scans:
        return ""
    more = (
        f" (and {len(scans) - 1} more {'queries' if len(scans) > 2 else 'query'})" if len(scans) > 1 else ""
    )
    return (
        f'; {location(ctx.project, scans[0])} filters "{table}" by "{path}"{more}, which '
        "filter-without-index reports at each query"
    )


def _referenced_tables(validator: Validator) -> tuple[str, ...]:
    """The tables of a `v.id` field (optional, nullable, or a union of ids); () for anything else."""
    if isinstance(validator, VId):
        return (validator.table_name,)
    if not isinstance(validator, VUnion):
        return ()
    members = [m for m in alternatives(validator) if not isinstance(m, VNull)]
    if not members or not all(isinstance(m, VId) for m in members):
        return ()
    return tuple(dict.fromkeys(m.table_name for m in members if isinstance(m, VId)))


def _elsewhere(table: Table, path: str) -> str:
    """A note naming the index that holds `path` in a later position, if any."""
    for index in table.indexes:
        if path in index.fields[1:]:
            return f' (index "{index.name}" holds it, but not first)'
    return ""
