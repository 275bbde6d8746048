"""The api module of the pydantic client: the TypedDict variant's namespaces and methods, with
the arguments' types and the result's type handed to the facade, which validates with them."""

from __future__ import annotations

from collections.abc import Mapping

from schemalint.generate.python_api import API_EXPORTS, _namespace_tree, _namespace_view, _Param, _Signature
from schemalint.generate.python_documents import IdTypes
from schemalint.generate.python_model import (
    TYPING_NAMES,
    ImportView,
    NamespaceView,
    from_import,
    literal_alias,
)
from schemalint.generate.python_names import (
    BUILTIN_NAMES,
    NameRegistry,
    identifiers_in,
    pascal_case,
    py_string,
)
from schemalint.generate.python_pydantic_model import (
    AS_INT64,
    INT64,
    NO_VALUE,
    ModelView,
    PydanticDefinitionView,
    PydanticMapper,
    definition_annotations,
    definition_view,
    uses_field,
)
from schemalint.generate.python_types import ABC_NAMES, FUNCTION_HANDLE, Definition, Place
from schemalint.ir import ConvexFunction, VObject
from schemalint.records import dataclass

# The api module's exports: the TypedDict variant's, but `OMITTED` comes from the documents.
PYDANTIC_API_EXPORTS = tuple(name for name in API_EXPORTS if name not in ("OMITTED", "Omitted"))


@dataclass(frozen=True)
class PydanticApiView:
    """What the api module of the pydantic client prints."""

    header: str
    imports: tuple[tuple[ImportView, ...], ...]
    definitions: tuple[PydanticDefinitionView, ...]
    namespaces: tuple[NamespaceView, ...]
    functions: tuple[tuple[str, str], ...]
    exports: tuple[str, ...]

    @property
    def function_name_alias(self) -> str:
        return literal_alias("FunctionName", [identifier for identifier, _ in self.functions])


# How a method signature names what a namespace member shadows (see python_api).
_QUALIFIERS = {
    "_builtins": "builtins",
    "_typing": "typing",
    "_abc": "collections.abc",
    "_documents": ".documents",
}


def build_api(
    functions: tuple[ConvexFunction, ...],
    names: NameRegistry,
    reusable: Mapping[str, str],
    id_type: IdTypes,
    header: str,
) -> PydanticApiView:
    nodes = _namespace_tree(functions, names)
    mapper = PydanticMapper(names, id_type, reuse=reusable, alias_literals=False, dedupe=True)
    signatures = {f.identifier: _signature(mapper, f) for f in sorted(functions, key=lambda f: f.identifier)}
    local_names = {d.name for d in mapper.definitions}
    documents_names = (
        # (Without functions the api module names no documents type: `reusable`, whose keys
        # cost a walk of every documents type, is not read.)
        (set(reusable.values()) if functions else set())
        | {name for _, name in id_type.sorted_items()}
        | {FUNCTION_HANDLE, INT64, AS_INT64, NO_VALUE}
    )
    qualified = {name: f"_builtins.{name}" for name in BUILTIN_NAMES}
    qualified |= {name: f"_typing.{name}" for name in (*TYPING_NAMES, "Annotated")}
    qualified |= {name: f"_abc.{name}" for name in ABC_NAMES}
    qualified |= {name: f"_documents.{name}" for name in documents_names}
    namespaces = tuple(
        _namespace_view(node, nodes, signatures, local_names, qualified)
        for node in sorted(nodes.values(), key=lambda n: (n.path == (), n.path))
    )
    definitions = tuple(definition_view(d, mapper) for d in mapper.definitions)
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
    mentioned = identifiers_in(" ".join([signatures, bodies, *definition_annotations(definitions)]))
    helpers = {alias for alias in _QUALIFIERS if f"{alias}." in signatures}
    typing_names = {"Any", "Final", "Generic", "Literal", "Protocol", "TypeAlias", "TypeVar", "cast"}
    typing_names |= mentioned & {*TYPING_NAMES, "Annotated"}
    if not any(n.methods for n in namespaces):
        typing_names.add("Never")
    standard = [ImportView(_QUALIFIERS[a], (), alias=a) for a in ("_builtins", "_abc") if a in helpers]
    standard.append(ImportView("functools", ()))
    standard += [ImportView("typing", (), alias="_typing")] if "_typing" in helpers else []
    standard.append(from_import("collections.abc", {"Mapping"} | (mentioned & {"Sequence"})))
    standard.append(from_import("typing", typing_names))
    models = [v for v in views if isinstance(v, ModelView)]
    field_used = uses_field(models)
    third_party = [
        from_import(
            "pydantic",
            ("ConfigDict", "TypeAdapter") if any(v.extra_allowed for v in models) else ("TypeAdapter",),
        )
    ]
    if field_used:
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
