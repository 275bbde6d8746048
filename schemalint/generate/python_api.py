"""The view of the generated function API module: namespaces, typed methods, the kind mapping.

Naming (documented in docs/python-client.md): keyword arguments keep their Convex names; one
that is a Python keyword, or that the method body needs for itself, gets a trailing `_`
(`from_`). Module paths become nested namespaces (`admin/users:get` → `api.admin.users.get`);
a member whose name is taken in its namespace gets a trailing `_`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field

from schemalint.generate.python_convert import argument_shape, result_shape
from schemalint.generate.python_model import (
    TYPING_NAMES,
    AliasView,
    ApiView,
    DefinitionView,
    ImportView,
    MethodView,
    NamespaceView,
    ParamView,
    TypedDictView,
    definition_view,
    from_import,
)
from schemalint.generate.python_names import (
    BUILTIN_NAMES,
    NameRegistry,
    docstring,
    identifiers_in,
    pascal_case,
    py_string,
    python_identifier,
    qualify,
    unique,
)
from schemalint.generate.python_types import ABC_NAMES, FUNCTION_HANDLE, Place, TypeMapper
from schemalint.generate.python_validators import has_undecidable_int64
from schemalint.ir import ConvexFunction, VId, VObject, walk_validators
from schemalint.records import dataclass

ROOT_CLASS = "ConvexApi"
# What the api module exports besides its types and namespaces (see api.py.jinja).
API_EXPORTS = (
    ROOT_CLASS,
    "ConvexCaller",
    "FUNCTIONS",
    "FunctionKind",
    "FunctionName",
    "OMITTED",
    "Omitted",
    "Subscription",
)
# Every other module-level name api.py.jinja defines or imports for itself.
API_RESERVED = (
    *API_EXPORTS,
    *ABC_NAMES,
    "Callable",
    "Final",
    "Generic",
    "Protocol",
    "TypeVar",
    "cast",
    "dataclass",
    "enum",
)
# `import builtins as _builtins`...: how a signature names what a namespace member shadows.
_QUALIFIERS = {
    "_builtins": "builtins",
    "_typing": "typing",
    "_abc": "collections.abc",
    "_convex": "convex",
    "_documents": ".documents",
}
# Members of every namespace class, and module-level names its signatures cannot qualify.
_NAMESPACE_MEMBERS = (
    "_client",
    "_call",
    "_subscribe",
    "__init__",
    "ConvexCaller",
    "OMITTED",
    "Omitted",
    "Subscription",
    *_QUALIFIERS,
)
_ROOT_DOC = (
    "Typed access to the functions of this Convex project.\n\n`client` is a `convex.ConvexClient`, "
    "or anything with its `query`, `mutation` and `action` methods."
)


@dataclass
class _Node:
    """A module path of the function tree, with its functions and child paths."""

    path: tuple[str, ...]
    class_name: str
    functions: list[ConvexFunction] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Param:
    """An argument of a function, with its Python annotation."""

    key: str
    annotation: str
    optional: bool


@dataclass(frozen=True)
class _Signature:
    """What a facade method's signature and body are made of."""

    params: tuple[_Param, ...]
    var_keyword: str | None  # `name: type` of the `**` parameter, if any
    returns: str
    args_shape: str
    result_shape: str
    notes: tuple[str, ...]


def build_api(
    functions: tuple[ConvexFunction, ...],
    names: NameRegistry,
    reusable: Mapping[str, str],
    id_type: Callable[[str], str],
    header: str,
) -> ApiView:
    """The api module for `functions`, reusing the documents module's types where they fit."""
    nodes = _namespace_tree(functions, names)
    mapper = TypeMapper(names, id_type, reuse=reusable, alias_literals=False, dedupe=True)
    signatures = {f.identifier: _signature(mapper, f) for f in sorted(functions, key=lambda f: f.identifier)}
    local_names = {d.name for d in mapper.definitions}
    # (Without functions the api module names no documents type: `reusable`, whose keys cost
    # a walk of every documents type, is not read.)
    reused_names = set(reusable.values()) if functions else set()
    documents_names = reused_names | {id_type(t) for t in _id_tables(functions)} | {FUNCTION_HANDLE}
    qualified = {name: f"_builtins.{name}" for name in BUILTIN_NAMES}
    qualified |= {name: f"_typing.{name}" for name in TYPING_NAMES}
    qualified |= {name: f"_abc.{name}" for name in ABC_NAMES}
    qualified |= {"ConvexInt64": "_convex.ConvexInt64"} | {n: f"_documents.{n}" for n in documents_names}
    namespaces = tuple(
        _namespace_view(node, nodes, signatures, local_names, qualified)
        for node in sorted(nodes.values(), key=lambda n: (n.path == (), n.path))
    )
    definitions = tuple(definition_view(d) for d in mapper.definitions)
    kinds = {f.identifier: f.kind for f in functions}
    return ApiView(
        header=header,
        imports=_imports(namespaces, definitions, documents_names | mapper.reused),
        definitions=definitions,
        namespaces=namespaces,
        functions=tuple((py_string(i), py_string(kinds[i])) for i in sorted(signatures)),
        exports=tuple(sorted({*API_EXPORTS, *local_names, *(n.class_name for n in nodes.values())})),
    )


