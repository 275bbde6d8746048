"""C712 staged-validator-change: a `.staged(...)` document validator added, changed or removed."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.diff.context import baseline, comparison
from schemalint.diff.subset import is_evaluated, same
from schemalint.rules.base import Rule, RuleContext, Violation


class StagedValidatorChange(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        old_label = baseline(ctx).label
        for change in comparison(ctx).changes:
            if change.verdict in ("unknown", "removed") or change.new is None:
                continue
            before = change.old.staged_document if change.old is not None else None
            after = change.new.staged_document
            if before is None and after is None:
                continue
            if (before is not None and not is_evaluated(before)) or (
                after is not None and not is_evaluated(after)
            ):
                continue  # reported by unknown-table-change through the table's parts
            name = change.name
            if before is None and after is not None:
                yield Violation(
                    f"Staged validator added to `{name}`: Convex checks the existing documents against "
                    "it in the background, without rejecting writes or blocking the push",
                    help="Once the dashboard reports every document valid, make it the table's "
                    "validator in a later push (Convex then skips or passes the re-validation).",
                    span=after.span or change.new.name_span,
                    table=name,
                )
            elif before is not None and after is None:
                yield Violation(
                    f"Staged validator of `{name}` removed (it was staged at {old_label}): if its "
                    "background validation is pending or passed, the CLI asks before discarding it, "
                    "and in CI `npx convex deploy` fails unless given `--allow-unstaging-schema`",
                    help="If the staged validator was promoted to the table's validator, this is "
                    "expected; pass `--allow-unstaging-schema` in CI for this deploy.",
                    span=change.new.name_span or change.new.span,
                    table=name,
                    severity=Severity.WARNING,
                )
            elif before is not None and after is not None and not same(before, after):
                yield Violation(
                    f"Staged validator of `{name}` changed: Convex checks the existing documents "
                    "against the new one from zero; if the previous staged validation was pending "
                    "or passed, the CLI asks before discarding it, and CI needs `--allow-unstaging-schema`",
                    span=after.span or change.new.name_span,
                    table=name,
                )
