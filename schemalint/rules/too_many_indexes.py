"""D107 too-many-indexes: above Convex's index limits (hard: 64; documented: 32, 4 vector)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.ir import Table
from schemalint.irquery import table_indexes
from schemalint.rules.base import Rule, RuleContext, Violation

MAX_INDEXES = 64
DOCUMENTED_MAX_INDEXES = 32
DOCUMENTED_MAX_VECTOR_INDEXES = 4


class TooManyIndexes(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        indexes = list(table_indexes(table))
        if len(indexes) > MAX_INDEXES:
            yield Violation(
                f'Table "{table.name}" cannot have more than {MAX_INDEXES} indexes '
                f"(it has {len(indexes)}, staged ones included)",
                help="Remove indexes that no query needs, or split the table.",
                span=indexes[MAX_INDEXES].span,
                index=indexes[MAX_INDEXES].name,
            )
        elif len(indexes) > DOCUMENTED_MAX_INDEXES:
            yield Violation(
                f'Table "{table.name}" has {len(indexes)} indexes; the documented limit is '
                f"{DOCUMENTED_MAX_INDEXES} per table",
                help=f"Convex enforces {MAX_INDEXES} today but documents {DOCUMENTED_MAX_INDEXES}; "
                "every index also adds work to every write. Remove indexes that no query needs.",
                span=indexes[DOCUMENTED_MAX_INDEXES].span,
                index=indexes[DOCUMENTED_MAX_INDEXES].name,
                severity=Severity.WARNING,
            )
        vectors = [index for index in indexes if index.kind == "vector"]
        if len(vectors) > DOCUMENTED_MAX_VECTOR_INDEXES:
            yield Violation(
                f'Table "{table.name}" has {len(vectors)} vector indexes; the documented limit is '
                f"{DOCUMENTED_MAX_VECTOR_INDEXES} per table",
                help=f"Convex enforces only the {MAX_INDEXES}-index total today but documents "
                f"{DOCUMENTED_MAX_VECTOR_INDEXES} vector indexes; move some embeddings to a table of "
                "their own.",
                span=vectors[DOCUMENTED_MAX_VECTOR_INDEXES].span,
                index=vectors[DOCUMENTED_MAX_VECTOR_INDEXES].name,
                severity=Severity.WARNING,
            )
