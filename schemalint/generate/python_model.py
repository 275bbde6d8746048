"""The view model of `schemalint generate python`: the IR mapped to what the templates print.

Every name, annotation, docstring literal and import line is computed here; the templates in
`generators/python/` only print them. Tables are sorted by name, functions by identifier,
fields keep their declaration order. `build_package` is the entry point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from schemalint.generate.python_names import (
    BUILTIN_NAMES,
    NameRegistry,
    comment,
    comment_line,
    docstring,
    docstring_lines,
    identifiers_in,
    is_plain_identifier,
    py_string,
)
from schemalint.generate.python_types import FUNCTION_HANDLE, SYSTEM_ID_TYPES, AliasDef, Definition
from schemalint.generate.python_validators import within_depth
from schemalint.ir import ConvexFunction, Schema

TYPING_NAMES = ("Any", "Literal", "Never", "NewType", "NotRequired", "TypeAlias", "TypedDict", "Union")
DOCUMENTS_MODULE = "documents"
API_MODULE = "api"


# ----------------------------------------------------------------------------------- views


@dataclass(frozen=True)
class ImportView:
    """`from module import names`, or `import module as alias` (`from module import names[0] as
    alias` when both are given)."""

    module: str
    names: tuple[str, ...]
    alias: str | None = None

    @property
    def one_line(self) -> bool:
        """Whether `from module import a, b` fits on a line."""
        return len(f"from {self.module} import {', '.join(self.names)}") <= 100


@dataclass(frozen=True)
class FieldView:
    key: str  # the key as a string literal
    name: str  # the key as written in a class body (class syntax only)
    annotation: str
    docstring: str | None
    comments: tuple[str, ...]


@dataclass(frozen=True)
class TypedDictView:
    kind: ClassVar[str] = "typeddict"
    name: str
    name_literal: str
    functional: bool  # `Name = TypedDict("Name", {...})`: some key cannot be a class attribute
    docstring: str | None
    comments: tuple[str, ...]
    fields: tuple[FieldView, ...]


@dataclass(frozen=True)
class AliasView:
    kind: ClassVar[str] = "alias"
    name: str
    value: str
    comments: tuple[str, ...]


DefinitionView = TypedDictView | AliasView


@dataclass(frozen=True)
class IdTypeView:
    name: str
    name_literal: str
    comments: tuple[str, ...]


@dataclass(frozen=True)
class DocumentsView:
    header: str
    imports: tuple[tuple[ImportView, ...], ...]  # groups: standard library, third party, local
    id_types: tuple[IdTypeView, ...]
    table_names: tuple[str, ...]  # string literals, sorted
    definitions: tuple[DefinitionView, ...]
    exports: tuple[str, ...]


@dataclass(frozen=True)
class ParamView:
    name: str
    key: str  # the argument's name as a string literal
    annotation: str
    optional: bool


@dataclass(frozen=True)
class MethodView:
    name: str
    kind: str  # "query" | "mutation" | "action", as a string literal
    identifier: str  # e.g. "messages:list", as a string literal
    params: tuple[ParamView, ...]
    var_keyword: str | None  # e.g. "args: Any" when the arguments are not an object validator
    returns: str
    cast: str | None  # the type to cast the result to (None when it is Any)
    docstring: str
    arguments: str  # the dict of arguments sent, e.g. `{"channel": channel}`
    args_shape: str
    result_shape: str
    subscription: str | None = None  # the `subscribe_<name>` method of a query
    subscription_docstring: str = ""


@dataclass(frozen=True)
class NamespaceView:
    class_name: str
    docstring: str
    children: tuple[tuple[str, str], ...]  # (attribute, class name)
    methods: tuple[MethodView, ...]


@dataclass(frozen=True)
class ApiView:
    header: str
    imports: tuple[tuple[ImportView, ...], ...]  # groups: standard library, third party, local
    definitions: tuple[DefinitionView, ...]
    namespaces: tuple[NamespaceView, ...]  # the root (`ConvexApi`) last
    functions: tuple[tuple[str, str], ...]  # (identifier literal, kind literal), sorted
    exports: tuple[str, ...]


@dataclass(frozen=True)
class InitView:
    header: str
    imports: tuple[tuple[ImportView, ...], ...]  # groups: standard library, third party, local
    exports: tuple[str, ...]  # string literals for __all__


@dataclass(frozen=True)
class PackageView:
    name: str
    init: InitView
    documents: DocumentsView
    api: ApiView
    incomplete: tuple[str, ...] = ()  # docstring lines: what may be missing (--allow-partial)


# ------------------------------------------------------------------------------- building


def build_package(
    schema: Schema,
    functions: Iterable[ConvexFunction],
    *,
    package: str,
    schema_path: str,
    include_internal: bool = False,
    missing: Sequence[str] = (),
) -> PackageView:
    """The view model of the whole package generated for `schema` and `functions`."""
    from schemalint.generate.output import generated_notice
    from schemalint.generate.python_api import API_RESERVED, build_api
    from schemalint.generate.python_documents import build_documents

    header = comment_line(generated_notice(schema_path))
    tables = tuple(replace(t, document=within_depth(t.document)) for t in schema.tables)
    schema = replace(schema, tables=tables)
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
            *SYSTEM_ID_TYPES.values(),
            FUNCTION_HANDLE,
            "ConvexInt64",
            "TableName",
        )
    )
    documents, mapper, id_type = build_documents(schema, chosen, names, header)
    api = build_api(chosen, names, mapper.named, id_type, header)
    exports = sorted({*documents.exports, *api.exports})
    init = InitView(
        header=header,
        imports=(
            (
                from_import(f".{API_MODULE}", api.exports),
                from_import(f".{DOCUMENTS_MODULE}", documents.exports),
            ),
        ),
        exports=tuple(py_string(name) for name in exports),
    )
    return PackageView(
        name=package, init=init, documents=documents, api=api, incomplete=incomplete_lines(missing)
    )


def incomplete_lines(missing: Sequence[str]) -> tuple[str, ...]:
    """The docstring paragraph saying what schemalint could not read, as escaped lines."""
    if not missing:
        return ()
    text = (
        "INCOMPLETE: generated with --allow-partial from a project schemalint could not read in "
        "full. What may be missing or wrong:"
    )
    return docstring_lines("\n".join([text, "", *(f"- {item}" for item in missing)]))


def definition_view(definition: Definition) -> DefinitionView:
    """How a named type is printed."""
    if isinstance(definition, AliasDef):
        return AliasView(name=definition.name, value=definition.value, comments=comment(definition.doc))
    annotations = [f.annotation for f in definition.fields]
    referenced = identifiers_in(" ".join(annotations)) | {definition.name}
    functional = any(
        not is_plain_identifier(f.key) or f.key.startswith("__") or f.key in referenced
        for f in definition.fields
    )
    fields = tuple(
        FieldView(
            key=py_string(f.key),
            name=f.key,
            annotation=f"NotRequired[{f.annotation}]" if f.optional else f.annotation,
            docstring=None if functional else docstring(f.doc),
            comments=(comment(f.doc) if functional else ()) + _note_comments(f.notes),
        )
        for f in definition.fields
    )
    return TypedDictView(
        name=definition.name,
        name_literal=py_string(definition.name),
        functional=functional,
        docstring=None if functional else docstring(definition.doc),
        comments=comment(definition.doc) if functional else (),
        fields=fields,
    )


def _note_comments(notes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(comment_line(note) for note in notes)


def from_import(module: str, names: Iterable[str]) -> ImportView:
    return ImportView(module=module, names=tuple(sorted(names)))
