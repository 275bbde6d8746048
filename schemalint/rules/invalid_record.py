"""D112 invalid-record: record key types Convex rejects (optional keys or values are evaluation errors)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import Table, Validator, VId, VLiteral, VRecord, VString, VUnknown
from schemalint.irquery import FieldRef, alternatives, describe_validator, table_validators_of
from schemalint.rules.base import Rule, RuleContext, Violation


class InvalidRecord(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        for validator, ref in table_validators_of(table, VRecord):
            if isinstance(validator, VRecord):
                for violation in _record_problems(validator):
                    yield _located(violation, ref)


def _located(violation: Violation, ref: FieldRef | None) -> Violation:
    if ref is None:
        return violation
    return Violation(violation.message, help=violation.help, span=violation.span or ref.span, field=ref.path)


def _record_problems(record: VRecord) -> Iterator[Violation]:
    keys = alternatives(record.keys)
    if not all(_is_string_subtype(key) for key in keys):
        yield Violation(
            "Records can only have string keys. Your validator contains a record with key typed as "
            f"`{describe_validator(record.keys)}`, which is not a subtype of `v.string()`",
            help="Use v.string() or v.id(...) keys (convert numbers to strings), or a v.array of "
            "{ key, value } objects.",
            span=record.keys.span or record.span,
        )
    elif any(isinstance(key, VLiteral) for key in keys):
        yield Violation(
            "Records cannot have string literal keys",
            help="For a fixed set of keys use v.object({ ... }) with a field per key.",
            span=record.keys.span or record.span,
        )


def _is_string_subtype(key: Validator) -> bool:
    """Whether Convex accepts `key` as a record key type (string literals are caught later)."""
    if isinstance(key, VLiteral):
        return key.value_type == "string"
    return isinstance(key, VString | VId | VUnknown)
