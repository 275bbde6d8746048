"""C704 new-table: a table the baseline's schema did not define."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import baseline, comparison
from schemalint.irquery import table_indexes
from schemalint.rules.base import Rule, RuleContext, Violation


class NewTable(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        old = baseline(ctx)
        where = (
            f"there is no schema at {old.label}"
            if old.project is None
            else f"not in the schema at {old.label}"
        )
        for change in comparison(ctx).changes:
            table = change.new
            if change.verdict != "new" or table is None:
                continue
            if change.walks:
                effect = (
                    "if the deployment already holds documents in it (written while it was not in "
                    "the schema), Convex validates each of them on push and the push fails on the "
                    "first that does not match"
                )
            else:
                effect = "its documents are `v.any()`, so nothing is validated"
            built = [ref.name for ref in table_indexes(table) if not ref.index.staged]
            if built:
                effect += (
                    f"; its {len(built)} index(es) ({', '.join(built)}) are built from the documents it "
                    "already holds before the push completes"
                )
            yield Violation(
                f"New table `{change.name}` ({where}): {effect}",
                span=table.name_span or table.span,
                table=change.name,
            )
