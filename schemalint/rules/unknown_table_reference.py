"""R202 unknown-table-reference: `v.id("x")` where `x` is neither a schema table nor a system table."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from schemalint.identifiers import is_identifier
from schemalint.ir import Table, VId
from schemalint.irquery import (
    SYSTEM_TABLES,
    is_distinct,
    is_package_table,
    table_validators_of,
    tables_may_be_incomplete,
)
from schemalint.rules.base import Rule, RuleContext, Violation


class UnknownTableReference(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table) or tables_may_be_incomplete(ctx.project):
            return
        tables = ctx.memo("tables", lambda: [t.name for t in ctx.schema.tables])
        known = ctx.memo("known", lambda: {*tables, *SYSTEM_TABLES, *ctx.options.get_strings("known-tables")})
        seen: set[object] = set()
        for validator, ref in table_validators_of(table, VId):
            if ref is None or not is_distinct(ref):
                continue
            if not isinstance(validator, VId) or validator.table_name in known:
                continue
            if not is_identifier(validator.table_name):
                continue  # invalid-identifier reports it
            key = (validator.table_name, validator.span or ref.path)
            if key in seen:
                continue
            seen.add(key)
            yield Violation(
                f'Field "{ref.path}" references table "{validator.table_name}", which is not in the schema',
                # one suggestion per missing name: each is a search through every table name
                help=ctx.memo(f"hint:{validator.table_name}", partial(_hint, validator.table_name, tables)),
                span=validator.span or ref.span,
                field=ref.path,
            )


def _hint(name: str, tables: list[str]) -> str:
    import difflib  # only a finding needs a suggestion

    close = difflib.get_close_matches(name, tables, n=1)
    if close:
        return f'Did you mean v.id("{close[0]}")?'
    return (
        "Define the table, fix the name, or list it in the `known-tables` option of "
        "unknown-table-reference if it lives elsewhere (e.g. in a component)."
    )
