"""Convex's verdict for every table when the schema goes from the baseline to the project.

`compare(baseline, project)` pairs the tables of both versions by name and decides, per table,
what the backend does on push (`DatabaseSchema::must_revalidate_table`): skip the walk because
the enforced validator is a subset of the new one, or validate every document. Where either
version is not fully evaluated the verdict is `unknown`, never `safe`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from schemalint.diagnostics import PARSE_ERROR
from schemalint.diff.documents import ANY, document_validator, is_document_known
from schemalint.diff.explain import Difference, explain_documents
from schemalint.diff.subset import is_subset, same
from schemalint.ir import Project, Schema, Table
from schemalint.irquery import tables_may_be_incomplete
from schemalint.rules.base import Baseline

Verdict = Literal[
    "unchanged",  # same document validator: nothing to do
    "safe",  # old ⊆ new: Convex skips the walk
    "revalidate",  # Convex validates every document; `differences` say what may fail
    "new",  # not in the baseline's schema: its documents (if any) are validated
    "unenforced",  # the baseline had schemaValidation: false: every document is validated
    "unchecked",  # the new schema has schemaValidation: false: nothing is validated
    "removed",  # in the baseline only
    "unknown",  # one of the versions could not be evaluated; `unknown_reason` says why
]


@dataclass(frozen=True)
class TableChange:
    """One table name and what the push does to it."""

    name: str
    old: Table | None
    new: Table | None
    verdict: Verdict
    differences: tuple[Difference, ...] = ()
    unknown_reason: str | None = None

    @property
    def walks(self) -> bool:
        """Whether Convex validates this table's existing documents on push (for `new` and
        `unenforced`: unless the new validator is `any`)."""
        if self.verdict == "revalidate":
            return True
        if self.verdict in ("new", "unenforced") and self.new is not None:
            return not is_subset(ANY, document_validator(self.new))
        return False


@dataclass(frozen=True)
class Comparison:
    """Every table of either version, in the new schema's order, then the removed ones."""

    changes: tuple[TableChange, ...]
    old_schema: Schema | None
    new_schema: Schema | None
    # Why the baseline as a whole is unknown (its schema could not be read), if it is.
    old_unknown: str | None = None
    new_unknown: str | None = None
    by_name: dict[str, TableChange] = field(default_factory=dict, compare=False, repr=False)

    def change(self, name: str) -> TableChange | None:
        """The change of table `name`, if either version has it."""
        return self.by_name.get(name)


def _whole_project_unknown(project: Project) -> str | None:
    """Why no table of `project` can be trusted, or None."""
    if project.schema is None:
        first = project.diagnostics[0].message if project.diagnostics else "no schema"
        return f"its schema could not be read ({first})"
    for diagnostic in project.diagnostics:
        if diagnostic.kind == PARSE_ERROR:
            where = f"{diagnostic.span.line}:{diagnostic.span.column}"
            return f"it has a syntax error ({where}: {diagnostic.message})"
    if project.schema.unknown_parts:
        reason = project.schema.unknown_parts[0].reason
        return f"part of `defineSchema(...)` could not be evaluated ({reason})"
    return None


def _table_unknown(table: Table) -> str | None:
    if not is_document_known(table):
        return "its document validator could not be fully evaluated"
    return None


def compare(baseline: Baseline, project: Project) -> Comparison:
    """What pushing `project` does to each table of a deployment running `baseline`."""
    old_project = baseline.project
    old_schema = old_project.schema if old_project is not None else None
    new_schema = project.schema
    old_unknown = _whole_project_unknown(old_project) if old_project is not None else None
    new_unknown = _whole_project_unknown(project)
    old_tables = {t.name: t for t in old_schema.tables} if old_schema is not None else {}
    old_incomplete = old_project is not None and (
        old_unknown is not None or tables_may_be_incomplete(old_project)
    )
    new_incomplete = new_unknown is not None or tables_may_be_incomplete(project)
    changes: list[TableChange] = []
    for table in new_schema.tables if new_schema is not None else ():
        old = old_tables.get(table.name)
        if new_unknown is None and new_schema is not None and not new_schema.schema_validation:
            changes.append(TableChange(table.name, old, table, "unchecked"))
            continue
        reason = _side_unknown("this version", new_unknown, table) or _side_unknown(
            f"{baseline.label}", old_unknown, old
        )
        if reason is None and old is None and old_incomplete:
            reason = (
                f"the schema at {baseline.label} may define it: some of its tables could not be evaluated"
            )
        changes.append(_change(table, old, old_schema, reason))
    new_names = {t.name for t in new_schema.tables} if new_schema is not None else set()
    for name, old in old_tables.items():
        if name in new_names:
            continue
        if new_incomplete:
            reason = "this version may still define it: some of its tables could not be evaluated"
            changes.append(TableChange(name, old, None, "unknown", unknown_reason=reason))
        else:
            changes.append(TableChange(name, old, None, "removed"))
    comparison = Comparison(tuple(changes), old_schema, new_schema, old_unknown, new_unknown)
    comparison.by_name.update((c.name, c) for c in changes)
    return comparison


def _side_unknown(label: str, project_reason: str | None, table: Table | None) -> str | None:
    where = "in this version" if label == "this version" else f"at {label}"
    if project_reason is not None:
        return f"the schema {where} is not fully known: {project_reason}"
    if table is not None:
        reason = _table_unknown(table)
        if reason is not None:
            return f"{where}, {reason}"
    return None


def _change(table: Table, old: Table | None, old_schema: Schema | None, unknown: str | None) -> TableChange:
    name = table.name
    if unknown is not None:
        return TableChange(name, old, table, "unknown", unknown_reason=unknown)
    if old is None:
        return TableChange(name, None, table, "new")
    if old_schema is not None and not old_schema.schema_validation:
        return TableChange(name, old, table, "unenforced")
    before, after = document_validator(old), document_validator(table)
    if same(before, after):
        return TableChange(name, old, table, "unchanged")
    if is_subset(before, after):
        return TableChange(name, old, table, "safe")
    span = table.name_span or table.span
    return TableChange(name, old, table, "revalidate", tuple(explain_documents(before, after, span)))
