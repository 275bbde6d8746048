"""The documents module of the pydantic client: Id types, `TableName`, the fixed helpers
(`Omitted`, `Int64`, `_Model`...) and one model (or alias) per table and per object in it."""

from __future__ import annotations

from collections.abc import Mapping

from schemalint.generate.python_documents import (
    IdTypes,
    _document_type,
    foreign_tables,
    references,
)
from schemalint.generate.python_model import TYPING_NAMES, IdTypeView, ImportView, from_import, literal_alias
from schemalint.generate.python_names import NameRegistry, comment, identifiers_in, pascal_case, py_string
from schemalint.generate.python_pydantic_model import (
    AS_INT64,
    INT64,
    NO_VALUE,
    PydanticDefinitionView,
    PydanticMapper,
    definition_annotations,
    definition_view,
    uses_field,
)
from schemalint.generate.python_types import FUNCTION_HANDLE
from schemalint.generate.python_validators import flat_members
from schemalint.ir import ConvexFunction, Schema, VUnion, walk_validators
from schemalint.records import dataclass

# Names documents.py.jinja (pydantic) defines or imports for itself.
DOCUMENTS_RESERVED = (
    "Annotated",
    "BaseModel",
    "BeforeValidator",
    "ConfigDict",
    "ConvexInt64",
    "Field",
    "GetCoreSchemaHandler",
    INT64,
    AS_INT64,
    NO_VALUE,
    "NoReturn",
    "OMITTED",
    "Omitted",
    "PlainSerializer",
    "PydanticCustomError",
    "SerializationInfo",
    "SerializerFunctionWrapHandler",
    "Strict",
    "TableName",
    "TypeAdapter",
    "core_schema",
    "_AsInt64",
    "_int64_literal_in",
    "_NoValueSchema",
    "_no_value",
    "enum",
    "functools",
    "model_serializer",
)
# What the pydantic documents module exports besides its types.
DOCUMENTS_EXPORTS = (INT64, AS_INT64, "OMITTED", "Omitted", "TableName")


@dataclass(frozen=True)
class PydanticDocumentsView:
    """What the documents module of the pydantic client prints."""

    header: str
    id_types: tuple[IdTypeView, ...]
    table_names: tuple[str, ...]
    definitions: tuple[PydanticDefinitionView, ...]
    typing_names: str  # `from typing import ...` names, sorted
    pydantic_import: ImportView
    no_value: bool  # whether `NoValue` (the type of `v.union()`) is needed
    exports: tuple[str, ...]

    @property
    def table_name_alias(self) -> str:
        return literal_alias("TableName", self.table_names)


def build_documents(
    schema: Schema, functions: tuple[ConvexFunction, ...], names: NameRegistry, header: str
) -> tuple[PydanticDocumentsView, Mapping[str, str], IdTypes]:
    tables = sorted(schema.tables, key=lambda t: t.name)
    stems = {t.name: names.claim_stem(pascal_case(t.name), ("Id", "Doc")) for t in tables}
    id_type = IdTypes(names, {t: f"{stem}Id" for t, stem in stems.items()})
    referenced = references(tables, functions)
    for foreign in foreign_tables(referenced, set(stems)):
        id_type(foreign)
    mapper = PydanticMapper(names, id_type)
    for table in tables:
        _document_type(mapper, table, stems[table.name])
    definitions = tuple(definition_view(d, mapper) for d in mapper.definitions)
    id_views = [
        IdTypeView(name=name, name_literal=py_string(name), comments=comment(id_type.describe(table)))
        for table, name in id_type.sorted_items()
    ]
    if referenced.function_handles:
        text = "A function handle (`v.function()`): a string naming a Convex function."
        id_views.append(
            IdTypeView(name=FUNCTION_HANDLE, name_literal=py_string(FUNCTION_HANDLE), comments=comment(text))
        )
    id_views.sort(key=lambda view: view.name)
    typing_names = {
        "Annotated",
        "Any",
        "Final",
        "NewType",
        "TypeAlias",
        "Literal" if tables else "Never",
    }
    mentioned = identifiers_in(" ".join(definition_annotations(mapper.definitions)))
    no_value = NO_VALUE in mentioned or _api_needs_no_value(functions)
    typing_names |= mentioned & set(TYPING_NAMES)
    typing_names |= {"Never", "NoReturn"} if no_value else set()
    view = PydanticDocumentsView(
        header=header,
        id_types=tuple(id_views),
        table_names=tuple(py_string(t.name) for t in tables),
        definitions=definitions,
        typing_names=", ".join(sorted(typing_names)),
        no_value=no_value,
        pydantic_import=from_import(
            "pydantic", _PYDANTIC_NAMES + (("Field",) if uses_field(definitions) else ())
        ),
        exports=tuple(
            sorted({*DOCUMENTS_EXPORTS, *(v.name for v in id_views), *(d.name for d in definitions)})
        ),
    )
    return view, mapper.named, id_type


_PYDANTIC_NAMES = (
    "BaseModel",
    "BeforeValidator",
    "ConfigDict",
    "GetCoreSchemaHandler",
    "PlainSerializer",
    "SerializationInfo",
    "SerializerFunctionWrapHandler",
    "Strict",
    "model_serializer",
)


def _api_needs_no_value(functions: tuple[ConvexFunction, ...]) -> bool:
    validators = [v for f in functions for v in (f.args, f.returns) if v is not None]
    return any(isinstance(x, VUnion) and not flat_members(x) for v in validators for x in walk_validators(v))
