"""One name for a proposed index, shared by every hint that proposes one.

The name follows the schema's own habit, read from the indexes it already has: the prefix
(`by_user` or `byUser`), whether id fields drop their `Id` (`by_user` for `userId`) and how
fields are joined (`by_user_and_channel` or `by_user_channel`). Without evidence the defaults are
`by_`, whole field names and `_`. The name is always free on its table: Convex refuses a schema
whose table has two indexes of one name.
"""

from __future__ import annotations

from collections import Counter

from schemalint.ir import Schema, Table
from schemalint.irquery import is_package_table, memo_on
from schemalint.naming import split_words
from schemalint.records import dataclass

SYSTEM_INDEX_NAMES = ("by_id", "by_creation_time")


@dataclass(frozen=True)
class NamingHabit:
    """How a project spells its index names, learnt from the names it already has."""

    camel: bool = False  # `byUserId` rather than `by_userId`
    short_ids: bool = False  # `by_user` for `userId`
    and_joiner: bool = False  # `by_a_and_b` rather than `by_a_b`


def naming_habit(schema: Schema) -> NamingHabit:
    """The habit most of the schema's own indexes follow, decided per trait (a trait that no
    index tells apart keeps its default)."""
    return memo_on(schema, "naming_habit", lambda: _naming_habit(schema))


_TRAITS = ("camel", "short_ids", "and_joiner")


def _naming_habit(schema: Schema) -> NamingHabit:
    votes: dict[str, Counter[bool]] = {trait: Counter() for trait in _TRAITS}
    parts: dict[tuple[str, bool, bool], str] = {}  # `_part` of each field, rendered once per run
    # What each (fields, name) pair says about each trait, decided once: schemas repeat them.
    verdicts: dict[tuple[tuple[str, ...], str], tuple[bool | None, ...]] = {}
    for table in schema.tables:
        if is_package_table(table):
            continue
        for index in table.indexes:
            fields = tuple([f for f in index.fields if not f.startswith("_")])
            # Every rendering starts with "by": other names match no habit and cast no vote.
            if not fields or not index.name.startswith("by"):
                continue
            key = (fields, index.name)
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = _verdict(fields, index.name, parts)
            for trait, value in zip(_TRAITS, verdict, strict=True):
                if value is not None:
                    votes[trait][value] += 1
    return NamingHabit(**{trait: counter[True] > counter[False] for trait, counter in votes.items()})


def _verdict(
    fields: tuple[str, ...], name: str, parts: dict[tuple[str, bool, bool], str]
) -> tuple[bool | None, ...]:
    """For each trait, its value if every habit that renders `fields` (not empty) as `name`
    agrees on it (a vote), else None.

    Each habit's rendering is `_render`'s; the parts of the two that differ only in the joiner
    are made once, and a rendering whose head (`by_` or `by` and the first part) is not how
    `name` starts is not joined."""
    matching: list[tuple[bool, bool, bool]] = []
    for camel in (False, True):
        for short_ids in (False, True):
            rendered = []
            for field in fields:
                key = (field, camel, short_ids)
                part = parts.get(key)
                if part is None:
                    part = parts[key] = _part(field, camel, short_ids)
                rendered.append(part[:1].upper() + part[1:] if camel else part)
            head = "by" if camel else "by_"
            if not name.startswith(head + rendered[0]):
                continue  # neither joiner renders `name`
            for and_joiner in (False, True):
                joiner = ("And" if and_joiner else "") if camel else ("_and_" if and_joiner else "_")
                if head + joiner.join(rendered) == name:
                    matching.append((camel, short_ids, and_joiner))
    verdict: list[bool | None] = []
    for trait in range(len(_TRAITS)):
        values = {habit[trait] for habit in matching}
        verdict.append(values.pop() if len(values) == 1 else None)
    return tuple(verdict)


def propose_index_name(habit: NamingHabit, table: Table, fields: tuple[str, ...]) -> str:
    """A free name for an index of `table` on `fields`, in the schema's habit."""
    taken = {i.name for i in table.indexes} | {i.name for i in table.search_indexes}
    taken |= {i.name for i in table.vector_indexes} | set(SYSTEM_INDEX_NAMES)
    first = _render(fields, habit)
    if first not in taken:
        return first  # the usual case: the other candidates are not rendered
    whole = _render(fields, NamingHabit(habit.camel, False, habit.and_joiner))
    for name in (whole, _render(fields, NamingHabit(habit.camel, False, not habit.and_joiner))):
        if name not in taken:
            return name
    number = 2
    while f"{whole}_{number}" in taken:
        number += 1
    return f"{whole}_{number}"


def _render(fields: tuple[str, ...], habit: NamingHabit) -> str:
    parts = [_part(field, habit.camel, habit.short_ids) for field in fields]
    if habit.camel:
        return "by" + ("And" if habit.and_joiner else "").join(p[:1].upper() + p[1:] for p in parts)
    return "by_" + ("_and_" if habit.and_joiner else "_").join(parts)


def _part(field: str, camel: bool, short_ids: bool) -> str:
    segments = field.split(".")
    last = segments[-1]
    words = split_words(last)
    if short_ids and len(words) >= 2 and words[-1] in ("Id", "ID") and last.endswith(words[-1]):
        segments[-1] = last[: -len(words[-1])]
    if camel:
        return "".join(s[:1].upper() + s[1:] if i else s for i, s in enumerate(segments))
    return "_".join(segments)
