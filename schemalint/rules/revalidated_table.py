"""C701 revalidated-table: Convex will validate every existing document of the table on push."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import baseline, comparison
from schemalint.diff.explain import STAGED_NOTE
from schemalint.rules.base import Rule, RuleContext, Violation


class RevalidatedTable(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        label = baseline(ctx).label
        for change in comparison(ctx).changes:
            table = change.new
            if table is None or not change.walks or change.verdict == "new":
                continue
            head = f"Convex will re-validate every document of `{change.name}` on push"
            if change.verdict == "unenforced":
                yield Violation(
                    f"{head}: the schema at {label} did not enforce it (schemaValidation: false); "
                    "the push fails if any document does not match the new validator",
                    help="Check the data matches first (or keep `schemaValidation: false` until a "
                    f"migration made it match). {STAGED_NOTE}",
                    span=table.name_span or table.span,
                    table=change.name,
                )
                continue
            differences = change.differences
            problems = "; or ".join(d.problem for d in differences) or "does not match the new validator"
            first = next((d for d in differences if not d.removed and d.span is not None), None)
            span = first.span if first is not None else (table.name_span or table.span)
            fixes = " ".join(dict.fromkeys(d.fix for d in differences))
            yield Violation(
                f"{head}, and the push fails if any document {problems}",
                help=f"{fixes} {STAGED_NOTE}",
                span=span,
                table=change.name,
                field=differences[0].path or None if differences else None,
            )
