"""D103 duplicate-table: a table key written twice, so one definition silently disappears."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Span
from schemalint.ir import Schema, ShadowedTable
from schemalint.irquery import table_named
from schemalint.rules.base import Rule, RuleContext, Violation


class DuplicateTable(Rule):
    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for shadowed in ctx.schema.shadowed_tables:
            # A key after a spread replacing one of its tables is the documented override
            # pattern (`...authTables, users: defineTable(...)`).
            if shadowed.first_from_spread:
                continue
            if shadowed.second_from_spread:
                yield Violation(
                    f'Table "{shadowed.name}" is defined here and again by a later spread, which '
                    "replaces this definition: it is never deployed",
                    help="Move this key after the spread to override the spread's table, or "
                    "rename one of them.",
                    span=shadowed.span,
                    table=shadowed.name,
                )
                continue
            yield Violation(
                f'Table "{shadowed.name}" is defined twice in one object literal{_where(shadowed.span)}: '
                "only this later definition is deployed",
                help="Merge the two definitions into one, or rename one of the tables.",
                span=_key_span(ctx.schema, shadowed),
                table=shadowed.name,
            )


def _where(span: Span | None) -> str:
    return f" (first on line {span.line})" if span is not None else ""


def _key_span(schema: Schema, shadowed: ShadowedTable) -> Span | None:
    """The key of the later definition when it is the table that won, else its whole entry."""
    table = table_named(schema, shadowed.name)
    if table is not None and table.span == shadowed.winner_span and table.name_span is not None:
        return table.name_span
    return shadowed.winner_span
