"""T302 any-type: `v.any()` in a table (untyped data, `Any` in generated clients)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import Table, Validator, VAny
from schemalint.irquery import FieldRef
from schemalint.rules.base import Rule, RuleContext, Violation

_HELP = "Describe the shape with v.object(), v.union() or v.record(), or suppress with a reason."


class AnyType(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if isinstance(table.document, VAny):
            yield Violation(
                f'Table "{table.name}" is defineTable(v.any()): its documents are not checked',
                help=_HELP,
                span=table.document.span,
            )

    validator_kinds = (VAny,)

    def check_validator(
        self, ctx: RuleContext, validator: Validator, field: FieldRef | None
    ) -> Iterator[Violation]:
        if field is None:
            return  # the document itself: check_table's
        where = "is" if validator is field.validator else "contains"
        yield Violation(
            f'Field "{field.path}" {where} v.any(): its values are not checked and '
            "generated clients type them as Any",
            help=_HELP,
            span=validator.span,
        )
