"""I502 redundant-index: a database index whose fields are a strict prefix of another's.

With the function code read, the finding names the queries that use each of the two indexes
and says which one to drop only when the code shows it (nothing uses it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.ir import DbAccess, DbIndex, Usage
from schemalint.irquery import IndexRef, is_package_table
from schemalint.lazy_pattern import lazy_compile
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import (
    accesses_on,
    index_usage_known,
    location,
    unknown_table_accesses,
    usage_of,
    uses_of_index,
)

MAX_LISTED = 3


class RedundantIndex(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        short = index.index
        if not isinstance(short, DbIndex) or not short.fields or is_package_table(index.table):
            return
        table = index.table.name
        usage = usage_of(ctx.project)
        known = usage is not None and index_usage_known(usage, table)
        longer = _longer_index(short, index.table.indexes, usage if known else None, table)
        if longer is None:
            return
        order = (
            f'(equal {" and ".join(short.fields)} by _creationTime, where "{longer.name}" orders by '
            f"{longer.fields[len(short.fields)]} first)"
        )
        prefix = (
            f'Index "{short.name}" {_fields(short.fields)} is a prefix of "{longer.name}" '
            f"{_fields(longer.fields)}, which serves the same queries"
        )
        if usage is None or not known:
            yield Violation(
                f"{prefix}; keep both only if a query needs this index's order {order}",
                help=f'Remove "{short.name}" and query "{longer.name}" with the same conditions, or '
                "suppress this finding with the reason the order matters.",
            )
            return
        if _dead(usage, table):
            # Nothing reads or writes the table: dropping one of its indexes gains nothing.
            yield Violation(
                f'{prefix}; no function reads or writes "{table}", so both indexes cost nothing yet',
                help=f'Remove "{short.name}" if the table is to be used; or remove the table.',
                severity=Severity.INFO,
            )
            return
        yield _with_usage(ctx, usage, table, short, longer, prefix, order)


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
    shared = [use for use in short_uses if use.tables is not None and len(use.tables) > 1]
    if shared:
        # A query that takes its table from a list (one index name on several tables) cannot
        # simply move to an index only this table has.
        where = location(ctx.project, shared[0])
        if not long_uses:
            return Violation(
                f"{prefix}; {long_text} ({short_text})",
                help=f'Remove "{longer.name}" if no query needs its order {order}; keep "{short.name}": '
                f"{where} queries it by that name on several tables.",
            )
        return Violation(
            f'{prefix}; both are used, and {where} queries "{short.name}" by name on several tables '
            f"({short_text}, {long_text})",
            help=f'Keep both: dropping "{short.name}" means changing that query for every table it '
            "loops over.",
            severity=Severity.INFO,
        )
    if not long_uses:
        return Violation(
            f"{prefix}; {long_text} ({short_text})",
            help=f'Remove "{longer.name}" if no query needs its order {order}; or move the queries '
            f'to "{longer.name}" and remove "{short.name}".',
        )
    next_field = longer.fields[len(short.fields)]
    if _creation_like(next_field):
        then = f"in {next_field} order, which follows creation order"
        ordered = ""
    else:
        then = f"in {next_field} order, not creation order"
        ordered = _order_dependent(ctx, short_uses)
    return Violation(
        f"{prefix}; both are used: {short_text}, {long_text}",
        help=f'To drop "{short.name}", change its queries to .withIndex("{longer.name}", ...) with the '
        f"same conditions (results with equal {' and '.join(short.fields)} then come {then}), then "
        f'remove "{short.name}".{ordered}',
    )


def _order_dependent(ctx: RuleContext, uses: tuple[DbAccess, ...]) -> str:
    """A sentence naming the queries that read in index order (first, take, paginate, order)."""
    relying = [use for use in uses if use.order is not None or use.terminal in ("first", "take", "paginate")]
    if not relying:
        return ""
    places = ", ".join(location(ctx.project, use) for use in relying[:MAX_LISTED])
    more = f" and {len(relying) - MAX_LISTED} more" if len(relying) > MAX_LISTED else ""
    return f" Check the queries that read in that order first: {places}{more}."


def _dead(usage: Usage, table: str) -> bool:
    """Whether no function reads or writes `table`: every module was read, none names the
    table, and no query or insert has a table that could not be narrowed. (A `get`, `patch` or
    `delete` by id alone needs an id from a query or insert of the table.)"""
    if not usage.complete or accesses_on(usage, table):
        return False
    return not any(a.kind not in _BY_ID for a in unknown_table_accesses(usage))


_BY_ID = ("get", "patch", "replace", "delete")


_CREATION = lazy_compile(r"(created|creation|inserted)(_?at|_?time|_?on)?|timestamp", re.IGNORECASE)


def _creation_like(field: str) -> bool:
    return _CREATION.fullmatch(field.rsplit(".", 1)[-1]) is not None


def _uses(ctx: RuleContext, name: str, uses: tuple[DbAccess, ...]) -> str:
    if not uses:
        return f'no query uses "{name}"'
    places = ", ".join(location(ctx.project, use) for use in uses[:MAX_LISTED])
    more = f" and {len(uses) - MAX_LISTED} more" if len(uses) > MAX_LISTED else ""
    return f'"{name}" is used at {places}{more}'


def _longer_index(
    short: DbIndex, indexes: tuple[DbIndex, ...], usage: Usage | None, table: str
) -> DbIndex | None:
    """The index to compare `short` with: one (not staged: it cannot serve queries yet) whose
    fields start with all of `short`'s and go on. An index that is itself a prefix of another
    is passed over (it is reported on its own). With the code read, a target whose next field
    is a creation timestamp (it keeps the creation order `short`'s queries get) comes first, then
    an unused one when `short` is used (drop it), a used one when `short` is not."""
    size = len(short.fields)
    longer = [i for i in indexes if not i.staged and len(i.fields) > size and i.fields[:size] == short.fields]
    maximal = [i for i in longer if not any(_is_prefix(i, other) for other in longer)]
    if not maximal:
        return None
    if usage is None:
        return maximal[0]
    for candidate in maximal:
        if _creation_like(candidate.fields[size]):
            return candidate
    # With `short` used, an unused longer index is the one to drop; with `short` unused, it is
    # `short` itself, and a used longer index shows where its queries went.
    want_used = not uses_of_index(usage, table, short.name)
    for candidate in maximal:
        if bool(uses_of_index(usage, table, candidate.name)) == want_used:
            return candidate
    return maximal[0]


def _is_prefix(short: DbIndex, other: DbIndex) -> bool:
    size = len(short.fields)
    return not other.staged and len(other.fields) > size and other.fields[:size] == short.fields


def _fields(fields: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{f}"' for f in fields) + "]"
