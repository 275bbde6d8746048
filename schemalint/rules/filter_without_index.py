"""Q603 filter-without-index: a query scans a whole table to find documents by field values."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.catalogue_tables import Sources, is_catalogue
from schemalint.diagnostics import Severity
from schemalint.index_naming import NamingHabit, naming_habit, propose_index_name
from schemalint.ir import DbAccess, FilterUse, Table, VBoolean, VLiteral, VNull
from schemalint.irquery import alternatives, can_contain_field, is_package_table, resolve_field, table_named
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import checkable_table, is_one_off, leading_index, usage_of


class FilterWithoutIndex(Rule):
    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        usage = usage_of(ctx.project)
        if usage is None:
            return
        habit = naming_habit(ctx.schema)
        sources = Sources()
        catalogues: dict[str, bool] = {}
        for access in usage.accesses:
            if access.kind != "query" or access.indexes or access.tables is None or len(access.tables) != 1:
                continue
            table = table_named(ctx.schema, access.tables[0])
            if table is None or is_package_table(table) or not checkable_table(ctx.project, table):
                continue
            if table.name not in catalogues:
                catalogues[table.name] = is_catalogue(usage, table.name, sources)
            for use in access.filters:
                violation = _scan(table, access, use, ctx.project.root, habit, catalogues[table.name])
                if violation is not None:
                    yield violation
                    break


def _scan(
    table: Table, access: DbAccess, use: FilterUse, root: str, habit: NamingHabit, catalogue: bool
) -> Violation | None:
    pairs = [
        (field, value)
        for field, value in zip(use.eq_fields, use.eq_values, strict=True)
        if not field.startswith("_") and can_contain_field(table.document, field)
    ]
    pairs = list({field: value for field, value in reversed(pairs)}.items())[::-1]
    if not pairs:
        return None
    fields = tuple(field for field, _ in pairs)
    values = dict(pairs)
    listed = _quoted(fields)
    message = (
        f'This query filters "{table.name}" by {listed} without an index: it reads every document '
        "of the table (and fails once the table outgrows Convex's read limits)"
    )
    # A scan by flags and enum values only may match most of the table (an index then saves
    # little), and a migration or seed module scans on purpose: information, not a warning.
    if all(_few_values(table, field) for field in fields):
        message += "; the compared fields take few values, so an index helps only if few documents match"
        severity: Severity | None = Severity.INFO
    elif catalogue:
        message += (
            "; every insert into the table loads a whole list (a constant catalogue), so it stays small"
        )
        severity = Severity.INFO
    elif is_one_off(access, root):
        message += "; this module looks like a migration or seed script, which may scan on purpose"
        severity = Severity.INFO
    else:
        severity = None
    found = leading_index(table, fields)
    if found is not None:
        index, count = found
        used = index.fields[:count]
        call = _with_index(index.name, used, values)
        rest = [f for f in fields if f not in used]
        tail = f", and keep .filter(...) for {_quoted(tuple(rest))}" if rest else ""
        return Violation(
            message,
            help=f'Index "{index.name}" starts with {_quoted(used)}: query it with '
            f"{call} instead of .filter(...){tail}.",
            span=use.span or access.span,
            table=table.name,
            severity=severity,
        )
    name = propose_index_name(habit, table, fields)
    field_list = ", ".join(f'"{f}"' for f in fields)
    return Violation(
        message,
        help=f'Add .index("{name}", [{field_list}]) to table "{table.name}" and query it with '
        f"{_with_index(name, fields, values)} instead of .filter(...).",
        span=use.span or access.span,
        table=table.name,
        severity=severity,
    )


def _few_values(table: Table, path: str) -> bool:
    """Whether the field holds only booleans, literals (an enum) or null."""
    validators = resolve_field(table, path)
    return bool(validators) and all(
        isinstance(member, VBoolean | VLiteral | VNull)
        for validator in validators
        for member in alternatives(validator)
    )


def _quoted(fields: tuple[str, ...]) -> str:
    return ", ".join(f'"{f}"' for f in fields)


def _with_index(name: str, fields: tuple[str, ...], values: dict[str, str]) -> str:
    comparisons = "".join(f'.eq("{f}", {_short(values[f])})' for f in fields)
    return f'.withIndex("{name}", (q) => q{comparisons})'


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else "…"
