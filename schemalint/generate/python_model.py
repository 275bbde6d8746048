"""The view model of `schemalint generate python`: the IR mapped to what the templates print.

Every name, annotation, docstring literal and import line is computed here; the templates in
`generators/python/` only print them. Tables are sorted by name, functions by identifier,
fields keep their declaration order. `build_package` is the entry point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import ClassVar, NamedTuple

from schemalint.generate.python_format import definition_header, lay_out, parameter_lines, parenthesized
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
from schemalint.generate.python_order import sorted_for_all, sorted_for_import
from schemalint.generate.python_types import FUNCTION_HANDLE, SYSTEM_ID_TYPES, AliasDef, Definition
from schemalint.generate.python_validators import within_depth
from schemalint.ir import ConvexFunction, Schema, Table
from schemalint.records import dataclass

TYPING_NAMES = ("Any", "Literal", "Never", "NewType", "NotRequired", "TypeAlias", "TypedDict", "Union")
DOCUMENTS_MODULE = "documents"
LINE_LENGTH = 88  # ruff's and black's default
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
        """Whether `from module import a, b` fits on a line (ruff's default line length)."""
        return len(f"from {self.module} import {', '.join(self.names)}") <= LINE_LENGTH


class FieldView(NamedTuple):
    """How a `TypedDict` field is printed. (A named tuple, not a frozen dataclass: a big schema
    has tens of thousands of fields, and a tuple is made in well under half the time.)"""

    key: str  # the key as a string literal
    name: str  # the key as written in a class body (class syntax only)
    annotation: str
    docstring: str | None
    comments: tuple[str, ...]

    @property
    def class_line(self) -> str:
        """`name: annotation` in a class body, laid out."""
        return "\n".join(parenthesized(f"{self.name}: ", self.annotation, "", 4))

    @property
    def entry_line(self) -> str:
        """`"key": annotation,` in a functional TypedDict, laid out."""
        return "\n".join(lay_out(self.annotation, 8, lead=f"{self.key}: ", trail=","))


@dataclass(frozen=True)
class TypedDictView:
    """How a `TypedDict` is printed (class syntax, or functional)."""

    kind: ClassVar[str] = "typeddict"
    name: str
    name_literal: str
    functional: bool  # `Name = TypedDict("Name", {...})`: some key cannot be a class attribute
    docstring: str | None
    comments: tuple[str, ...]
    fields: tuple[FieldView, ...]

    @property
    def is_class(self) -> bool:
        """Printed as a class statement (two blank lines around it), not an assignment."""
        return not self.functional

    @property
    def header(self) -> str:
        return "\n".join(definition_header("class", self.name, "TypedDict", ":", 0))


@dataclass(frozen=True)
class AliasView:
    """How a type alias is printed."""

    kind: ClassVar[str] = "alias"
    is_class: ClassVar[bool] = False
    name: str
    value: str
    comments: tuple[str, ...]

    @property
    def lines(self) -> str:
        """`Name: TypeAlias = value`, laid out."""
        return "\n".join(lay_out(self.value, 0, lead=f"{self.name}: TypeAlias = "))


DefinitionView = TypedDictView | AliasView


@dataclass(frozen=True)
class IdTypeView:
    """How a table's `Id` `NewType` is printed."""

    name: str
    name_literal: str
    comments: tuple[str, ...]


@dataclass(frozen=True)
class DocumentsView:
    """What the documents module prints."""

    header: str
    imports: tuple[tuple[ImportView, ...], ...]  # groups: standard library, third party, local
    id_types: tuple[IdTypeView, ...]
    table_names: tuple[str, ...]  # string literals, sorted
    definitions: tuple[DefinitionView, ...]
    exports: tuple[str, ...]

    @property
    def table_name_alias(self) -> str:
        return literal_alias("TableName", self.table_names)


@dataclass(frozen=True)
class ParamView:
    """A parameter of a facade method."""

    name: str
    key: str  # the argument's name as a string literal
    annotation: str
    optional: bool

    @property
    def line(self) -> str:
        """The parameter's line(s) in a method's parameter list."""
        return "\n".join(parameter_lines(self.name, self.annotation, "OMITTED" if self.optional else None))


@dataclass(frozen=True)
class MethodView:
    """A facade method calling one Convex function (and its subscription)."""

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

    @property
    def bare_header(self) -> str:
        """`def name(self) -> T:` of a method without parameters."""
        return self._bare(self.name, self.returns)

    @property
    def bare_subscription_header(self) -> str:
        """`def subscribe_name(self) -> Subscription[T]:` of a query without parameters."""
        return self._bare(self.subscription or "", f"Subscription[{self.returns}]")

    @property
    def returns_line(self) -> str:
        """`) -> T:`, closing a parameter list."""
        return "\n".join(parenthesized(") -> ", self.returns, ":", 4))

    @property
    def subscription_returns_line(self) -> str:
        return "\n".join(parenthesized(") -> ", f"Subscription[{self.returns}]", ":", 4))

    @staticmethod
    def _bare(name: str, returns: str) -> str:
        lines = definition_header("def", name, "self", f" -> {returns}:", 4)
        if len(lines) == 1:
            return lines[0]
        return "\n".join([*lines[:2], *parenthesized(") -> ", returns, ":", 4)])

    @property
    def cast_lines(self) -> str:
        """The type argument of `cast(...)`, laid out (12 spaces in, with its comma)."""
        return "\n".join(lay_out(self.cast or "", 12, trail=","))

    @property
    def call_lines(self) -> str:
        """The arguments of `self._call(...)`, one per line (inside `cast(...)` or not)."""
        indent = 16 if self.cast else 12
        parts = (self.kind, self.identifier, self.arguments, self.args_shape, self.result_shape)
        return "\n".join(line for part in parts for line in lay_out(part, indent, trail=","))

    @property
    def subscribe_lines(self) -> str:
        """The arguments of `self._subscribe(...)`, one per line."""
        parts = (self.identifier, self.arguments, self.args_shape, self.result_shape)
        return "\n".join(line for part in parts for line in lay_out(part, 12, trail=","))


@dataclass(frozen=True)
class NamespaceView:
    """A facade class for one module path, with its methods and child namespaces."""

    class_name: str
    docstring: str
    children: tuple[tuple[str, str], ...]  # (attribute, class name)
    methods: tuple[MethodView, ...]

    @property
    def child_lines(self) -> str:
        """`self.attribute = ClassName(client)` of each child namespace, laid out."""
        return "\n".join(
            line
            for attribute, class_name in self.children
            for line in lay_out(f"{class_name}(client)", 8, lead=f"self.{attribute} = ")
        )

    @property
    def header(self) -> str:
        return "\n".join(definition_header("class", self.class_name, "_Namespace", ":", 0))


@dataclass(frozen=True)
class ApiView:
    """What the api module prints."""

    header: str
    imports: tuple[tuple[ImportView, ...], ...]  # groups: standard library, third party, local
    definitions: tuple[DefinitionView, ...]
    namespaces: tuple[NamespaceView, ...]  # the root (`ConvexApi`) last
    functions: tuple[tuple[str, str], ...]  # (identifier literal, kind literal), sorted
    exports: tuple[str, ...]

    @property
    def function_name_alias(self) -> str:
        return literal_alias("FunctionName", [identifier for identifier, _ in self.functions])


@dataclass(frozen=True)
class InitView:
    """What the package's `__init__` prints."""

    header: str
    imports: tuple[tuple[ImportView, ...], ...]  # groups: standard library, third party, local
    exports: tuple[str, ...]  # string literals for __all__


@dataclass(frozen=True)
class PackageView:
    """The view model of the whole generated package."""

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
    schema, chosen = within_depth_inputs(schema, functions, include_internal)
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
        exports=tuple(py_string(name) for name in exported_names(exports)),
    )
    return PackageView(
        name=package, init=init, documents=documents, api=api, incomplete=incomplete_lines(missing)
    )


