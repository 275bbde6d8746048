"""C711 index-made-staged: a queryable index turned `staged: true` cannot be queried any more."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.diff.context import indexes
from schemalint.diff.usage import index_uses
from schemalint.rules.base import Rule, RuleContext, Violation


class IndexMadeStaged(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for change in indexes(ctx):
            if change.kind != "staged" or change.new is None or change.old is None:
                continue
            head = (
                f"Index `{change.name}` of `{change.table}` is now `staged: true`, and a staged index "
                "cannot be queried"
            )
            uses = index_uses(ctx.project, change.old)
            severity: Severity | None = None
            if uses.state == "used":
                message = f"{head}: the function code still uses it at {uses.listing(ctx.project)}"
                message += "; those queries fail once this is pushed"
                severity = Severity.ERROR
            elif uses.state == "unused":
                message = f"{head}; no function code uses it"
                severity = Severity.INFO
            else:
                message = f"{head}: every query still using it fails once this is pushed"
            yield Violation(
                message,
                help="Staging is for building a new index in the background; keep a queried index "
                "unstaged, or remove its uses first.",
                span=change.new.span,
                table=change.table,
                index=change.name,
                severity=severity,
            )
