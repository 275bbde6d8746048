"""D102 reserved-name: names in Convex's system namespace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from schemalint.diagnostics import Severity
from schemalint.identifiers import is_identifier
from schemalint.ir import Table
from schemalint.irquery import SYSTEM_FIELDS, FieldRef, IndexRef
from schemalint.rules.base import Rule, RuleContext, Violation

RESERVED_INDEX_NAMES = ("by_id", "by_creation_time")
# Index names Convex lets through its reserved check despite the leading underscore.
_ALLOWED_RESERVED_INDEX_PREFIX = "_fivetran"


class ReservedName(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if table.name.startswith("_") and is_identifier(table.name):
            yield Violation(
                f'"{table.name}" is a reserved table name: names starting with "_" '
                "belong to Convex system tables",
                help=f'Rename the table, e.g. "{table.name.lstrip("_")}".',
            )

    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        name = index.name
        reserved = name in RESERVED_INDEX_NAMES or (
            name.startswith("_") and not name.startswith(_ALLOWED_RESERVED_INDEX_PREFIX)
        )
        if reserved and is_identifier(name):
            yield Violation(
                f'Index name "{name}" in table "{index.table.name}" is reserved: indexes may not '
                'start with an underscore or be named "by_id" or "by_creation_time"',
                help="Rename the index. Every table already has the built-in by_id and "
                "by_creation_time indexes.",
            )

    def check_field(self, ctx: RuleContext, field: FieldRef) -> Iterable[Violation]:
        # Called for every field of every table: the common case returns without a generator.
        name = field.field.name
        if name.startswith("_") and field.top_level and is_identifier(name):
            return (_reserved_field(name),)
        return ()


def _reserved_field(name: str) -> Violation:
    if name in SYSTEM_FIELDS:
        return Violation(
            f'"{name}" is a system field: Convex adds it to every document and drops this declaration',
            help="Remove the field from the table definition.",
            severity=Severity.WARNING,
        )
    return Violation(
        f'Top-level field "{name}" starts with "_": Convex silently drops it from the '
        "schema, and documents cannot store it",
        help=f'Rename the field, e.g. "{name.lstrip("_")}".',
        severity=Severity.WARNING,
    )