def _namespace_tree(
    functions: tuple[ConvexFunction, ...], names: NameRegistry
) -> dict[tuple[str, ...], _Node]:
    """One node per module path prefix (`()` is the root), with its functions and children."""
    paths: set[tuple[str, ...]] = set()
    for f in functions:
        parts = tuple(f.module.split("/"))
        paths.update(parts[:i] for i in range(1, len(parts) + 1))
    nodes: dict[tuple[str, ...], _Node] = {(): _Node((), ROOT_CLASS)}
    for path in sorted(paths):
        nodes[path] = _Node(path, names.claim(f"{pascal_case('_'.join(path))}Api"))
        nodes[path[:-1]].children.append(path[-1])
    for f in sorted(functions, key=lambda f: f.name):
        nodes[tuple(f.module.split("/"))].functions.append(f)
    return nodes


def _signature(mapper: TypeMapper, function: ConvexFunction) -> _Signature:
    stem = (pascal_case(function.module), pascal_case(function.name))
    returns, decode = "Any", None
    if function.returns is not None:
        place = Place((*stem, "Result"), f"the result of `{function.identifier}`")
        returns = mapper.annotation(function.returns, "ret", place)
        decode = result_shape(function.returns)
    result = decode.expression() if decode else "None"
    args = function.args
    if not isinstance(args, VObject):
        return _Signature((), "args: Any", returns, "None", result, ())
    place = Place(stem, f"the arguments of `{function.identifier}`")
    params = tuple(
        _Param(f.name, mapper.annotation(f.validator, "arg", place.field(f.name)), f.optional)
        for f in args.fields
    )
    encode = argument_shape(args)
    notes = tuple(
        f"`{f.name}`: pass its int64 values as `ConvexInt64`; its union leaves a Python `int` ambiguous."
        for f in args.fields
        if has_undecidable_int64(f.validator)
    )
    var_keyword = "extra: Any" if args.unknown_parts else None
    return _Signature(params, var_keyword, returns, encode.expression() if encode else "None", result, notes)


def _namespace_view(
    node: _Node,
    nodes: dict[tuple[str, ...], _Node],
    signatures: dict[str, _Signature],
    local_names: set[str],
    qualified: dict[str, str],
) -> NamespaceView:
    taken = {*_NAMESPACE_MEMBERS, *local_names}
    children = tuple(
        (unique(python_identifier(part), taken), nodes[(*node.path, part)].class_name)
        for part in node.children
    )
    method_names = [unique(python_identifier(f.name), taken) for f in node.functions]
    subscriptions = [
        unique(python_identifier(f"subscribe_{f.name}"), taken) if f.kind == "query" else None
        for f in node.functions
    ]
    # Names a member shadows inside the class body are spelled qualified in its signatures.
    shadowed = {name: qualified[name] for name in taken if name in qualified}
    methods = tuple(
        _method_view(f, name, subscription, signatures[f.identifier], shadowed)
        for f, name, subscription in zip(node.functions, method_names, subscriptions, strict=True)
    )
    if not node.path:
        text = _ROOT_DOC
    elif node.functions:
        text = f"The functions of the module `{'/'.join(node.path)}`."
    else:
        text = f"The modules under `{'/'.join(node.path)}/`."
    return NamespaceView(
        class_name=node.class_name, docstring=_docstring(text), children=children, methods=methods
    )


