"""Q604 unused-index: an index no function names (preview)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.irquery import IndexRef, is_package_table
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import (
    checkable_table,
    index_usage_known,
    library_uses_index,
    names_used_on,
    usage_of,
)


class UnusedIndex(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        usage = usage_of(ctx.project)
        table = index.table
        if usage is None or index.index.staged or is_package_table(table):
            return
        if not checkable_table(ctx.project, table) or not index_usage_known(usage, table.name):
            return
        name = index.name
        used = ctx.memo(f"used:{table.name}", lambda: names_used_on(usage, table.name))
        if name in used or name in usage.string_literals or library_uses_index(ctx.schema, table.name, name):
            return
        what = {"db": "index", "search": "search index", "vector": "vector index"}[index.kind]
        yield Violation(
            f'No function uses the {what} "{name}" of "{table.name}": it costs write time and storage '
            "on every insert, update and delete",
            help="Remove it unless code outside the function modules (another app, a component, the "
            "dashboard) queries it; every function module was read and no query names it.",
        )
