"""C705 schema-validation-changed: `schemaValidation` was turned on or off."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.diff.context import baseline, comparison
from schemalint.rules.base import Rule, RuleContext, Violation


class SchemaValidationChanged(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        result = comparison(ctx)
        old, new = result.old_schema, result.new_schema
        if old is None or new is None or result.old_unknown or result.new_unknown:
            return
        label = baseline(ctx).label
        if not old.schema_validation and new.schema_validation:
            walked = [c.name for c in result.changes if c.walks]
            yield Violation(
                f"Schema validation turned on (it was off at {label}): Convex validates every "
                f"document of {len(walked)} table(s) on push and the push fails on the first that "
                "does not match the schema",
                help="Make sure the data matches first (a migration), or turn it on for a few tables "
                "at a time by keeping the others `v.any()`.",
                span=new.span,
            )
        elif old.schema_validation and not new.schema_validation:
            yield Violation(
                f"Schema validation turned off (it was on at {label}): Convex no longer checks "
                "documents on push or on write, so data may drift from the schema and its types",
                span=new.span,
                severity=Severity.INFO,
            )
