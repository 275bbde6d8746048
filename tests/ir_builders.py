"""Hand-built IR for tests that must not depend on the parser."""

from __future__ import annotations

from schemalint.diagnostics import ParserDiagnostic, Span
from schemalint.ir import (
    Comment,
    DbIndex,
    Field,
    Project,
    Schema,
    SearchIndex,
    SourceFile,
    Table,
    Validator,
    VectorIndex,
    VObject,
)

ROOT = "/project"
SCHEMA_FILE = f"{ROOT}/convex/schema.ts"


def at(line: int, column: int = 1, end_column: int | None = None, file: str = SCHEMA_FILE) -> Span:
    """A span on one line (ending 5 characters after `column` by default)."""
    return Span(file, line, column, line, end_column if end_column is not None else column + 5)


def fld(name: str, validator: Validator, line: int | None = None) -> Field:
    """An object field, placed on `line` when given."""
    span = at(line, 5, 5 + len(name)) if line is not None else None
    return Field(name=name, validator=validator, span=span, name_span=span)


def obj(*fields: Field, optional: bool = False) -> VObject:
    return VObject(fields=fields, optional=optional)


def table(
    name: str,
    *fields: Field,
    line: int | None = None,
    indexes: tuple[DbIndex, ...] = (),
    search: tuple[SearchIndex, ...] = (),
    vector: tuple[VectorIndex, ...] = (),
    document: Validator | None = None,
) -> Table:
    span = at(line, 3, 3 + len(name)) if line is not None else None
    return Table(
        name=name,
        document=document if document is not None else obj(*fields),
        indexes=indexes,
        search_indexes=search,
        vector_indexes=vector,
        name_span=span,
        span=span,
    )


def project(
    *tables: Table,
    comments: tuple[Comment, ...] = (),
    diagnostics: tuple[ParserDiagnostic, ...] = (),
    schema_validation: bool = True,
    extra_files: tuple[SourceFile, ...] = (),
) -> Project:
    return Project(
        root=ROOT,
        schema_file=SCHEMA_FILE,
        schema=Schema(tables=tables, schema_validation=schema_validation, span=at(1)),
        diagnostics=diagnostics,
        files=(SourceFile(path=SCHEMA_FILE, directives=comments), *extra_files),
    )


def comment(text: str, line: int, *, own_line: bool, file: str = SCHEMA_FILE) -> Comment:
    column = 3 if own_line else 30
    return Comment(text=text, span=at(line, column, column + len(text), file), own_line=own_line)
