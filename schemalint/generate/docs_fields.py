"""The fields tables of a table's page: one row per field at every object depth, with its type
in Convex syntax, the tables it references and its comment, all as Markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import NamedTuple

from schemalint.convex_syntax import js_string, literal_source, validator_source
from schemalint.generate import markdown as md
from schemalint.generate.docs_refs import SYSTEM_TABLES, expandable, join_path, variants
from schemalint.generate.docs_text import description_blocks
from schemalint.ir import (
    Field,
    Validator,
    VAny,
    VBoolean,
    VBytes,
    VCommitTs,
    VFloat64,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VObject,
    VString,
    VUnknown,
)
from schemalint.records import dataclass


@dataclass
class NoteBook:
    """The numbered notes at the bottom of a page (Markdown), and links to them."""

    notes: list[str] = field(default_factory=list)

    def add(self, note_md: str) -> str:
        """Record a note; returns the Markdown that refers to it."""
        self.notes.append(note_md)
        return f"see [note {len(self.notes)}](#notes)"


class FieldRow(NamedTuple):
    """One row of a fields table (every cell Markdown). (A named tuple, not a frozen dataclass:
    one is made per field, and a tuple is made faster.)"""

    path: str
    type: str
    optional: str
    references: str
    description: str


@dataclass(frozen=True)
class FieldTable:
    """One fields table; `heading` (Markdown, may be empty) names a union variant."""

    heading: str
    rows: tuple[FieldRow, ...]


# Renders a referenced table name as Markdown (a link to its page, when it has one).
TableLink = Callable[[str], str]


_CREATION_TIME_ROW = FieldRow(
    path=md.code("_creationTime"),
    type=md.code("v.number()"),
    optional="no",
    references="",
    description="System field: when the document was created, in milliseconds since the Unix epoch.",
)


def system_rows(table_name: str) -> tuple[FieldRow, ...]:
    """The `_id` and `_creationTime` rows every document has."""
    return (
        FieldRow(
            path=md.code("_id"),
            type=md.code(f"v.id({js_string(table_name)})"),  # validator_source of v.id(table_name)
            optional="no",
            references="",
            description="System field: the document's ID.",
        ),
        _CREATION_TIME_ROW,
    )


def document_tables(
    table_name: str, document: Validator, link: TableLink, notes: NoteBook
) -> tuple[str, tuple[FieldTable, ...]]:
    """A sentence about the document's shape (Markdown, may be empty) and its fields tables."""
    system = system_rows(table_name)
    shapes = variants(document)
    if shapes is not None:
        tables = tuple(
            FieldTable(
                heading=_variant_heading(i, shape, shapes), rows=system + _rows(shape, "", link, notes)
            )
            for i, shape in enumerate(shapes, start=1)
        )
        return f"Each document has one of these {len(shapes)} shapes (a `v.union` of objects).", tables
    if isinstance(document, VObject):
        sentence = ""
        if document.unknown_parts:
            sentence = f"Documents may have more fields than listed here ({_unknown_note(document, notes)})."
        return sentence, (FieldTable(heading="", rows=system + _rows(document, "", link, notes)),)
    if isinstance(document, VAny):
        return "Documents are not validated (`v.any()`): any fields are allowed.", (FieldTable("", system),)
    if isinstance(document, VUnknown):
        note = notes.add(
            f"The document validator could not be evaluated statically: {md.text(document.reason)}."
        )
        return f"The document validator is unknown ({note}).", (FieldTable("", system),)
    sentence = f"Document validator: {md.code(validator_source(document))}."
    return sentence, (FieldTable("", system),)


def _variant_heading(number: int, shape: VObject, shapes: tuple[VObject, ...]) -> str:
    """`Variant 2: kind = "wire"` when the variants share a literal field, else `Variant 2`."""
    for f in shape.fields:
        values = [other.field(f.name) for other in shapes]
        literals = [v.validator for v in values if v is not None and isinstance(v.validator, VLiteral)]
        if len(literals) == len(shapes) and not f.optional and isinstance(f.validator, VLiteral):
            discriminator = join_path("", f.name) + ": " + literal_source(f.validator)
            return f"Variant {number}: {md.code(discriminator)}"
    return f"Variant {number}"


def _rows(obj: VObject, prefix: str, link: TableLink, notes: NoteBook) -> tuple[FieldRow, ...]:
    rows: list[FieldRow] = []
    for f in obj.fields:
        _add_field_rows(rows, f, prefix, link, notes)
    return tuple(rows)


