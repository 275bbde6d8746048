"""I502 redundant-index: a database index whose fields are a strict prefix of another's."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import DbIndex
from schemalint.irquery import IndexRef, is_package_table
from schemalint.rules.base import Rule, RuleContext, Violation


class RedundantIndex(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        short = index.index
        if not isinstance(short, DbIndex) or not short.fields or is_package_table(index.table):
            return
        longer = _longer_index(short, index.table.indexes)
        if longer is None:
            return
        equal = " and ".join(short.fields)
        yield Violation(
            f'Index "{short.name}" {_fields(short.fields)} is a prefix of "{longer.name}" '
            f"{_fields(longer.fields)}, which serves the same queries; keep both only if a query "
            f'needs this index\'s order (equal {equal} by _creationTime, where "{longer.name}" '
            f"orders by {longer.fields[len(short.fields)]} first)",
            help=f'Remove "{short.name}" and query "{longer.name}" with the same conditions, or '
            "suppress this finding with the reason the order matters.",
        )


def _longer_index(short: DbIndex, indexes: tuple[DbIndex, ...]) -> DbIndex | None:
    """The first database index whose fields start with all of `short`'s and go on."""
    size = len(short.fields)
    for other in indexes:
        if len(other.fields) > size and other.fields[:size] == short.fields:
            return other
    return None


def _fields(fields: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{f}"' for f in fields) + "]"
