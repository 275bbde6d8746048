"""Which function code still uses an index that a change removes or stages.

Reads the usage model of the project's function modules (`Project.functions.usage`); the
answer is `unknown` whenever that model cannot rule a use out.
"""

from __future__ import annotations

from typing import Literal

from schemalint.ir import DbAccess, Project
from schemalint.irquery import IndexRef
from schemalint.records import dataclass
from schemalint.usagequery import index_usage_known, location, usage_of

_MAX_LISTED = 5


@dataclass(frozen=True)
class IndexUses:
    """`state`: "used" (`accesses` may use it), "unused" (no code can), "unknown"."""

    state: Literal["used", "unused", "unknown"]
    accesses: tuple[DbAccess, ...] = ()

    def listing(self, project: Project) -> str:
        """Where the uses are, e.g. `convex/posts.ts:12, convex/feed.ts:40 and 2 more`."""
        shown = [location(project, a) for a in self.accesses[:_MAX_LISTED]]
        more = len(self.accesses) - len(shown)
        return ", ".join(shown) + (f" and {more} more" if more else "")


def index_uses(project: Project, index: IndexRef) -> IndexUses:
    """Where the function code may still use `index` (by its table, kind and name)."""
    usage = usage_of(project)
    if usage is None:
        return IndexUses("unknown")
    table, name = index.table.name, index.name
    found = tuple(
        access
        for access in usage.accesses
        if (access.tables is None or table in access.tables)
        and any(
            use.kind == index.kind and use.names is not None and name in use.names for use in access.indexes
        )
    )
    if found:
        return IndexUses("used", found)
    if index_usage_known(usage, table) and name not in usage.string_literals:
        return IndexUses("unused")
    return IndexUses("unknown")
