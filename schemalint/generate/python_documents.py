"""The view of the generated documents module: Id types, `TableName`, one `TypedDict` (or
alias) per table and the named types nested in them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schemalint.generate.python_model import (
    TYPING_NAMES,
    DocumentsView,
    IdTypeView,
    ImportView,
    definition_view,
    from_import,
)
from schemalint.generate.python_names import NameRegistry, comment, identifiers_in, pascal_case, py_string
from schemalint.generate.python_types import (
    FUNCTION_HANDLE,
    SYSTEM_ID_TYPES,
    AliasDef,
    Definition,
    Place,
    TypedDictDef,
    TypeMapper,
)
from schemalint.generate.python_validators import discriminator, flat_members, with_system_fields
from schemalint.ir import (
    ConvexFunction,
    Schema,
    Table,
    Validator,
    VAny,
    VBoolean,
    VBytes,
    VCommitTs,
    VFloat64,
    VFunction,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VObject,
    VString,
    VUnion,
    VUnknown,
)


def build_documents(
    schema: Schema, functions: tuple[ConvexFunction, ...], names: NameRegistry, header: str
) -> tuple[DocumentsView, TypeMapper, IdTypes]:
    """The documents module, the mapper that made it (its `named` types are reusable), and the
    table → Id type lookup."""
    tables = sorted(schema.tables, key=lambda t: t.name)
    stems = {t.name: names.claim_stem(pascal_case(t.name), ("Id", "Doc")) for t in tables}
    id_type = IdTypes(names, {t: f"{stem}Id" for t, stem in stems.items()})
    referenced = references(tables, functions)
    for foreign in foreign_tables(referenced, set(stems)):
        id_type(foreign)
    mapper = TypeMapper(names, id_type)
    for table in tables:
        _document_type(mapper, table, stems[table.name])
    definitions = tuple(definition_view(d) for d in mapper.definitions)
    mentioned = identifiers_in(" ".join(_annotations(mapper.definitions)))
    typing_used = mentioned & set(TYPING_NAMES)
    typing_used |= {"Literal" if tables else "Never", "NewType", "TypeAlias"}
    typing_used |= {"TypedDict"} if any(isinstance(d, TypedDictDef) for d in mapper.definitions) else set()
    imports: list[tuple[ImportView, ...]] = [(from_import("typing", typing_used),)]
    if "ConvexInt64" in mentioned:
        imports.append((from_import("convex", ["ConvexInt64"]),))
    id_views = tuple(
        IdTypeView(name=name, name_literal=py_string(name), comments=comment(id_type.describe(table)))
        for table, name in id_type.sorted_items()
    )
    if referenced.function_handles:
        text = "A function handle (`v.function()`): a string naming a Convex function."
        handle = IdTypeView(
            name=FUNCTION_HANDLE, name_literal=py_string(FUNCTION_HANDLE), comments=comment(text)
        )
        id_views = tuple(sorted((*id_views, handle), key=lambda view: view.name))
    exports = sorted({"TableName", *(v.name for v in id_views), *(d.name for d in definitions)})
    view = DocumentsView(
        header=header,
        imports=tuple(imports),
        id_types=id_views,
        table_names=tuple(py_string(t.name) for t in tables),
        definitions=definitions,
        exports=tuple(exports),
    )
    return view, mapper, id_type


@dataclass(frozen=True)
class References:
    """What the validators of the tables and functions refer to."""

    tables: frozenset[str]  # the tables of their `v.id(...)`s
    function_handles: bool  # whether one is `v.function()` (typed `FunctionHandle`)


def references(tables: Iterable[Table], functions: tuple[ConvexFunction, ...]) -> References:
    """The tables and function handles the documents of `tables` and `functions`' arguments and
    results refer to (one walk over their validators)."""
    validators = [t.document for t in tables]
    validators += [v for f in functions for v in (f.args, f.returns) if v is not None]
    found: set[str] = set()
    handles = False
    stack = validators  # (every validator nested in them is visited; the order does not matter)
    while stack:
        x = stack.pop()
        if type(x) in _LEAVES:
            continue
        if isinstance(x, VId):
            found.add(x.table_name)
        elif isinstance(x, VFunction):
            handles = True
        stack.extend(x.children())
    return References(tables=frozenset(found), function_handles=handles)


# Validators that neither refer to anything nor hold other validators.
_LEAVES = frozenset({VString, VFloat64, VInt64, VCommitTs, VBoolean, VNull, VBytes, VAny, VLiteral, VUnknown})


class IdTypes:
    """The `NewType` of each table's ids: `MessagesId`, `StorageId`; tables outside the schema
    get one too, on first use."""

    def __init__(self, names: NameRegistry, schema_ids: dict[str, str]) -> None:
        self._names = names
        self._schema = dict(schema_ids)
        self._ids = {**schema_ids, **SYSTEM_ID_TYPES}  # system names are reserved by the caller

    def __call__(self, table: str) -> str:
        if table not in self._ids:
            self._ids[table] = self._names.claim(f"{pascal_case(table)}Id")
        return self._ids[table]

    def sorted_items(self) -> list[tuple[str, str]]:
        return sorted(self._ids.items(), key=lambda item: item[1])

    def describe(self, table: str) -> str:
        if table in self._schema:
            return f"The id of a document of the `{table}` table."
        if table in SYSTEM_ID_TYPES:
            return f"The id of a document of the system table `{table}`."
        return (
            f"The id of a document of the `{table}` table, which is not in this schema (a "
            "component's table?): no document type is generated for it."
        )


def foreign_tables(referenced: References, known: set[str]) -> list[str]:
    """The referenced tables that are neither `known` nor system tables, sorted."""
    return sorted(t for t in referenced.tables if t not in known and t not in SYSTEM_ID_TYPES)


def _document_type(mapper: TypeMapper, table: Table, stem: str) -> None:
    place = Place((stem,), f"`{table.name}` documents")
    doc = f"A document of the `{table.name}` table." + (f"\n\n{table.doc}" if table.doc else "")
    document = table.document
    if isinstance(document, VObject):
        mapper.object_type(with_system_fields(document, table.name), "doc", place, doc=doc, name=f"{stem}Doc")
        return
    if isinstance(document, VUnion) and document.members:
        _union_document_type(mapper, table, stem, flat_members(document), doc)
        return
    why = "any document" if isinstance(document, VAny) else "not an object or a union of objects"
    mapper.alias(f"{stem}Doc", "dict[str, Any]", f"{doc}\n\nIts validator allows {why}.", None, claimed=True)


def _union_document_type(
    mapper: TypeMapper, table: Table, stem: str, members: list[Validator], doc: str
) -> None:
    """`{stem}Doc = A | B | ...` of one `TypedDict` per object variant."""
    objects = [m for m in members if isinstance(m, VObject)]
    tag = discriminator(objects) if len(objects) > 1 else None
    parts: list[str] = []
    variants: list[Validator] = []
    for index, member in enumerate(members, start=1):
        if not isinstance(member, VObject):
            parts.append(mapper.annotation(member, "doc", Place((stem,), f"`{table.name}` documents")))
            variants.append(member)
            continue
        document = with_system_fields(member, table.name)
        variants.append(document)
        if tag is not None:
            value = str(member.field(tag).validator.value)  # type: ignore[union-attr]
            part, what = pascal_case(value), f"whose `{tag}` is {py_string(value)}"
        else:
            part, what = f"Variant{index}", f"of shape {index} (of {len(members)})"
        name = mapper.names.claim(f"{stem}{part}Doc")
        text = f"A document of the `{table.name}` table {what}."
        place = Place((stem, part), f"`{table.name}` documents")
        parts.append(mapper.object_type(document, "doc", place, doc=text, name=name))
    value = " | ".join(dict.fromkeys(parts))
    mapper.alias(f"{stem}Doc", value, doc, VUnion(members=tuple(variants)), claimed=True)


def _annotations(definitions: list[Definition]) -> list[str]:
    out: list[str] = []
    for d in definitions:
        if isinstance(d, AliasDef):
            out.append(d.value)
        else:
            out.extend(f"NotRequired[{f.annotation}]" if f.optional else f.annotation for f in d.fields)
    return out
