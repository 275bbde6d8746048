"""Facts about one table for the docs, as Markdown: where it is defined, how many fields and
indexes it has, its index rows and its `schemalint check` findings."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemalint.convex_syntax import js_number, js_string
from schemalint.generate import markdown as md
from schemalint.generate.docs_refs import variants
from schemalint.ir import DbIndex, JsonScalar, SearchIndex, Table, VAny, VectorIndex, VObject
from schemalint.records import dataclass

if TYPE_CHECKING:
    from schemalint.findings import Diagnostic


@dataclass(frozen=True)
class IndexRow:
    """One row of a page's indexes table (Markdown)."""

    name: str
    fields: str
    staged: str


@dataclass(frozen=True)
class SearchIndexRow:
    """One row of a page's search indexes table (Markdown)."""

    name: str
    search_field: str
    filter_fields: str
    staged: str


@dataclass(frozen=True)
class VectorIndexRow:
    """One row of a page's vector indexes table (Markdown)."""

    name: str
    vector_field: str
    dimensions: str
    filter_fields: str
    staged: str


@dataclass(frozen=True)
class FindingRow:
    """One `schemalint check` finding on a table's page (Markdown)."""

    severity: str
    rule: str
    message: str
    location: str


def index_rows(table: Table) -> tuple[IndexRow, ...]:
    """One row per database index (staged ones included), in schema order."""
    return tuple(IndexRow(md.code(i.name), _codes(i.fields), _yes(i.staged)) for i in table.indexes)


def search_index_rows(table: Table) -> tuple[SearchIndexRow, ...]:
    """One row per search index, in schema order."""
    return tuple(
        SearchIndexRow(md.code(i.name), md.code(i.search_field), _codes(i.filter_fields), _yes(i.staged))
        for i in table.search_indexes
    )


def vector_index_rows(table: Table) -> tuple[VectorIndexRow, ...]:
    """One row per vector index, in schema order."""
    return tuple(
        VectorIndexRow(
            md.code(i.name),
            md.code(i.vector_field),
            md.code(_scalar(i.dimensions)),
            _codes(i.filter_fields),
            _yes(i.staged),
        )
        for i in table.vector_indexes
    )


def source_sentence(table: Table, root: Path) -> str:
    """Where the table is defined (file relative to `root`, line), and the spread that brought
    it into the schema, if any."""
    origin = table.origin
    brought = ""
    if origin.spread and origin.spread_span is not None:
        at = location(origin.spread_span.file, origin.spread_span.line, root, sentence=True)
        brought = f"brought into the schema by {md.code(origin.spread)} in {at}"
    if origin.file is None:
        package = md.code(origin.package) if origin.package else "a package"
        return f"Defined by {package}" + (f"; {brought}." if brought else ".")
    span = table.span or table.definition_span
    where = (
        location(span.file, span.line, root, sentence=True)
        if span is not None
        else md.code(relative_path(origin.file, root))
    )
    return f"Defined in {where}" + (f"; {brought}." if brought else ".")


def location(file: str, line: int, root: Path, *, sentence: bool = False) -> str:
    """`path:line`, or with `sentence` the Markdown `` `path`, line N ``; path relative to `root`."""
    path = relative_path(file, root)
    return f"{md.code(path)}, line {line}" if sentence else f"{path}:{line}"


@functools.lru_cache(maxsize=1024)  # many tables share a file
def relative_path(path: str, root: Path) -> str:
    """`path` relative to `root` with forward slashes (unchanged when outside `root`)."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def finding_rows(findings: Iterable[Diagnostic], root: Path) -> tuple[FindingRow, ...]:
    """One row per finding, in report order (file, line, column, code)."""
    return tuple(
        FindingRow(
            severity=d.severity.label,
            rule=f"{md.code(d.code)} {md.text(d.rule)}",
            message=md.text(d.message) + (f"<br>{md.text(d.help)}" if d.help else ""),
            location=md.code(location(d.span.file, d.span.line, root)),
        )
        for d in sorted(findings, key=lambda d: (*d.sort_key(), d.message))
    )


def field_count(table: Table) -> str:
    """How many top-level fields documents have: `12`, `3+` (more the parser could not see),
    `any` or `unknown`."""
    document = table.document
    shapes = variants(document)
    if shapes is not None:
        return str(len({f.name for shape in shapes for f in shape.fields}))
    if isinstance(document, VObject):
        return f"{len(document.fields)}{'+' if document.unknown_parts else ''}"
    if isinstance(document, VAny):
        return "any"
    return "unknown"


def index_count(indexes: Sequence[DbIndex | SearchIndex | VectorIndex]) -> str:
    """`4`, or `4 (1 staged)`."""
    staged = sum(1 for i in indexes if i.staged)
    return f"{len(indexes)} ({staged} staged)" if staged else str(len(indexes))


def _codes(values: Iterable[str]) -> str:
    return ", ".join(md.code(v) for v in values)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def js_bool(flag: bool) -> str:
    """`true` or `false`."""
    return "true" if flag else "false"


def _scalar(value: JsonScalar) -> str:
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return js_bool(value)
    if isinstance(value, int | float):
        return js_number(float(value)) if isinstance(value, float) else str(value)
    return js_string(value)
