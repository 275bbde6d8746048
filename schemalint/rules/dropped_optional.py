"""D115 dropped-optional: `v.optional` where Convex's export silently drops it."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import Table, Validator, VArray, VUnion
from schemalint.irquery import describe_validator, table_validators_of
from schemalint.rules.base import Rule, RuleContext, Violation


class DroppedOptional(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        for validator, ref in table_validators_of(table, VArray, VUnion):
            for inner, where in _optional_children(validator):
                text = describe_validator(inner)
                yield Violation(
                    f"v.optional({text}) {where} is silently dropped: Convex deploys it as {text}",
                    help="Make the enclosing object field optional instead, or use "
                    f"v.union({text}, v.null()) for a value that may be missing.",
                    span=inner.span or validator.span,
                    field=ref.path if ref is not None else None,
                )


def _optional_children(validator: Validator) -> Iterator[tuple[Validator, str]]:
    """The optional validators directly inside an array or a union (record keys and values are
    invalid-record's: Convex rejects those outright)."""
    if isinstance(validator, VArray) and validator.element.optional:
        yield validator.element, "as an array element"
    elif isinstance(validator, VUnion):
        for member in validator.members:
            if member.optional:
                yield member, "as a union member"
