"""C706 removed-table: a table dropped from the schema keeps its documents, unvalidated."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import baseline, comparison
from schemalint.rules.base import Rule, RuleContext, Violation


class RemovedTable(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        old = baseline(ctx)
        for change in comparison(ctx).changes:
            table = change.old
            if change.verdict != "removed" or table is None:
                continue
            yield Violation(
                f"Table `{change.name}` (defined at {old.label}) is removed from the schema: Convex "
                "does not delete its documents; they stay, no longer validated, and code can still "
                "read and write them",
                help="To drop the data, delete the table in the dashboard or with the CLI after this "
                "push (Convex refuses while the schema still defines or references it); to keep it, "
                "keep its `defineTable`.",
                span=old.old_span(table.name_span or table.span),
                table=change.name,
            )
