"""The view model of `schemalint generate docs`: every string the templates print, computed.

Strings in the dataclasses below are Markdown, already escaped; `diagram` fields are Mermaid
source. Tables, fields, indexes and outgoing references keep their (deterministic) schema order,
which is the author's; incoming references and findings are sorted.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemalint.generate import markdown as md
from schemalint.generate import mermaid
from schemalint.generate.docs_fields import FieldTable, NoteBook, StagedChange, document_tables, staged_change
from schemalint.generate.docs_refs import schema_relationships
from schemalint.generate.docs_tables import (
    FindingRow,
    IndexRow,
    SearchIndexRow,
    VectorIndexRow,
    field_count,
    finding_rows,
    index_count,
    index_rows,
    js_bool,
    location,
    relative_path,
    search_index_rows,
    source_sentence,
    vector_index_rows,
)
from schemalint.generate.docs_text import description_blocks, summary
from schemalint.generate.output import generated_notice
from schemalint.ir import Project, Schema, Table
from schemalint.records import dataclass

if TYPE_CHECKING:
    from schemalint.findings import Diagnostic

README = "README.md"
_PLAIN_FILE = re.compile(r"^[A-Za-z0-9_]{1,64}\Z")
_RESERVED_FILES = frozenset(
    {"readme", "con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
)
_CARDINALITY = {"one": "exactly one", "optional": "zero or one", "many": "zero or more"}


@dataclass(frozen=True)
class ReferrerRow:
    """A field of another table that references this one (Markdown)."""

    table: str
    field: str
    cardinality: str


@dataclass(frozen=True)
class TablePage:
    """Everything a table's page prints."""

    file_name: str
    notice: str
    title: str
    description: tuple[str, ...]
    source: str
    shape: str
    fields: tuple[FieldTable, ...]
    staged: StagedChange | None
    indexes: tuple[IndexRow, ...]
    search_indexes: tuple[SearchIndexRow, ...]
    vector_indexes: tuple[VectorIndexRow, ...]
    referenced_by: tuple[ReferrerRow, ...]
    diagram: str
    notes: tuple[str, ...]
    findings: tuple[FindingRow, ...] | None


@dataclass(frozen=True)
class TableSummary:
    """A table's row in the README's table list (Markdown)."""

    name: str
    description: str
    fields: str
    indexes: str
    search_indexes: str
    vector_indexes: str


@dataclass(frozen=True)
class SchemaOption:
    """A `defineSchema` option in the README (Markdown)."""

    name: str
    value: str
    meaning: str


@dataclass(frozen=True)
class Overview:
    """Everything the README prints."""

    notice: str
    intro: str
    tables: tuple[TableSummary, ...]
    diagram: str
    options: tuple[SchemaOption, ...]
    notes: tuple[str, ...]
    findings: tuple[FindingRow, ...] | None


@dataclass(frozen=True)
class DocsModel:
    """The view model of the whole docs: the README's and every table page's."""

    overview: Overview
    pages: tuple[TablePage, ...]


def build_docs(project: Project, findings: Sequence[Diagnostic] | None = None) -> DocsModel:
    """The docs of `project` (whose schema must have been read). With `findings` (from
    `schemalint check`), each page lists its table's findings and the README the others."""
    schema = project.schema
    if schema is None:
        raise ValueError("build_docs needs a project whose schema could be read")
    root = Path(project.root)
    context = _Context(schema, root, notice(relative_path(project.schema_file, root)))
    pages = tuple(context.page(table, findings) for table in schema.tables)
    table_names = {t.name for t in schema.tables}
    overview = Overview(
        notice=context.notice,
        intro=_intro(schema, relative_path(project.schema_file, root)),
        tables=tuple(context.summary(table) for table in schema.tables),
        diagram=context.diagram(schema.tables, context.relationships),
        options=_options(schema),
        notes=tuple(
            f"{md.code(location(d.span.file, d.span.line, root))} {md.text(d.kind)}: {md.text(d.message)}"
            for d in project.diagnostics
        ),
        findings=None
        if findings is None
        else finding_rows((d for d in findings if d.table not in table_names), root),
    )
    return DocsModel(overview=overview, pages=pages)


def notice(schema_path: str) -> str:
    """The first line of every generated Markdown file: an HTML comment."""
    text = md.visible_text(generated_notice(schema_path)).replace(">", "&gt;")
    return f"<!-- {text} -->"


def page_names(names: Iterable[str]) -> dict[str, str]:
    """A distinct, portable file name for each table's page: `users.md`, or for a name that
    is unsafe or clashes case-insensitively, a slug plus a hash of the name."""
    names = sorted(set(names))
    folded = Counter(name.casefold() for name in names)
    result: dict[str, str] = {}
    hashed: list[str] = []
    for name in names:
        if (
            _PLAIN_FILE.match(name)
            and folded[name.casefold()] == 1
            and name.casefold() not in _RESERVED_FILES
        ):
            result[name] = f"{name}.md"
        else:
            hashed.append(name)
    taken = {file.casefold() for file in result.values()} | {README.casefold()}
    for name in hashed:
        slug = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")[:40] or "table"
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
        length = 8
        while f"{slug}-{digest[:length]}.md".casefold() in taken:
            length += 1
        result[name] = f"{slug}-{digest[:length]}.md"
        taken.add(result[name].casefold())
    return result


