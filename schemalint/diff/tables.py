"""Convex's verdict for every table when the schema goes from the baseline to the project.

`compare(baseline, project)` pairs the tables of both versions by name and decides, per table,
what the backend does on push (`DatabaseSchema::must_revalidate_table`): skip the walk because
the enforced validator is a subset of the new one, or validate every document. Where either
version is not fully evaluated the verdict is `unknown`, never `safe`.
"""

from __future__ import annotations

import json
from dataclasses import field
from typing import Literal

from schemalint.diagnostics import PARSE_ERROR
from schemalint.diff.documents import ANY, document_validator, is_document_known
from schemalint.diff.explain import Difference, explain_documents
from schemalint.diff.subset import is_subset, same
from schemalint.export import validator_json
from schemalint.ir import Project, Schema, Table, Validator, VAny, VObject, VUnknown, walk_validators
from schemalint.irquery import table_indexes, tables_may_be_incomplete
from schemalint.records import dataclass
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
    # For `unknown`: both versions evaluate to the same thing, unknown parts included (the
    # unknown itself may still differ, e.g. a package upgraded underneath).
    looks_unchanged: bool = False

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
        # The baseline's table needs no reading when nothing was enforced there (validation off)
        # or when the new documents are `v.any()` (everything is a subset of `any`).
        enforced = old_unknown is not None or old_schema is None or old_schema.schema_validation
        needs_old = enforced and not isinstance(table.document, VAny)
        reason = _side_unknown("this version", new_unknown, table) or (
            _side_unknown(baseline.label, old_unknown, old) if needs_old else None
        )
        if reason is None and old is None and old_incomplete:
            reason = (
                f"the schema at {baseline.label} may define it: some of its tables could not be evaluated"
            )
        whole_version = new_unknown is not None or old_unknown is not None
        changes.append(_change(table, old, old_schema, reason, comparable=not whole_version))
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


def _change(
    table: Table, old: Table | None, old_schema: Schema | None, unknown: str | None, *, comparable: bool
) -> TableChange:
    name = table.name
    if unknown is not None:
        # Only a table-level blind spot can look unchanged; a version that is not fully known as
        # a whole (a syntax error, an unknown spread into defineSchema) cannot.
        same_form = comparable and old is not None and fingerprint(old) == fingerprint(table)
        return TableChange(name, old, table, "unknown", unknown_reason=unknown, looks_unchanged=same_form)
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


def fingerprint(table: Table) -> str:
    """What a table's definition evaluates to, unknown parts named by their reasons (spans and
    comments left out): equal fingerprints mean the definition looks unchanged."""
    parts: list[object] = [validator_json(table.document), _unknown_reasons(table.document)]
    if table.staged_document is not None:
        parts += [validator_json(table.staged_document), _unknown_reasons(table.staged_document)]
    parts += [
        [
            (r.name, r.kind, r.fields, getattr(r.index, "dimensions", None), r.index.staged)
            for r in table_indexes(table)
        ]
    ]
    parts += [[u.reason for u in table.unknown_parts]]
    return json.dumps(parts, sort_keys=True, default=str)


def _unknown_reasons(validator: Validator) -> list[str]:
    reasons = []
    for node in walk_validators(validator):
        if isinstance(node, VUnknown):
            reasons.append(node.reason)
        elif isinstance(node, VObject):
            reasons.extend(u.reason for u in node.unknown_parts)
    return reasons
