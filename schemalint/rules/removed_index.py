"""C710 removed-index: an index dropped from the schema; queries that use it break."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.diff.context import baseline, indexes
from schemalint.diff.usage import index_uses
from schemalint.rules.base import Rule, RuleContext, Violation


class RemovedIndex(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        old = baseline(ctx)
        for change in indexes(ctx):
            if change.kind != "removed" or change.old is None:
                continue
            call = f'`.withIndex("{change.name}", …)`' if change.old.kind == "db" else f"`{change.name}`"
            head = f"Index `{change.name}` of `{change.table}` (at {old.label}) is removed"
            uses = index_uses(ctx.project, change.old)
            severity: Severity | None = None
            if uses.state == "used":
                message = f"{head}, but the function code still uses it: {uses.listing(ctx.project)}"
                message += "; those queries fail once this is pushed"
                severity = Severity.ERROR
            elif uses.state == "unused":
                message = f"{head}; no function code uses it"
                severity = Severity.INFO
            else:
                message = f"{head}: every query still calling {call} fails once this is pushed"
            yield Violation(
                message,
                help=f"Remove the uses of {call} first (deploy), then the index; on a table of "
                "100,000+ documents the CLI asks before deleting an index.",
                span=old.old_span(change.old.span),
                table=change.table,
                index=change.name,
                severity=severity,
            )
