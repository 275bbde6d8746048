"""N403 table-name-convention: table names that are not camelCase plurals (configurable)."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.conventions import Census
from schemalint.identifiers import is_identifier
from schemalint.ir import Schema, Table
from schemalint.irquery import is_package_table
from schemalint.naming import (
    CAMEL,
    OTHER,
    is_camel_case,
    is_snake_case,
    name_case,
    number_of,
    plural_name_problem,
    pluralize_name,
    to_camel_case,
    to_snake_case,
)
from schemalint.rules.base import Rule, RuleContext, Violation

AUTO = "auto"
# An inferred convention needs this many other table names that show it.
MINIMUM_EVIDENCE = 4


class TableNameConvention(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        name = table.name
        if not _judged(table) or name in ctx.options.get_strings("allow"):
            return
        case = ctx.options.get_str("case")
        plural = ctx.options.get_str("plural")
        if AUTO in (case, plural):
            cases, numbers = ctx.memo("census", lambda: _census(ctx.schema))
            if case == AUTO:
                found = _auto_case(cases, name)
                if found is not None:
                    yield found
                    return
            if plural == AUTO:
                yield from _auto_number(numbers, name)
        if case == "camelCase" and not is_camel_case(name):
            yield _violation(f'Table name "{name}" is not camelCase', to_camel_case(name))
            return
        if case == "snake_case" and not is_snake_case(name):
            yield _violation(f'Table name "{name}" is not snake_case', to_snake_case(name))
            return
        problem = plural_name_problem(name) if plural == "required" else None
        if problem is not None:
            yield _violation(f'Table name "{name}" is not plural ({problem})', pluralize_name(name))


def _judged(table: Table) -> bool:
    """Whether the table's name is the user's to choose and not another rule's finding
    (reserved-name and invalid-identifier report `_` and invalid names)."""
    name = table.name
    return not is_package_table(table) and not name.startswith("_") and is_identifier(name)


def _census(schema: Schema) -> tuple[Census[str], Census[str]]:
    """The cases and the grammatical numbers of the schema's own table names."""
    names = [table.name for table in schema.tables if _judged(table)]
    cases = Census(case for name in names if (case := name_case(name)) is not None)
    numbers = Census(number for name in names if (number := number_of(name)) is not None)
    return cases, numbers


def _auto_case(cases: Census[str], name: str) -> Violation | None:
    own = name_case(name)
    convention = cases.deviation(own, MINIMUM_EVIDENCE) if own is not None else None
    if convention is None:
        return None
    shown = "neither camelCase nor snake_case" if own == OTHER else own
    suggestion = to_camel_case(name) if convention.style == CAMEL else to_snake_case(name)
    return _violation(
        f'Table name "{name}" is {shown}, but {convention.evidence()} other table names that show '
        f"a case are {convention.style}",
        suggestion,
    )


def _auto_number(numbers: Census[str], name: str) -> Iterator[Violation]:
    own = number_of(name)
    convention = numbers.deviation(own, MINIMUM_EVIDENCE) if own is not None else None
    if convention is None or convention.style != "plural":
        return  # a singular-style schema is consistent: there is nothing to report
    yield _violation(
        f'Table name "{name}" is singular, but {convention.evidence()} other tables have plural names',
        pluralize_name(name),
    )


def _violation(message: str, suggestion: str) -> Violation:
    return Violation(
        message,
        help=f'Rename it to "{suggestion}", or add it to the `allow` option of '
        "table-name-convention if the name is deliberate.",
    )