def within_depth_inputs(
    schema: Schema, functions: Iterable[ConvexFunction], include_internal: bool
) -> tuple[Schema, tuple[ConvexFunction, ...]]:
    """`schema` and the functions to generate (the public ones, or all with `include_internal`),
    every validator cut to the depth the generated types spell out (`within_depth`)."""
    tables = tuple(_table_within_depth(t) for t in schema.tables)
    chosen = tuple(
        _function_within_depth(f) for f in functions if include_internal or f.visibility == "public"
    )
    unchanged = all(new is old for new, old in zip(tables, schema.tables, strict=True))
    return (schema if unchanged else replace(schema, tables=tables)), chosen


def _table_within_depth(table: Table) -> Table:
    """`table`, or a copy with its document cut to depth when it has to be."""
    document = within_depth(table.document)
    return table if document is table.document else replace(table, document=document)


def _function_within_depth(function: ConvexFunction) -> ConvexFunction:
    """`function`, or a copy with its arguments and result cut to depth when they have to be."""
    args = None if function.args is None else within_depth(function.args)
    returns = None if function.returns is None else within_depth(function.returns)
    if args is function.args and returns is function.returns:
        return function
    return replace(function, args=args, returns=returns)


def incomplete_lines(missing: Sequence[str]) -> tuple[str, ...]:
    """The docstring paragraph saying what schemalint could not read, as escaped lines."""
    if not missing:
        return ()
    text = (
        "INCOMPLETE: generated with --allow-partial from a project with errors, or one schemalint "
        "could not read in full. What may be missing or wrong:"
    )
    return docstring_lines("\n".join([text, "", *(f"- {item}" for item in missing)]))


