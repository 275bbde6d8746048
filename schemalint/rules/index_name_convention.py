"""N401 index-name-convention: index names that do not follow the configured style."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemalint.identifiers import is_identifier
from schemalint.ir import Schema, Table
from schemalint.irquery import IndexRef, is_package_table
from schemalint.rules.base import Rule, RuleContext, Violation

BY_PREFIX = "by-prefix"
BY_A_AND_B = "by_a_and_b"
BY_A_B = "by_a_b"


class IndexNameConvention(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        table = index.table
        if is_package_table(table) or _kept_from_package(ctx.schema, table, index):
            return
        if index.name.startswith("_") or not is_identifier(index.name):
            return  # reserved-name and invalid-identifier report these
        if index.kind == "db":
            problem = _db_name_problem(ctx.options.get_str("style"), index)
        else:
            pattern = ctx.options.get_str(f"{index.kind}-style")
            problem = _regex_problem(pattern, index.name) if pattern else None
        if problem is not None:
            message, hint = problem
            kind = {"db": "Index", "search": "Search index", "vector": "Vector index"}[index.kind]
            yield Violation(f'{kind} "{index.name}" of "{table.name}" {message}', help=hint)


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
