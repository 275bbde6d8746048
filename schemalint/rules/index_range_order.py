"""Q602 index-range-order: a `.withIndex` range (or `.withSearchIndex` filter) Convex rejects at
run time."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.diagnostics import Span
from schemalint.ir import RangeStep, Table
from schemalint.irquery import table_named
from schemalint.rules.base import Rule, RuleContext, Violation
from schemalint.usagequery import checkable_table, named_indexes, range_fields, usage_of


class IndexRangeOrder(Rule):
    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        usage = usage_of(ctx.project)
        if usage is None:
            return
        for ref in named_indexes(usage):
            use, access = ref.use, ref.access
            if use.kind == "vector" or not use.range or access.tables is None or len(access.tables) != 1:
                continue
            table = table_named(ctx.schema, ref.table)
            if table is None or not checkable_table(ctx.project, table):
                continue
            if use.kind == "search":
                yield from _search_filter(table, ref.name, use.range, use.span or access.span)
                continue
            fields = range_fields(table, ref.name)
            if fields is None:
                continue  # unknown-index reports it
            problem = range_problem(use.range, fields)
            if problem is None:
                continue
            step, message = problem
            order = ", ".join(f'"{f}"' for f in fields)
            yield Violation(
                f'The range on index "{ref.name}" of "{ref.table}" {message}: Convex throws at run time',
                help=f"Compare the index fields in their order ({order}): any number of `eq`, then at "
                "most one lower (`gt`/`gte`) and one upper (`lt`/`lte`) bound on the next field; "
                "filter other fields with `.filter(...)` or use an index that starts with them.",
                span=step.span or use.span or access.span,
                table=ref.table,
                index=ref.name,
            )


def range_problem(steps: tuple[RangeStep, ...], fields: tuple[str, ...]) -> tuple[RangeStep, str] | None:
    """The first step Convex rejects on an index over `fields` (in order), and why."""
    position = 0
    bounded: str | None = None  # the field a lower or upper bound was set on
    lower = upper = False
    for step in steps:
        expected = fields[position] if position < len(fields) else None
        if step.op == "eq":
            if bounded is not None:
                return step, f'compares "{step.field}" with `eq` after a range on "{bounded}"'
            if step.field != expected:
                return step, _misplaced(step, expected, fields, position)
            position += 1
            continue
        is_lower = step.op in ("gt", "gte")
        if bounded is not None:
            if step.field != bounded:
                return step, f'bounds "{step.field}" after a range on "{bounded}"'
            if (is_lower and lower) or (not is_lower and upper):
                return step, f'has two {"lower" if is_lower else "upper"} bounds on "{step.field}"'
        elif step.field != expected:
            return step, _misplaced(step, expected, fields, position)
        bounded = step.field
        lower, upper = lower or is_lower, upper or not is_lower
    return None


def _misplaced(step: RangeStep, expected: str | None, fields: tuple[str, ...], position: int) -> str:
    if step.field not in fields:
        return f'compares "{step.field}", which is not a field of the index'
    if expected is None:
        return f'compares "{step.field}" again'
    if fields.index(step.field) > position:
        return f'compares "{step.field}" but skips "{expected}" before it'
    return f'compares "{step.field}" out of order (after "{fields[position - 1]}")'


def _search_filter(
    table: Table, name: str, steps: tuple[RangeStep, ...], span: Span | None
) -> Iterator[Violation]:
    """`q.search(field, text).eq(filterField, value)...` against search index `name`."""
    index = next((i for i in table.search_indexes if i.name == name), None)
    if index is None:
        return  # unknown-index reports it
    for step in steps:
        if step.op == "search" and step.field != index.search_field:
            problem = f'searches "{step.field}", but the index searches "{index.search_field}"'
        elif step.op == "eq" and step.field not in index.filter_fields:
            listed = ", ".join(f'"{f}"' for f in index.filter_fields) or "none"
            problem = (
                f'compares "{step.field}", which is not a filter field of the index (filter fields: {listed})'
            )
        else:
            continue
        yield Violation(
            f'The search filter on search index "{name}" of "{table.name}" {problem}: '
            "Convex throws at run time",
            help=f'Search the index\'s search field with q.search("{index.search_field}", ...) and compare '
            "only its filter fields with .eq(...); add a field to `filterFields` to filter by it.",
            span=step.span or span,
            table=table.name,
            index=name,
        )
        return
