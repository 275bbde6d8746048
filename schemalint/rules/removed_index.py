"""C710 removed-index: an index dropped from the schema; queries that use it break."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.diff.context import baseline, indexes
from schemalint.rules.base import Rule, RuleContext, Violation


class RemovedIndex(Rule):
    code = "C710"
    name = "removed-index"
    severity = Severity.WARNING
    summary = "An index removed from the schema: every query still using it fails."
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        old = baseline(ctx)
        for change in indexes(ctx):
            if change.kind != "removed" or change.old is None:
                continue
            yield Violation(
                f"Index `{change.name}` of `{change.table}` (at {old.label}) is removed: every query "
                f'still calling `.withIndex("{change.name}", …)` fails once this is pushed',
                help=f'Remove the `.withIndex("{change.name}", …)` calls first (deploy), then the '
                "index; on a table of 100,000+ documents the CLI asks before deleting an index.",
                span=old.old_span(change.old.span),
                table=change.table,
                index=change.name,
            )
