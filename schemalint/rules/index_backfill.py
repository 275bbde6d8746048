"""C709 index-backfill: a new or changed index is built from every document before the push completes."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import indexes
from schemalint.diff.indexes import describe
from schemalint.rules.base import Rule, RuleContext, Violation

_WHAT = {
    "added": "is new",
    "changed": "changed its fields (it is dropped and rebuilt)",
    "enabled": "is no longer staged",
}


class IndexBackfill(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for change in indexes(ctx):
            if change.kind not in _WHAT or change.new is None:
                continue
            was = f" (was {describe(change.old)})" if change.kind == "changed" and change.old else ""
            yield Violation(
                f"Index `{change.name}` of `{change.table}` {_WHAT[change.kind]}{was}: Convex backfills "
                f"{describe(change.new)} from every document of `{change.table}` before the push "
                "completes (on a table of 100,000+ documents the CLI asks first, and in CI exits 1 "
                "unless `--skip-large-indexes-check`)",
                help="On a large table add it with `staged: true` first: it is built in the "
                "background, then a later push removes `staged` to make it queryable.",
                span=change.new.span,
                table=change.table,
                index=change.name,
            )
