"""Lowering: the evaluated `defineSchema(...)` value → the IR, reporting what was lost."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field

from schemalint.diagnostics import EVALUATION_ERROR, UNEVALUABLE_EXPRESSION, ParserDiagnostic, Span
from schemalint.ir import (
    RuntimeAccess,
    Schema,
    ShadowedTable,
    Table,
    TableOrigin,
    Validator,
    VObject,
    VUnknown,
)
from schemalint.parser.budget import ValidatorBudget
from schemalint.parser.convex_tables import live_indexes
from schemalint.parser.values import (
    Property,
    SchemaValue,
    TableDefValue,
    TableProblem,
    Unknown,
    Value,
)
from schemalint.records import dataclass


@dataclass
class Lowering:
    """Collects the diagnostics of one lowering, each reported once."""

    fallback: Span
    diagnostics: list[ParserDiagnostic] = field(default_factory=list)
    budget: ValidatorBudget = field(default_factory=ValidatorBudget)
    _seen: set[tuple[Span, str]] = field(default_factory=set)

    def report(
        self,
        message: str,
        span: Span | None,
        table: str | None = None,
        cause: str | None = None,
        kind: str = UNEVALUABLE_EXPRESSION,
    ) -> None:
        where = span or self.fallback
        key = (where, message)
        if key in self._seen:
            return
        self._seen.add(key)
        self.diagnostics.append(ParserDiagnostic(kind, message, where, table, cause=cause))

    def report_validator(self, validator: Validator, table: str, what: str, fallback: Span | None) -> None:
        """Report every unevaluable part of a table's document validator, naming the exact
        field it cost (`tasks.title`), or the whole table when the document itself is unknown."""
        if self.budget.fully_read(validator):
            return  # the common case: nothing to report
        for path, node in _walk_with_paths(validator, ""):
            where = f"`{table}.{path}`" if path else f"table `{table}`"
            if isinstance(node, VUnknown):
                lost = f"{what} of table `{table}`" if not path else f"{where}{_staged(what)}"
                self.report(f"{lost} unknown: {node.reason}", node.span or fallback, table, node.reason)
            elif isinstance(node, VObject):
                for part in node.unknown_parts:
                    self.report(
                        f"some fields of {where}{_staged(what)} unknown: {part.reason}",
                        part.span or fallback,
                        table,
                        part.reason,
                    )


def _staged(what: str) -> str:
    return " (staged)" if what.startswith("staged") else ""


def _walk_with_paths(validator: Validator, path: str) -> Iterator[tuple[str, Validator]]:
    """Every validator nested in `validator` with the dotted field path it sits at (array
    elements, union members and record values share their container's path)."""
    stack = [(path, validator)]
    while stack:
        current_path, current = stack.pop()
        yield current_path, current
        if isinstance(current, VObject):
            children = [
                (f"{current_path}.{f.name}" if current_path else f.name, f.validator) for f in current.fields
            ]
        else:
            children = [(current_path, child) for child in current.children()]
        stack.extend(reversed(children))


def _origin(table: TableDefValue, prop: Property) -> TableOrigin:
    return TableOrigin(
        file=table.span.file if table.span else None,
        spread=prop.spread_text,
        spread_span=prop.spread_span,
        package=table.package,
    )


def _lower_table(name: str, prop: Property, lowering: Lowering) -> Table | None:
    value: Value = prop.value
    span = prop.span or prop.spread_span
    if isinstance(value, Unknown):
        if not value.quiet:
            lowering.report(f"table `{name}` unknown: {value.reason}", value.span or span, name, value.reason)
        return Table(
            name=name,
            document=VUnknown(reason=value.reason, span=value.span or span),
            span=span,
            name_span=prop.key_span,
            doc=prop.doc,
            origin=TableOrigin(file=None, spread=prop.spread_text, spread_span=prop.spread_span),
        )
    if not isinstance(value, TableDefValue):
        # Convex calls `.export()` on every table value: anything else fails the push.
        lowering.report(
            f"`{name}` is not a table definition ({value.describe()}); wrap it in defineTable() "
            "(Convex fails with `TypeError: definition.export is not a function`)",
            value.span or span,
            name,
            kind=EVALUATION_ERROR,
        )
        return None
    indexes, search_indexes, vector_indexes = live_indexes(value)
    budget = lowering.budget
    where = value.span or span
    document = budget.admit(value.document.validator, where)
    lowering.report_validator(document, name, "fields", where)
    staged = value.staged_document.validator if value.staged_document is not None else None
    if staged is not None:
        staged = budget.admit(staged, where)
        lowering.report_validator(staged, name, "staged fields", where)
    problems = value.problems
    for problem in problems:
        if not problem.quiet:
            lowering.report(f"table `{name}`: {problem.message}", problem.span or span, name, problem.message)
    unknown_parts = (
        tuple(VUnknown(reason=p.message, span=p.span or span) for p in problems) if problems else ()
    )
    return Table(
        unknown_parts=unknown_parts,
        name=name,
        document=document,
        staged_document=staged,
        indexes=tuple(indexes),
        search_indexes=tuple(search_indexes),
        vector_indexes=tuple(vector_indexes),
        span=span,
        name_span=prop.key_span,
        definition_span=value.span,
        doc=prop.doc,
        origin=_origin(value, prop),
    )


def _report_problems(problems: list[TableProblem], lowering: Lowering) -> None:
    for problem in problems:
        if not problem.quiet:
            lowering.report(problem.message, problem.span)


def lower_schema(
    value: SchemaValue, runtime: list[RuntimeAccess], fallback: Span
) -> tuple[Schema, list[ParserDiagnostic]]:
    """The IR schema for an evaluated `defineSchema(...)`, and what could not be evaluated."""
    lowering = Lowering(fallback=value.span or fallback)
    _report_problems(value.problems, lowering)
    tables: list[Table] = []
    for name, prop in value.tables.ordered_items():
        table = _lower_table(name, prop, lowering)
        if table is not None:
            tables.append(table)
    for part in value.tables.unknown_parts:
        if not part.quiet:
            lowering.report(f"some tables of the schema unknown: {part.reason}", part.span, cause=part.reason)
    shadowed = tuple(
        ShadowedTable(
            name=s.name,
            span=s.first.span or s.first.spread_span,
            winner_span=s.second.span or s.second.spread_span,
            first_from_spread=s.first.spread_span is not None,
            second_from_spread=s.second.spread_span is not None,
        )
        for s in value.tables.shadowed
    )
    unknown_parts = [VUnknown(reason=p.message, span=p.span) for p in value.problems]
    unknown_parts += [VUnknown(reason=u.reason, span=u.span) for u in value.tables.unknown_parts]
    schema = Schema(
        unknown_parts=tuple(unknown_parts),
        tables=tuple(tables),
        schema_validation=value.schema_validation,
        strict_table_name_types=value.strict_table_name_types,
        span=value.span,
        shadowed_tables=shadowed,
        runtime_accesses=tuple(runtime),
    )
    return schema, lowering.diagnostics
