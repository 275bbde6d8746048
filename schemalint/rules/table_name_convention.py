"""N403 table-name-convention: table names that are not camelCase plurals (configurable)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.identifiers import is_identifier
from schemalint.ir import Table
from schemalint.irquery import is_package_table
from schemalint.naming import (
    is_camel_case,
    is_snake_case,
    plural_name_problem,
    pluralize_name,
    to_camel_case,
    to_snake_case,
)
from schemalint.rules.base import Rule, RuleContext, Violation


class TableNameConvention(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        name = table.name
        if is_package_table(table) or name in ctx.options.get_strings("allow"):
            return
        if name.startswith("_") or not is_identifier(name):
            return  # reserved-name and invalid-identifier report these
        case = ctx.options.get_str("case")
        if case == "camelCase" and not is_camel_case(name):
            yield _violation(f'Table name "{name}" is not camelCase', to_camel_case(name))
            return
        if case == "snake_case" and not is_snake_case(name):
            yield _violation(f'Table name "{name}" is not snake_case', to_snake_case(name))
            return
        problem = plural_name_problem(name) if ctx.options.get_bool("plural") else None
        if problem is not None:
            yield _violation(f'Table name "{name}" is not plural ({problem})', pluralize_name(name))


def _violation(message: str, suggestion: str) -> Violation:
    return Violation(
        message,
        help=f'Rename it to "{suggestion}", or add it to the `allow` option of '
        "table-name-convention if the name is deliberate.",
    )
