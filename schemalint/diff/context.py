"""What the C7xx rules ask about a change, computed once per rule run (`RuleContext.memo`)."""

from __future__ import annotations

from schemalint.diff.indexes import IndexChange, index_changes
from schemalint.diff.tables import Comparison, compare
from schemalint.rules.base import Baseline, RuleContext

_NO_BASELINE = Baseline(None, "(none)")


def baseline(ctx: RuleContext) -> Baseline:
    """The version compared against (rules with `compares_versions` always have one)."""
    return ctx.baseline or _NO_BASELINE


def comparison(ctx: RuleContext) -> Comparison:
    """Every table's verdict for the change from the baseline to the project."""
    return ctx.memo("diff.comparison", lambda: compare(baseline(ctx), ctx.project))


def indexes(ctx: RuleContext) -> list[IndexChange]:
    """Every index change of the tables kept by the change."""
    return ctx.memo(
        "diff.indexes", lambda: index_changes(comparison(ctx), baseline(ctx).project, ctx.project)
    )
