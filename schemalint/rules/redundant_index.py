"""I502 redundant-index: a database index whose fields are a strict prefix of another's.

With the function code read, the finding names the queries that use each of the two indexes
and says which one to drop only when the code shows it (nothing uses it).
"""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import DbAccess, DbIndex, Usage
from schemalint.irquery import IndexRef, is_package_table
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import index_usage_known, location, usage_of, uses_of_index

MAX_LISTED = 3


class RedundantIndex(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        short = index.index
        if not isinstance(short, DbIndex) or not short.fields or is_package_table(index.table):
            return
        longer = _longer_index(short, index.table.indexes)
        if longer is None:
            return
        equal = " and ".join(short.fields)
        order = (
            f'(equal {equal} by _creationTime, where "{longer.name}" orders by '
            f"{longer.fields[len(short.fields)]} first)"
        )
        prefix = (
            f'Index "{short.name}" {_fields(short.fields)} is a prefix of "{longer.name}" '
            f"{_fields(longer.fields)}, which serves the same queries"
        )
        usage = usage_of(ctx.project)
        if usage is None or not index_usage_known(usage, index.table.name):
            yield Violation(
                f"{prefix}; keep both only if a query needs this index's order {order}",
                help=f'Remove "{short.name}" and query "{longer.name}" with the same conditions, or '
                "suppress this finding with the reason the order matters.",
            )
            return
        yield _with_usage(ctx, usage, index.table.name, short, longer, prefix, order)


def _with_usage(
    ctx: RuleContext, usage: Usage, table: str, short: DbIndex, longer: DbIndex, prefix: str, order: str
) -> Violation:
    short_uses = uses_of_index(usage, table, short.name)
    long_uses = uses_of_index(usage, table, longer.name)
    short_text = _uses(ctx, short.name, short_uses)
    long_text = _uses(ctx, longer.name, long_uses)
    if not short_uses:
        return Violation(
            f"{prefix}; {short_text} ({long_text})",
            help=f'Remove "{short.name}": nothing queries it.',
        )
    if not long_uses:
        return Violation(
            f"{prefix}; {long_text} ({short_text})",
            help=f'Remove "{longer.name}" if no query needs its order {order}; or move the queries '
            f'to "{longer.name}" and remove "{short.name}".',
        )
    return Violation(
        f"{prefix}; both are used: {short_text}, {long_text}",
        help=f'To drop "{short.name}", change its queries to .withIndex("{longer.name}", ...) with the '
        f"same conditions (results with equal {' and '.join(short.fields)} then come in "
        f'{longer.fields[len(short.fields)]} order, not creation order), then remove "{short.name}".',
    )


def _uses(ctx: RuleContext, name: str, uses: tuple[DbAccess, ...]) -> str:
    if not uses:
        return f'no query uses "{name}"'
    places = ", ".join(location(ctx.project, use) for use in uses[:MAX_LISTED])
    more = f" and {len(uses) - MAX_LISTED} more" if len(uses) > MAX_LISTED else ""
    return f'"{name}" is used at {places}{more}'


def _longer_index(short: DbIndex, indexes: tuple[DbIndex, ...]) -> DbIndex | None:
    """The first database index (not staged: it cannot serve queries yet) whose fields start
    with all of `short`'s and go on."""
    size = len(short.fields)
    for other in indexes:
        if not other.staged and len(other.fields) > size and other.fields[:size] == short.fields:
            return other
    return None


def _fields(fields: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{f}"' for f in fields) + "]"
