"""C711 index-made-staged: a queryable index turned `staged: true` cannot be queried any more."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.diff.context import indexes
from schemalint.rules.base import Rule, RuleContext, Violation


class IndexMadeStaged(Rule):
    code = "C711"
    name = "index-made-staged"
    severity = Severity.WARNING
    summary = "An index made `staged: true`: it can no longer be queried, so queries using it fail."
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for change in indexes(ctx):
            if change.kind != "staged" or change.new is None:
                continue
            yield Violation(
                f"Index `{change.name}` of `{change.table}` is now `staged: true`: a staged index "
                f'cannot be queried, so every `.withIndex("{change.name}", …)` fails once this is pushed',
                help="Staging is for building a new index in the background; keep a queried index "
                "unstaged, or remove its uses first.",
                span=change.new.span,
                table=change.table,
                index=change.name,
            )