def _method_view(
    function: ConvexFunction,
    name: str,
    subscription: str | None,
    signature: _Signature,
    shadowed: dict[str, str],
) -> MethodView:
    cast = None if signature.returns == "Any" else signature.returns
    # The body runs in function scope: parameters must not hide the names it uses.
    taken = {"self", "cast"} | identifiers_in(f"{cast or ''} {signature.args_shape} {signature.result_shape}")
    params = tuple(
        ParamView(
            name=unique(python_identifier(p.key), taken),
            key=py_string(p.key),
            annotation=qualify(_omittable(p.annotation) if p.optional else p.annotation, shadowed),
            optional=p.optional,
        )
        for p in signature.params
    )
    entries = [f"{p.key}: {p.name}" for p in params]
    var_keyword = arguments = None
    if signature.var_keyword is not None:
        var_name, var_type = signature.var_keyword.split(": ")
        var_name = unique(var_name, taken)
        var_keyword = f"{var_name}: {qualify(var_type, shadowed)}"
        arguments = var_name if not params else None
        entries.insert(0, f"**{var_name}")
    kind = function.kind
    internal = function.visibility == "internal"
    summary = f"{'Internal ' + kind if internal else kind.capitalize()} `{function.identifier}`."
    if internal:
        summary += " Internal functions can only be called with an admin key."
    text = "\n\n".join(part for part in (function.doc, summary, "\n".join(signature.notes)) if part)
    return MethodView(
        name=name,
        kind=py_string(kind),
        identifier=py_string(function.identifier),
        params=params,
        var_keyword=var_keyword,
        returns=qualify(signature.returns, shadowed),
        cast=cast,
        docstring=_docstring(text),
        arguments=arguments or "{" + ", ".join(entries) + "}",
        args_shape=signature.args_shape,
        result_shape=signature.result_shape,
        subscription=subscription,
        subscription_docstring=_docstring(
            f"Subscribe to query `{function.identifier}`: iterate the subscription (or `async for`) "
            "for its result each time it changes."
        ),
    )


def _imports(
    namespaces: tuple[NamespaceView, ...], definitions: tuple[DefinitionView, ...], documents_names: set[str]
) -> tuple[tuple[ImportView, ...], ...]:
    """The import groups of api.py: standard library, third party, the documents module."""
    signatures = " ".join(
        text for n in namespaces for m in n.methods for text in (m.returns, *(p.annotation for p in m.params))
    )
    texts = [signatures] + [
        d.value if isinstance(d, AliasView) else " ".join(f.annotation for f in d.fields) for d in definitions
    ]
    mentioned = identifiers_in(" ".join(texts))
    helpers = {alias for alias in _QUALIFIERS if f"{alias}." in signatures}
    typing_names = {"Any", "Final", "Generic", "Literal", "Protocol", "TypeAlias", "TypeVar", "cast"}
    typing_names |= mentioned & set(TYPING_NAMES)
    if not any(n.methods for n in namespaces):
        typing_names.add("Never")  # `FunctionName` of no functions
    if any(isinstance(d, TypedDictView) for d in definitions):
        typing_names.add("TypedDict")
    # As ruff's isort orders them: `import x` before `from x import y`, each by module.
    standard = [ImportView(_QUALIFIERS[a], (), alias=a) for a in ("_builtins", "_abc") if a in helpers]
    standard.append(ImportView("enum", ()))
    standard += [ImportView(_QUALIFIERS["_typing"], (), alias="_typing")] if "_typing" in helpers else []
    standard += [
        from_import("collections.abc", ("Callable", "Mapping", "Sequence")),
        from_import("dataclasses", ("dataclass",)),
        from_import("typing", typing_names),
    ]
    third_party = [ImportView("convex", (), alias="_convex")] if "_convex" in helpers else []
    third_party.append(ImportView("convex", ("ConvexInt64",)))
    local = [ImportView(".", ("documents",), alias="_documents")] if "_documents" in helpers else []
    from_documents = sorted(mentioned & documents_names)
    if from_documents:
        local.append(from_import(".documents", from_documents))
    return tuple(tuple(group) for group in (standard, third_party, local) if group)


def _omittable(annotation: str) -> str:
    """`A | B` → `A | B | Omitted`."""
    return f"{annotation} | Omitted"


def _docstring(text: str) -> str:
    return docstring(text) or '""""""'


def _id_tables(functions: tuple[ConvexFunction, ...]) -> set[str]:
    validators = [v for f in functions for v in (f.args, f.returns) if v is not None]
    return {x.table_name for v in validators for x in walk_validators(v) if isinstance(x, VId)}
