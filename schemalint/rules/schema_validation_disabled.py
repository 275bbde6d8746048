"""T304 schema-validation-disabled: `defineSchema(..., { schemaValidation: false })`."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.rules.base import Rule, RuleContext, Violation


class SchemaValidationDisabled(Rule):
    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        if not ctx.schema.schema_validation:
            yield Violation(
                "Schema validation is disabled (schemaValidation: false): documents are not "
                "checked against this schema, and index fields are not checked at deploy",
                help="Remove `schemaValidation: false` once existing documents match the schema.",
                span=ctx.schema.span,
            )
