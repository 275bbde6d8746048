"""C707 removed-table-referenced: `v.id("t")` still names a table removed from the schema."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import comparison
from schemalint.ir import VId, walk_validators
from schemalint.rules.base import Rule, RuleContext, Violation


class RemovedTableReferenced(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        removed = {c.name for c in comparison(ctx).changes if c.verdict == "removed"}
        if not removed:
            return
        for table in ctx.schema.tables:
            documents = [table.document] + ([table.staged_document] if table.staged_document else [])
            seen: set[str] = set()
            for document in documents:
                for node in walk_validators(document):
                    if isinstance(node, VId) and node.table_name in removed and node.table_name not in seen:
                        seen.add(node.table_name)
                        name = node.table_name
                        yield Violation(
                            f"Table `{name}` is removed from the schema but `{table.name}` still holds "
                            f'`v.id("{name}")`: every id written there must point to an existing '
                            f"document of `{name}`, and `{name}` cannot be deleted while the schema "
                            "references it",
                            help=f'Remove or change the `v.id("{name}")` fields too (widen to '
                            "`v.string()` or make them optional and unset them first), or keep the table.",
                            span=node.span or table.name_span,
                            table=table.name,
                        )