def _add_field_rows(rows: list[FieldRow], f: Field, prefix: str, link: TableLink, notes: NoteBook) -> None:
    """Append the row of field `f` (under `prefix`), then the rows of the object it nests."""
    validator = f.validator
    path = join_path(prefix, f.name)
    if type(validator) in _PLAIN_LEAVES:  # most fields: nothing nested, unknown or referenced
        nested = child = None
        reasons, targets = _NO_FACTS
    else:
        nested = expandable(validator)
        child = nested[0] if nested is not None else None
        reasons, targets = _own_facts(validator, child)
    parts = [md.lines(description_blocks(f.doc))] if f.doc else []
    if reasons:
        label = "Unknown" if isinstance(validator, VUnknown) else "Partly unknown"
        parts.append(f"{label}: {notes.add(_unknown_text(path, reasons))}")
    if child is not None and child.unknown_parts:
        parts.append(f"May have more fields: {_unknown_note(child, notes, path)}")
    rows.append(
        FieldRow(
            path=md.code(path),
            type=md.code(
                validator_source(validator, collapse=None if child is None else lambda o: o is child)
            ),
            optional="yes" if validator.optional else "no",
            references=", ".join([reference(target, link) for target in targets]) if targets else "",
            description="<br>".join([part for part in parts if part]) if parts else "",
        )
    )
    if nested is not None:
        for nested_field in nested[0].fields:
            _add_field_rows(rows, nested_field, path + nested[1], link, notes)


# Validators with nothing nested that are neither ids nor unknown: a field of one of these has no
# nested rows, unknown parts or references.
_PLAIN_LEAVES = frozenset({VString, VFloat64, VInt64, VBoolean, VNull, VBytes, VAny, VCommitTs, VLiteral})
_NO_FACTS: tuple[list[str], list[str]] = ([], [])


def _own_facts(validator: Validator, child: VObject | None) -> tuple[list[str], list[str]]:
    """Of a field's own type (not the fields of `child`, the sub-object whose fields have rows
    of their own): why parts of it are unknown (sorted, once each), and the tables it
    references (in order, once each)."""
    if isinstance(validator, VId):  # the usual leaves first, without a walk
        return [], [validator.table_name]
    if isinstance(validator, VUnknown):
        return [validator.reason], []
    if not validator.children():
        return [], []
    reasons: set[str] = set()
    targets: dict[str, None] = {}
    stack = [validator]
    while stack:
        current = stack.pop()
        if isinstance(current, VId):
            targets[current.table_name] = None
        elif isinstance(current, VUnknown):
            reasons.add(current.reason)
        if current is not child:
            stack.extend(reversed(current.children()))
    return sorted(reasons), list(targets)


def reference(target: str, link: TableLink) -> str:
    """Markdown for a referenced table: a link, or the name with what kind of table it is."""
    if target in SYSTEM_TABLES:
        return f"{md.code(target)} ({SYSTEM_TABLES[target]})"
    return link(target)


def _unknown_text(path: str, reasons: list[str]) -> str:
    reason = "; ".join(md.text(reason) for reason in reasons)
    return f"{md.code(path)} could not be evaluated statically and is shown as `unknown`: {reason}."


def _unknown_note(obj: VObject, notes: NoteBook, path: str = "") -> str:
    reasons = "; ".join(sorted({md.text(part.reason) for part in obj.unknown_parts}))
    where = f"{md.code(path)} may" if path else "Documents may"
    return notes.add(f"{where} have fields the parser could not see: {reasons}.")


@dataclass(frozen=True)
class ChangeRow:
    """One row of a staged validator's changes (every cell Markdown)."""

    path: str
    change: str
    current: str
    staged: str


@dataclass(frozen=True)
class StagedChange:
    """The validator proposed with `.staged(...)`: as field changes when both validators are
    objects, else as the staged document's fields tables."""

    sentence: str
    changes: tuple[ChangeRow, ...]
    tables: tuple[FieldTable, ...]


def staged_change(
    table_name: str, current: Validator, staged: Validator, link: TableLink, notes: NoteBook
) -> StagedChange:
    """How `staged` differs from `current`, as Markdown rows or tables."""
    if isinstance(current, VObject) and isinstance(staged, VObject):
        return StagedChange(sentence="", changes=_changes(current, staged), tables=())
    sentence, tables = document_tables(table_name, staged, link, notes)
    return StagedChange(sentence=sentence, changes=(), tables=tables)


def _changes(current: VObject, staged: VObject) -> tuple[ChangeRow, ...]:
    rows: list[ChangeRow] = []
    for old in current.fields:
        new = staged.field(old.name)
        old_type = md.code(validator_source(old.validator))
        if new is None:
            rows.append(ChangeRow(md.code(join_path("", old.name)), "removed", old_type, ""))
        elif validator_source(new.validator) != validator_source(old.validator):
            new_type = md.code(validator_source(new.validator))
            rows.append(ChangeRow(md.code(join_path("", old.name)), "changed", old_type, new_type))
    for new in staged.fields:
        if current.field(new.name) is None:
            new_type = md.code(validator_source(new.validator))
            rows.append(ChangeRow(md.code(join_path("", new.name)), "added", "", new_type))
    return tuple(rows)
