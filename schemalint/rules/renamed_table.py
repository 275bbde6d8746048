"""C708 renamed-table: a table removed and one with the same fields added (a rename, maybe)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diff.context import comparison
from schemalint.diff.documents import document_validator, object_members
from schemalint.diff.subset import same
from schemalint.rules.base import Rule, RuleContext, Violation


class RenamedTable(Rule):
    compares_versions = True

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        changes = comparison(ctx).changes
        removed = [c.old for c in changes if c.verdict == "removed" and c.old is not None]
        for change in changes:
            table = change.new
            if change.verdict != "new" or table is None:
                continue
            document = document_validator(table)
            if not any(member.fields for member in object_members(document)):
                continue  # `v.any()` or `{}` documents look like everything
            twin = next((old for old in removed if same(document_validator(old), document)), None)
            if twin is None:
                continue
            yield Violation(
                f"Table `{table.name}` has the same fields as the removed table `{twin.name}`: if this "
                f"is a rename, Convex does not move data; the documents stay in `{twin.name}` "
                f"(unvalidated) and `{table.name}` starts empty",
                help=f"Keep `{twin.name}` while a migration copies its documents into `{table.name}` "
                "(and updates `v.id` references), then remove it.",
                span=table.name_span or table.span,
                table=table.name,
            )