def literal_alias(name: str, literals: Sequence[str]) -> str:
    """`name: TypeAlias = Literal[...]` of string literals (`Never` for none), laid out: one
    literal per line when there are several (a magic trailing comma keeps them so)."""
    if not literals:
        return f"{name}: TypeAlias = Never"
    if len(literals) == 1:
        return "\n".join(lay_out(f"Literal[{literals[0]}]", 0, lead=f"{name}: TypeAlias = "))
    return "\n".join([f"{name}: TypeAlias = Literal[", *(f"    {value}," for value in literals), "]"])


def definition_view(definition: Definition) -> DefinitionView:
    """How a named type is printed."""
    if isinstance(definition, AliasDef):
        return AliasView(name=definition.name, value=definition.value, comments=comment(definition.doc))
    fields = definition.fields
    functional = any(not is_plain_identifier(f.key) or f.key.startswith("__") for f in fields)
    if not functional:  # or when a key is a name the class body mentions
        annotations = " ".join([f.annotation for f in fields])
        # (A key that is not even part of the text is none of its identifiers.)
        mentioned = [f.key for f in fields if f.key in annotations or f.key == definition.name]
        if mentioned:
            referenced = identifiers_in(annotations) | {definition.name}
            functional = any(key in referenced for key in mentioned)
    views = []
    for f in fields:
        key, notes = f.key, f.notes
        if functional:
            text, comments = None, comment(f.doc)
        else:  # (most fields have neither a comment nor notes)
            text, comments = (docstring(f.doc) if f.doc else None), ()
        if notes:
            comments += _note_comments(notes)
        annotation = f"NotRequired[{f.annotation}]" if f.optional else f.annotation
        # (key, name, annotation, docstring, comments)
        views.append(FieldView(py_string(key), key, annotation, text, comments))
    return TypedDictView(
        name=definition.name,
        name_literal=py_string(definition.name),
        functional=functional,
        docstring=None if functional else docstring(definition.doc),
        comments=comment(definition.doc) if functional else (),
        fields=tuple(views),
    )


def _note_comments(notes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(comment_line(note) for note in notes) if notes else ()


def from_import(module: str, names: Iterable[str]) -> ImportView:
    """`from module import names`, the names in the order ruff's isort rule wants them."""
    return ImportView(module=module, names=tuple(sorted_for_import(names)))


def exported_names(names: Iterable[str]) -> list[str]:
    """`names` in the order ruff wants in `__all__` (RUF022): constants, classes, the rest."""
    return sorted_for_all(names)
