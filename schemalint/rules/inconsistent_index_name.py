"""N405 inconsistent-index-name: an index name the schema uses for one field, here on another."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from schemalint.index_naming import naming_habit, propose_index_name
from schemalint.ir import DbIndex, Table
from schemalint.records import dataclass
from schemalint.rules.base import Rule, RuleContext, Violation

# How much of the schema must agree before an index name has a meaning to deviate from.
MIN_AGREEING_TABLES = 3
MIN_SHARE = 0.75


@dataclass(frozen=True)
class _Meaning:
    """What an index name means in this schema: the field it leads with, and on how many tables."""

    field: str
    tables: int
    uses: int


class InconsistentIndexName(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        meanings = ctx.memo("meanings", lambda: _meanings(ctx.schema.tables))
        habit = ctx.memo("habit", lambda: naming_habit(ctx.schema))
        for index in table.indexes:
            meaning = meanings.get(index.name)
            if meaning is None or not index.fields or index.fields[0] == meaning.field:
                continue
            if _names_field(index.name, index.fields[0]):
                continue  # `by_skill` on `cachedSkillId` still says what it holds
            proposed = propose_index_name(habit, table, index.fields)
            yield Violation(
                f'Index "{index.name}" on {_fields(index)} leads with "{index.fields[0]}", but in '
                f'{meaning.tables} of the schema\'s {meaning.uses} tables with an index "{index.name}" '
                f'it is the index on "{meaning.field}"',
                help=f'Rename this index after its fields (e.g. "{proposed}"), or index '
                f'"{meaning.field}" if that was meant: queries written against the usual meaning of '
                f'"{index.name}" would compare the wrong field.',
                span=index.span,
                index=index.name,
            )


def _meanings(tables: tuple[Table, ...]) -> dict[str, _Meaning]:
    """Index names whose leading field a clear majority of the schema's user tables agree on."""
    leading: dict[str, Counter[str]] = defaultdict(Counter)
    for table in tables:
        if table.name.startswith("_"):
            continue
        for index in table.indexes:
            if index.fields:
                leading[index.name][index.fields[0]] += 1
    meanings: dict[str, _Meaning] = {}
    for name, fields in leading.items():
        # `fields.most_common(1)[0]` (the same first of the equally common), without its heapq
        field, agreeing = max(fields.items(), key=_count)
        uses = sum(fields.values())
        if agreeing >= MIN_AGREEING_TABLES and agreeing < uses and agreeing / uses >= MIN_SHARE:
            meanings[name] = _Meaning(field=field, tables=agreeing, uses=uses)
    return meanings


def _count(item: tuple[str, int]) -> int:
    return item[1]


def _names_field(index_name: str, field: str) -> bool:
    """Whether every word of the index name after `by` occurs in the field's name."""
    words = [w for w in re.split(r"_|(?<=[a-z0-9])(?=[A-Z])", index_name) if w]
    if words and words[0].lower() == "by":
        words = words[1:]
    lowered = field.lower()
    return bool(words) and all(word.lower() in lowered for word in words)


def _fields(index: DbIndex) -> str:
    return "[" + ", ".join(f'"{field}"' for field in index.fields) + "]"
