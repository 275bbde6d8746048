"""N401 index-name-convention: index names that break the schema's own naming convention (or a
configured style)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemalint.conventions import Census
from schemalint.identifiers import is_identifier
from schemalint.ir import Schema, Table
from schemalint.irquery import IndexRef, is_package_table, table_indexes
from schemalint.rules.base import Rule, RuleContext, Violation

AUTO = "auto"
# An inferred convention needs this many other database indexes in the schema.
MINIMUM_EVIDENCE = 5
BY_PREFIX = "by-prefix"
BY_A_AND_B = "by_a_and_b"
BY_A_B = "by_a_b"


class IndexNameConvention(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        if not _judged(ctx.schema, index):
            return
        table = index.table
        style = ctx.options.get_str("style")
        if index.kind == "db" and style == AUTO:
            census = ctx.memo("census", lambda: _census(ctx.schema))
            problem = _auto_problem(census, index)
        elif index.kind == "db":
            problem = _db_name_problem(style, index)
        else:
            pattern = ctx.options.get_str(f"{index.kind}-style")
            problem = _regex_problem(pattern, index.name) if pattern else None
        if problem is not None:
            message, hint = problem
            kind = {"db": "Index", "search": "Search index", "vector": "Vector index"}[index.kind]
            yield Violation(f'{kind} "{index.name}" of "{table.name}" {message}', help=hint)


def _judged(schema: Schema, index: IndexRef) -> bool:
    """Whether the index's name is the user's to choose and not another rule's finding."""
    table = index.table
    if is_package_table(table) or table.name.startswith("_") or _kept_from_package(schema, table, index):
        return False
    return not index.name.startswith("_") and is_identifier(index.name)


# The naming styles an inferred convention can be, as the message describes them.
BY_FIELDS = "`by_<fields>`"
BY_CAMEL = "`by<Fields>`"
FIELD_NAMED = "after their fields alone (`<field>`)"


def index_style(index: IndexRef) -> str | None:
    """Which naming style the database index's name follows (None: none of them)."""
    name = index.name
    if name.startswith("by_") and len(name) > 3:
        return BY_FIELDS
    if re.fullmatch(r"by[A-Z0-9][A-Za-z0-9_]*", name):
        return BY_CAMEL
    flat = [field.replace(".", "_") for field in index.fields]
    spelled = {"_".join(flat), "_and_".join(flat), "".join(_capitalized(f, i) for i, f in enumerate(flat))}
    spelled.add("And".join(_capitalized(f, i) for i, f in enumerate(flat)))
    return FIELD_NAMED if name in spelled else None


def _capitalized(word: str, position: int) -> str:
    return word if position == 0 else word[:1].upper() + word[1:]


def _census(schema: Schema) -> Census[str]:
    """The naming styles of the schema's database indexes whose names the user chose."""
    return Census(
        index_style(ref)
        for table in schema.tables
        for ref in table_indexes(table)
        if ref.kind == "db" and _judged(schema, ref)
    )


def _auto_problem(census: Census[str], index: IndexRef) -> tuple[str, str] | None:
    """How the index's name breaks the convention the schema's other indexes follow, or None."""
    convention = census.deviation(index_style(index), MINIMUM_EVIDENCE)
    if convention is None:
        return None
    message = (
        f"is not named like the other indexes of the schema: {convention.evidence()} are named "
        f"{convention.style}"
    )
    return message, f'Rename it to "{_suggestion(convention.style, index)}", like the others.'


def _suggestion(style: str, index: IndexRef) -> str:
    flat = [field.replace(".", "_") for field in index.fields]
    if style == BY_FIELDS:
        return "by_" + "_and_".join(flat)
    if style == BY_CAMEL:
        return "by" + "And".join(_capitalized(f, 1) for f in flat)
    return "_".join(flat)


def _db_name_problem(style: str, index: IndexRef) -> tuple[str, str] | None:
    """What is wrong with a database index name under `style`: (message, hint), or None."""
    parts = [field.replace(".", "_") for field in index.fields]
    and_name = "by_" + "_and_".join(parts)
    if style == BY_PREFIX:
        if index.name.startswith("by_") and len(index.name) > 3:
            return None
        return 'does not start with "by_"', f'Name it after its fields, e.g. "{and_name}".'
    if style in (BY_A_AND_B, BY_A_B):
        expected = and_name if style == BY_A_AND_B else "by_" + "_".join(parts)
        if index.name == expected:
            return None
        return f'is not named after its fields ("{expected}")', f'Rename it to "{expected}".'
    return _regex_problem(style, index.name)


def _regex_problem(pattern: str, name: str) -> tuple[str, str] | None:
    if re.fullmatch(pattern, name):
        return None
    return f"does not match /{pattern}/", "Rename it to match the configured style."


def _kept_from_package(schema: Schema, table: Table, index: IndexRef) -> bool:
    """Whether the index is one a package table's override keeps by name: in a table that
    replaces a spread table (`users` after `...authTables`), an index named exactly like its
    field (`email` on ["email"]) is the package's naming, which its code looks up."""
    overrides = any(
        s.name == table.name and s.first_from_spread and not s.second_from_spread
        for s in schema.shadowed_tables
    )
    return overrides and len(index.fields) == 1 and index.name == index.fields[0]