class _Context:
    """What every page needs: file names, mermaid ids and all relationships."""

    def __init__(self, schema: Schema, root: Path, notice_line: str) -> None:
        self.schema = schema
        self.root = root
        self.notice = notice_line
        self.files = page_names(t.name for t in schema.tables)
        self.relationships = schema_relationships(schema)
        self.ids = mermaid.entity_ids([*self.files, *(r.target for r in self.relationships)])
        # Per table, in schema order: pages look these up instead of scanning every relationship.
        self.outgoing: dict[str, list[mermaid.Relationship]] = defaultdict(list)
        self.incoming: dict[str, list[mermaid.Relationship]] = defaultdict(list)
        for relationship in self.relationships:
            self.outgoing[relationship.source].append(relationship)
            self.incoming[relationship.target].append(relationship)
        self.order = {t.name: i for i, t in enumerate(schema.tables)}
        self._findings: tuple[Sequence[Diagnostic], dict[str | None, list[Diagnostic]]] | None = None
        self._links: dict[str, str] = {}

    def link(self, name: str) -> str:
        """Markdown for table `name`: a link to its page, or the name saying why there is none."""
        found = self._links.get(name)
        if found is None:
            found = self._links[name] = self._new_link(name)
        return found

    def _new_link(self, name: str) -> str:
        if name in self.files:
            return md.link(md.text(name) or md.code(name), self.files[name])
        if name.startswith("_"):
            return f"{md.code(name)} (system table)"
        return f"{md.code(name)} (not in the schema)"

    def page(self, table: Table, findings: Sequence[Diagnostic] | None) -> TablePage:
        notes = NoteBook()
        shape, fields = document_tables(table.name, table.document, self.link, notes)
        staged = (
            None
            if table.staged_document is None
            else staged_change(table.name, table.document, table.staged_document, self.link, notes)
        )
        outgoing = self.outgoing.get(table.name, [])
        incoming = self.incoming.get(table.name, [])
        return TablePage(
            file_name=self.files[table.name],
            notice=self.notice,
            title=md.text(table.name) or md.code(table.name),
            description=tuple(md.text(block) for block in description_blocks(table.doc)),
            source=source_sentence(table, self.root),
            shape=shape,
            fields=fields,
            staged=staged,
            indexes=index_rows(table),
            search_indexes=search_index_rows(table),
            vector_indexes=vector_index_rows(table),
            referenced_by=tuple(
                ReferrerRow(self.link(r.source), md.code(r.path), _CARDINALITY[r.cardinality])
                for r in sorted(incoming)
            ),
            diagram=self.neighbourhood(table, outgoing, incoming),
            notes=tuple(notes.notes),
            findings=None
            if findings is None
            else finding_rows(self._of_table(findings, table.name), self.root),
        )

    def _of_table(self, findings: Sequence[Diagnostic], table: str) -> list[Diagnostic]:
        """The findings about `table`, grouped once for all pages."""
        if self._findings is None or self._findings[0] is not findings:
            grouped: dict[str | None, list[Diagnostic]] = defaultdict(list)
            for finding in findings:
                grouped[finding.table].append(finding)
            self._findings = (findings, grouped)
        return self._findings[1].get(table, [])

    def summary(self, table: Table) -> TableSummary:
        return TableSummary(
            name=self.link(table.name),
            description=md.text(summary(table.doc)),
            fields=field_count(table),
            indexes=index_count(table.indexes),
            search_indexes=index_count(table.search_indexes),
            vector_indexes=index_count(table.vector_indexes),
        )

    def neighbourhood(
        self, table: Table, outgoing: list[mermaid.Relationship], incoming: list[mermaid.Relationship]
    ) -> str:
        """The table with its `_id` and reference fields, and the tables it links to or from."""
        attributes = [mermaid.Attribute("id", "_id", "PK")] + [
            mermaid.Attribute("id", r.path, "FK", r.target) for r in outgoing
        ]
        order = self.order
        neighbours = sorted(
            ({r.target for r in outgoing} | {r.source for r in incoming}) - {table.name},
            key=lambda n: (n not in order, order.get(n, 0), n),
        )
        entities = [(table.name, attributes), *((n, ()) for n in neighbours)]
        edges = dict.fromkeys([*outgoing, *incoming])
        return mermaid.er_diagram(entities, edges, self.ids)

    def diagram(self, tables: Sequence[Table], relationships: Sequence[mermaid.Relationship]) -> str:
        names = [t.name for t in tables]
        others = sorted({r.target for r in relationships} - set(names))
        return mermaid.er_diagram([(n, ()) for n in [*names, *others]], relationships, self.ids)


def _intro(schema: Schema, schema_path: str) -> str:
    count = len(schema.tables)
    tables = "1 table" if count == 1 else f"{count} tables"
    return f"The Convex schema in {md.code(schema_path)}: {tables}."


def _options(schema: Schema) -> tuple[SchemaOption, ...]:
    validation = (
        "Convex checks existing documents on deploy, and every insert and update, against the schema."
        if schema.schema_validation
        else "Convex does not check documents against the schema."
    )
    strict = (
        "TypeScript accepts only the table names declared here."
        if schema.strict_table_name_types
        else "TypeScript also accepts table names not declared here."
    )
    return (
        SchemaOption(md.code("schemaValidation"), md.code(js_bool(schema.schema_validation)), validation),
        SchemaOption(
            md.code("strictTableNameTypes"), md.code(js_bool(schema.strict_table_name_types)), strict
        ),
    )
