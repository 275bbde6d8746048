"""D101 invalid-identifier: names Convex rejects as identifiers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from schemalint.identifiers import field_name_problem, identifier_problem
from schemalint.ir import Table, Validator, VId
from schemalint.irquery import FieldRef, IndexRef
from schemalint.rules.base import Rule, RuleContext, Violation

_HELP = "Use at most 64 letters, digits and underscores, starting with a letter."


class InvalidIdentifier(Rule):
    validator_kinds = (VId,)

    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        problem = identifier_problem(table.name)
        if problem is not None:
            yield Violation(f'Invalid table name "{table.name}": {problem}', help=_HELP)

    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        problem = identifier_problem(index.name)
        if problem is not None:
            yield Violation(f'Invalid index name "{index.name}": {problem}', help=_HELP)

    def check_field(self, ctx: RuleContext, field: FieldRef) -> Iterable[Violation]:
        # Called for every field of every table: the common case returns without a generator.
        name = field.field.name
        problem = field_name_problem(name)
        if problem is None:
            return ()
        return (Violation(f'Invalid field name "{name}": {problem}', help=_HELP),)

    def check_validator(
        self, ctx: RuleContext, validator: Validator, field: FieldRef | None
    ) -> Iterator[Violation]:
        if field is None or not isinstance(validator, VId):
            return
        problem = identifier_problem(validator.table_name)
        if problem is not None:
            yield Violation(
                f'Invalid table name in v.id("{validator.table_name}"): {problem}',
                help="v.id() takes the name of a table.",
                span=validator.span,
            )
