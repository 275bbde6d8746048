"""C703 safe-table-change: the table's validator changed, and no existing document can fail it."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import comparison
from schemalint.rules.base import Rule, RuleContext, Violation


class SafeTableChange(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for change in comparison(ctx).changes:
            if change.verdict != "safe" or change.new is None:
                continue
            yield Violation(
                f"Table `{change.name}` changed safely: every document the old validator accepted "
                "passes the new one, so Convex does not re-validate its documents on push",
                span=change.new.name_span or change.new.span,
                table=change.name,
            )
