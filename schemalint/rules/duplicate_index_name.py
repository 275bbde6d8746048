"""D104 duplicate-index-name: two indexes of one table with the same name."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import Table
from schemalint.irquery import IndexRef, table_indexes
from schemalint.rules.base import Rule, RuleContext, Violation


class DuplicateIndexName(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        first: dict[str, IndexRef] = {}
        for index in table_indexes(table):
            if index.name not in first:
                first[index.name] = index
                continue
            earlier = first[index.name]
            where = f" (line {earlier.span.line})" if earlier.span is not None else ""
            yield Violation(
                f'Table "{table.name}" has two or more definitions of index "{index.name}"',
                help=f"Rename this {_kind_word(index)} or remove it; the name is already used "
                f"by a {_kind_word(earlier)}{where}.",
                span=index.span,
                index=index.name,
            )


def _kind_word(index: IndexRef) -> str:
    kind = {"db": "database index", "search": "search index", "vector": "vector index"}[index.kind]
    return f"staged {kind}" if index.index.staged else kind
