"""D113 invalid-literal: `v.literal` values Convex cannot store in a schema."""

from __future__ import annotations

import math
from collections.abc import Iterator

from schemalint.intdigits import short_int
from schemalint.ir import Table, VLiteral
from schemalint.irquery import describe_validator, table_validators_of
from schemalint.rules.base import Rule, RuleContext, Violation

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class InvalidLiteral(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        for validator, ref in table_validators_of(table, VLiteral):
            if not isinstance(validator, VLiteral) or validator.value_type == "string":
                continue  # every string literal can be stored
            violation = _problem(validator)
            if violation is not None:
                yield Violation(
                    violation.message,
                    help=violation.help,
                    span=validator.span or (ref.span if ref is not None else None),
                    field=ref.path if ref is not None else None,
                )


def _problem(literal: VLiteral) -> Violation | None:
    value = literal.value
    if literal.value_type == "unsupported":
        return Violation(
            f"v.literal(value) must be a string, number, or boolean (got {value})",
            help="Use v.null() for null, v.object(...) for objects, or a string/number/boolean literal.",
        )
    if literal.value_type == "number" and isinstance(value, float) and not math.isfinite(value):
        return Violation(
            f"{describe_validator(literal)}: Infinite or NaN values are not supported in literal validators.",
            help="Use v.number() (it accepts NaN and ±Infinity) or a finite sentinel value.",
        )
    if literal.value_type == "bigint" and isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        return Violation(
            f"BigInt {short_int(value)} does not fit into a 64-bit signed integer.",
            help="v.int64() literals must lie between -2^63 and 2^63 - 1.",
        )
    return None
