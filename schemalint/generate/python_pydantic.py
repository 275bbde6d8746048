"""`schemalint generate python --models pydantic`: the typed client with pydantic v2 models.

The same package layout, names, namespaces and escaping as the TypedDict variant
(`schemalint.generate.python`), with pydantic models for objects and a facade that validates
every argument before it is sent and every result as it arrives (strictly: no coercion).
The generator does not import pydantic; only the generated code does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from schemalint.generate.python import normalise
from schemalint.generate.python_api import (
    API_EXPORTS,
    API_RESERVED,
    _namespace_tree,
    _namespace_view,
    _Param,
    _Signature,
)
from schemalint.generate.python_documents import (
    IdTypes,
    _document_type,
    _foreign_tables,
    uses_function_handles,
)
from schemalint.generate.python_model import (
    API_MODULE,
    DOCUMENTS_MODULE,
    TYPING_NAMES,
    AliasView,
    IdTypeView,
    ImportView,
    InitView,
    NamespaceView,
    exported_names,
    from_import,
    incomplete_lines,
    literal_alias,
)
from schemalint.generate.python_names import (
    BUILTIN_NAMES,
    NameRegistry,
    comment,
    comment_line,
    identifiers_in,
    package_name_problem,
    pascal_case,
    py_string,
)
from schemalint.generate.python_pydantic_model import INT64, NO_VALUE, ModelView, PydanticMapper, model_view
from schemalint.generate.python_types import (
    ABC_NAMES,
    FUNCTION_HANDLE,
    SYSTEM_ID_TYPES,
    AliasDef,
    Definition,
    Place,
)
from schemalint.generate.python_validators import flat_members, within_depth
from schemalint.ir import ConvexFunction, Project, Schema, VObject, VUnion, walk_validators
from schemalint.resources import data_dir

DEFAULT_PACKAGE = "convex_types"
# Names documents.py.jinja (pydantic) defines or imports for itself.
DOCUMENTS_RESERVED = (
    "Annotated",
    "BaseModel",
    "BeforeValidator",
    "ConfigDict",
    "ConvexInt64",
    "Field",
    "GetCoreSchemaHandler",
    "INT64",
    INT64,
    NO_VALUE,
    "NoReturn",
    "OMITTED",
    "Omitted",
    "PlainSerializer",
    "SerializationInfo",
    "SerializerFunctionWrapHandler",
    "Strict",
    "TableName",
    "TypeAdapter",
    "core_schema",
    "_NoValueSchema",
    "_no_value",
    "enum",
    "functools",
    "model_serializer",
)
# What the pydantic documents module exports besides its types.
DOCUMENTS_EXPORTS = (INT64, "OMITTED", "Omitted", "TableName")
# The api module's exports: the TypedDict variant's, but `OMITTED` comes from the documents.
PYDANTIC_API_EXPORTS = tuple(name for name in API_EXPORTS if name not in ("OMITTED", "Omitted"))

PydanticDefinitionView = ModelView | AliasView


@dataclass(frozen=True)
class PydanticDocumentsView:
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


@dataclass(frozen=True)
class PydanticApiView:
    header: str
    imports: tuple[tuple[ImportView, ...], ...]
    definitions: tuple[PydanticDefinitionView, ...]
    namespaces: tuple[NamespaceView, ...]
    functions: tuple[tuple[str, str], ...]
    exports: tuple[str, ...]

    @property
    def function_name_alias(self) -> str:
        return literal_alias("FunctionName", [identifier for identifier, _ in self.functions])


def render_pydantic(
    project: Project,
    functions: Iterable[ConvexFunction],
    *,
    package: str = DEFAULT_PACKAGE,
    include_internal: bool = False,
    missing: Sequence[str] = (),
) -> dict[str, str]:
    """The files of the generated package (pydantic models), by path relative to the output
    directory; see `schemalint.generate.python.render_python` for the arguments and errors."""
    problem = package_name_problem(package)
    if problem is not None:
        raise ValueError(f"--package {problem}")
    if project.schema is None:
        raise ValueError("the schema could not be read")
    from schemalint.generate.output import generated_notice

    root, schema_file = Path(project.root), Path(project.schema_file)
    schema_path = (
        schema_file.relative_to(root).as_posix() if schema_file.is_relative_to(root) else schema_file.name
    )
    header = comment_line(generated_notice(schema_path))
    schema = replace(
        project.schema,
        tables=tuple(replace(t, document=within_depth(t.document)) for t in project.schema.tables),
    )
    chosen = tuple(
        replace(
            f,
            args=None if f.args is None else within_depth(f.args),
            returns=None if f.returns is None else within_depth(f.returns),
        )
        for f in functions
        if include_internal or f.visibility == "public"
    )
    names = NameRegistry(
        (
            *TYPING_NAMES,
            *BUILTIN_NAMES,
            *API_RESERVED,
            *DOCUMENTS_RESERVED,
            *SYSTEM_ID_TYPES.values(),
            FUNCTION_HANDLE,
        )
    )
    documents, reusable, id_type = _documents(schema, chosen, names, header)
    api = _api(chosen, names, reusable, id_type, header)
    init = InitView(
        header=header,
        imports=(
            (
                from_import(f".{API_MODULE}", api.exports),
                from_import(f".{DOCUMENTS_MODULE}", documents.exports),
            ),
        ),
        exports=tuple(py_string(n) for n in exported_names({*documents.exports, *api.exports})),
    )
    context = {
        "package": package,
        "init": init,
        "documents": documents,
        "api": api,
        "incomplete": incomplete_lines(missing),
    }
    environment = _environment()
    files = {}
    for module in ("__init__", DOCUMENTS_MODULE, API_MODULE):
        name = f"{package}/{module}.py"
        files[name] = normalise(environment.get_template(f"{module}.py.jinja").render(context), name)
    files[f"{package}/py.typed"] = ""
    return files


@functools.cache
def _environment() -> jinja2.Environment:
    generators = data_dir("generators") / "python"
    return jinja2.Environment(
        # The pydantic templates first; the shared macros (imports) from the TypedDict variant.
        loader=jinja2.FileSystemLoader([generators / "pydantic", generators]),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


# ------------------------------------------------------------------------------- documents


def _documents(
    schema: Schema, functions: tuple[ConvexFunction, ...], names: NameRegistry, header: str
) -> tuple[PydanticDocumentsView, dict[str, str], IdTypes]:
    tables = sorted(schema.tables, key=lambda t: t.name)
    stems = {t.name: names.claim_stem(pascal_case(t.name), ("Id", "Doc")) for t in tables}
    id_type = IdTypes(names, {t: f"{stem}Id" for t, stem in stems.items()})
    for foreign in _foreign_tables(tables, functions, set(stems)):
        id_type(foreign)
    mapper = PydanticMapper(names, id_type)
    for table in tables:
        _document_type(mapper, table, stems[table.name])
    definitions = tuple(_definition_view(d, mapper) for d in mapper.definitions)
    id_views = [
        IdTypeView(name=name, name_literal=py_string(name), comments=comment(id_type.describe(table)))
        for table, name in id_type.sorted_items()
    ]
    if uses_function_handles(schema, functions):
        text = "A function handle (`v.function()`): a string naming a Convex function."
        id_views.append(
            IdTypeView(name=FUNCTION_HANDLE, name_literal=py_string(FUNCTION_HANDLE), comments=comment(text))
        )
    id_views.sort(key=lambda view: view.name)
    typing_names = {"Annotated", "Any", "Final", "NewType", "TypeAlias", "Literal" if tables else "Never"}
    mentioned = identifiers_in(" ".join(_annotations(mapper.definitions)))
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
            "pydantic", _PYDANTIC_NAMES + (("Field",) if _uses_field(definitions) else ())
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


def _uses_field(views: Iterable[PydanticDefinitionView]) -> bool:
    return any("Field(" in f.lines for v in views if isinstance(v, ModelView) for f in v.fields)


def _api_needs_no_value(functions: tuple[ConvexFunction, ...]) -> bool:
    validators = [v for f in functions for v in (f.args, f.returns) if v is not None]
    return any(isinstance(x, VUnion) and not flat_members(x) for v in validators for x in walk_validators(v))


def _definition_view(definition: Definition, mapper: PydanticMapper) -> PydanticDefinitionView:
    if isinstance(definition, AliasDef):
        return AliasView(name=definition.name, value=definition.value, comments=comment(definition.doc))
    return model_view(definition, definition.name in mapper.open_models)


def _annotations(definitions: list[Definition]) -> list[str]:
    return [
        d.value if isinstance(d, AliasDef) else " ".join(f.annotation for f in d.fields) for d in definitions
    ]


# ------------------------------------------------------------------------------------- api

# How a method signature names what a namespace member shadows (see python_api).
_QUALIFIERS = {
    "_builtins": "builtins",
    "_typing": "typing",
    "_abc": "collections.abc",
    "_documents": ".documents",
}


def _api(
    functions: tuple[ConvexFunction, ...],
    names: NameRegistry,
    reusable: dict[str, str],
    id_type: IdTypes,
    header: str,
) -> PydanticApiView:
    nodes = _namespace_tree(functions, names)
    mapper = PydanticMapper(names, id_type, reuse=reusable, alias_literals=False, dedupe=True)
    signatures = {f.identifier: _signature(mapper, f) for f in sorted(functions, key=lambda f: f.identifier)}
    local_names = {d.name for d in mapper.definitions}
    documents_names = (
        set(reusable.values())
        | {name for _, name in id_type.sorted_items()}
        | {FUNCTION_HANDLE, INT64, NO_VALUE}
    )
    qualified = {name: f"_builtins.{name}" for name in BUILTIN_NAMES}
    qualified |= {name: f"_typing.{name}" for name in TYPING_NAMES}
    qualified |= {name: f"_abc.{name}" for name in ABC_NAMES}
    qualified |= {name: f"_documents.{name}" for name in documents_names | {NO_VALUE}}
    namespaces = tuple(
        _namespace_view(node, nodes, signatures, local_names, qualified)
        for node in sorted(nodes.values(), key=lambda n: (n.path == (), n.path))
    )
    definitions = tuple(_definition_view(d, mapper) for d in mapper.definitions)
    kinds = {f.identifier: f.kind for f in functions}
    return PydanticApiView(
        header=header,
        imports=_imports(namespaces, mapper.definitions, definitions, documents_names | mapper.reused),
        definitions=definitions,
        namespaces=namespaces,
        functions=tuple((py_string(i), py_string(kinds[i])) for i in sorted(signatures)),
        exports=tuple(sorted({*PYDANTIC_API_EXPORTS, *local_names, *(n.class_name for n in nodes.values())})),
    )


def _signature(mapper: PydanticMapper, function: ConvexFunction) -> _Signature:
    """A method's signature; its `args_shape` is the dict of the arguments' types (validated
    and serialised before they are sent), its `result_shape` the type a result is validated as."""
    stem = (pascal_case(function.module), pascal_case(function.name))
    returns = "Any"
    if function.returns is not None:
        place = Place((*stem, "Result"), f"the result of `{function.identifier}`")
        returns = mapper.annotation(function.returns, "ret", place)
    result = returns  # `Any` (no returns validator): the result is not validated
    args = function.args
    if not isinstance(args, VObject):
        return _Signature((), "args: Any", returns, "None", result, ())
    place = Place(stem, f"the arguments of `{function.identifier}`")
    params = tuple(
        _Param(f.name, mapper.annotation(f.validator, "arg", place.field(f.name)), f.optional)
        for f in args.fields
    )
    types = "{" + ", ".join(f"{py_string(p.key)}: {p.annotation}" for p in params) + "}"
    var_keyword = "extra: Any" if args.unknown_parts else None
    return _Signature(params, var_keyword, returns, types, result, ())


def _imports(
    namespaces: tuple[NamespaceView, ...],
    definitions: list[Definition],
    views: tuple[PydanticDefinitionView, ...],
    documents_names: set[str],
) -> tuple[tuple[ImportView, ...], ...]:
    """The import groups of api.py: standard library, third party, the documents module."""
    signatures = " ".join(
        text for n in namespaces for m in n.methods for text in (m.returns, *(p.annotation for p in m.params))
    )
    bodies = " ".join(f"{m.args_shape} {m.result_shape}" for n in namespaces for m in n.methods)
    mentioned = identifiers_in(" ".join([signatures, bodies, *_annotations(definitions)]))
    helpers = {alias for alias in _QUALIFIERS if f"{alias}." in signatures}
    typing_names = {"Any", "Final", "Generic", "Literal", "Protocol", "TypeAlias", "TypeVar", "cast"}
    typing_names |= mentioned & set(TYPING_NAMES)
    if not any(n.methods for n in namespaces):
        typing_names.add("Never")
    standard = [ImportView(_QUALIFIERS[a], (), alias=a) for a in ("_builtins", "_abc") if a in helpers]
    standard.append(ImportView("functools", ()))
    standard += [ImportView("typing", (), alias="_typing")] if "_typing" in helpers else []
    standard.append(from_import("collections.abc", {"Mapping"} | (mentioned & {"Sequence"})))
    standard.append(from_import("typing", typing_names))
    models = [v for v in views if isinstance(v, ModelView)]
    uses_field = _uses_field(models)
    third_party = [
        from_import(
            "pydantic",
            ("ConfigDict", "TypeAdapter") if any(v.extra_allowed for v in models) else ("TypeAdapter",),
        )
    ]
    if uses_field:
        third_party = [from_import("pydantic", (*third_party[0].names, "Field"))]
    local = [ImportView(".", ("documents",), alias="_documents")] if "_documents" in helpers else []
    local.append(
        from_import(
            ".documents",
            sorted(
                {"OMITTED", *(mentioned & (documents_names | {"Omitted"})), *(["_Model"] if models else [])}
            ),
        )
    )
    return (tuple(standard), tuple(third_party), tuple(local))
