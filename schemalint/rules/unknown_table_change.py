"""C702 unknown-table-change: what the push does to a table cannot be decided statically."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity, Span
from schemalint.diff.context import baseline, comparison
from schemalint.diff.indexes import indexes_unknown
from schemalint.diff.tables import fingerprint
from schemalint.irquery import table_named
from schemalint.rules.base import Rule, RuleContext, Violation


class UnknownTableChange(Rule):
    compares_versions = True
    needs_schema = False

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        result = comparison(ctx)
        old = baseline(ctx)
        if ctx.project.schema is None:
            before = old.project
            # Unreadable the same way at the baseline: schemalint's blind spot, shown as a notice.
            same = (
                before is not None
                and before.schema is None
                and [d.message for d in before.diagnostics] == [d.message for d in ctx.project.diagnostics]
            )
            yield Violation(
                f"What this push does cannot be told: {result.new_unknown}",
                severity=Severity.NOTICE if same else None,
                help="Fix what `schemalint check` reports about the schema, then run the diff again.",
                span=Span(ctx.project.schema_file, 1, 1, 1, 1),
            )
            return
        for change in result.changes:
            if change.verdict != "unknown":
                continue
            table = change.new or change.old
            span = (
                (table.name_span or table.span)
                if change.new is not None and table is not None
                else old.old_span(table.name_span or table.span if table is not None else None)
            )
            note = " (its definition looks unchanged)" if change.looks_unchanged else ""
            yield Violation(
                f"What this push does to table `{change.name}` is unknown{note}: {change.unknown_reason}",
                help="Make the schema statically evaluable (see `schemalint check`) or review this "
                "table's change by hand; it is not reported as safe.",
                span=span,
                table=change.name,
                # A blind spot in a definition that evaluates the same on both sides is a notice
                # (shown, failing only with --strict); anything visibly changed is a warning.
                severity=Severity.NOTICE if change.looks_unchanged else None,
            )
        for name in indexes_unknown(old.project, ctx.project, result):
            table = table_named(ctx.schema, name)
            kept = result.change(name)
            unchanged = (
                kept is not None
                and kept.old is not None
                and kept.new is not None
                and fingerprint(kept.old) == fingerprint(kept.new)
            )
            yield Violation(
                f"Index changes of table `{name}` are unknown: its indexes could not be fully "
                f"evaluated here or at {old.label}",
                help="Review this table's index changes by hand (new indexes are backfilled, removed "
                "ones break the queries that use them).",
                span=(table.name_span or table.span) if table is not None else None,
                table=name,
                severity=Severity.NOTICE if unchanged else None,
            )
