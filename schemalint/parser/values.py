"""The values the static evaluator computes: a small model of JavaScript plus Convex objects.

Values are mutable where JavaScript's are (objects, arrays, table definitions), so that
`table.index(...)` called on a shared definition behaves as it does in Convex.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, ClassVar, overload

from schemalint.diagnostics import Span
from schemalint.intdigits import short_int
from schemalint.ir import DbIndex, SearchIndex, Validator, VectorIndex
from schemalint.records import dataclass
from schemalint.span import span_through

if TYPE_CHECKING:
    from tree_sitter import Node

    from schemalint.parser.evaluator import Evaluator
    from schemalint.parser.modules import Module
    from schemalint.parser.scope import Scope
    from schemalint.parser.source import SourceText


class Mutations:
    """A counter bumped whenever an object or array that a validator or index captured changes.

    Convex keeps references (`v.object(fields)` keeps `fields`, `.index(name, idx)` keeps `idx`)
    and serialises them only at `export()`, so values built from captured objects are recomputed
    when this counter moved since they were last computed.
    """

    stamp = 0


def note_mutation(target: JSObject | JSArray) -> None:
    """Record that `target` changed after it was built (only captured objects matter)."""
    if target.captured:
        Mutations.stamp += 1


class Value:
    """Base of every evaluated value."""

    # No `__dict__` of its own: the hottest values (`Prim`, `ValidatorValue`) declare slots.
    __slots__ = ()
    span: Span | None = None

    def describe(self) -> str:
        return "a value"


class _Undefined:
    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED = _Undefined()


@dataclass(frozen=True)
class BigInt:
    """A JavaScript bigint value."""

    value: int


PrimitiveValue = str | float | bool | None | _Undefined | BigInt


class Prim(Value):
    """A JS primitive: string, number (float), boolean, null (None), undefined or bigint.

    A plain class with slots (not a dataclass): one is made for every literal evaluated."""

    __slots__ = ("span", "value")

    def __init__(self, value: PrimitiveValue, span: Span | None = None) -> None:
        self.value = value
        self.span = span

    def __repr__(self) -> str:
        return f"Prim(value={self.value!r}, span={self.span!r})"

    def describe(self) -> str:
        v = self.value
        if isinstance(v, str):
            return f"the string {v!r}"
        if isinstance(v, bool):
            return f"`{str(v).lower()}`"
        if v is None:
            return "`null`"
        if isinstance(v, _Undefined):
            return "`undefined`"
        if isinstance(v, BigInt):
            return f"`{short_int(v.value)}n`"
        return f"the number {v:g}"


class LiteralPrim(Prim):
    """A primitive written as a literal in a source file. Its span is computed from the
    literal's offsets when it is first read: most literals' spans never are (`v.literal("a")`
    keeps the call's span), and spans are the evaluator's hottest path."""

    __slots__ = ("_end", "_source", "_span", "_start")

    def __init__(self, value: PrimitiveValue, source: SourceText, start_byte: int, end_byte: int) -> None:
        self.value = value
        self._source = source
        self._start = start_byte
        self._end = end_byte
        self._span: Span | None = None

    @property  # `Prim` keeps its span in a slot; this one computes it on first use
    def span(self) -> Span | None:
        if self._span is None:
            self._span = self._source.byte_range_span(self._start, self._end)
        return self._span

    @span.setter
    def span(self, span: Span | None) -> None:
        self._span = span


@dataclass(eq=False)
class Unknown(Value):
    """Something the evaluator could not compute. `reason` says what and why."""

    reason: str
    span: Span | None = None
    quiet: bool = False  # already reported (e.g. inside a syntax error)
    created: ClassVar[int] = 0  # how many were made so far (a `try` block that made none cannot throw)

    def __post_init__(self) -> None:
        Unknown.created += 1

    def describe(self) -> str:
        return "an unevaluable value"


@dataclass(eq=False, slots=True)  # one per object key written in a schema: no __dict__
class Property:
    """One key of a JS object, with where it was written (for fields and tables)."""

    value: Value
    key_span: Span | None = None
    span: Span | None = None
    doc: str | None = None
    spread_span: Span | None = None
    spread_text: str | None = None


@dataclass(eq=False)
class Shadowing:
    """A key assigned twice while building one object literal."""

    name: str
    first: Property
    second: Property


@dataclass(eq=False)
class JSObject(Value):
    """A JavaScript object: its own properties in insertion order."""

    props: dict[str, Property] = field(default_factory=dict)
    span: Span | None = None
    shadowed: list[Shadowing] = field(default_factory=list)
    # Spreads and computed keys that could not be evaluated: the object may have more keys.
    unknown_parts: list[Unknown] = field(default_factory=list)
    frozen: bool = False  # `Object.freeze(obj)`: assignments throw (ES modules are strict)
    captured: bool = False  # referenced by a validator: changes must be seen at export
    proto: Value | None = None  # `{ __proto__: x }`: members inherited from `x`
    # Own properties that are not enumerable (`Object.defineProperty`): readable, never listed.
    hidden: dict[str, Property] | None = None
    # Accessors written in the literal: setters run on assignment; a getter's value is read once.
    setters: dict[str, Value] | None = None
    getters: set[str] | None = None

    def describe(self) -> str:
        return "an object"

    def ordered_items(self) -> list[tuple[str, Property]]:
        """Entries in JavaScript property order: integer keys ascending, then insertion order."""
        props = self.props
        if not props or min(props) >= ":":  # no key starts with a digit (the common case)
            return list(props.items())
        integer_keys = [k for k in props if k[:1].isdigit() and _is_array_index(k)]
        if not integer_keys:
            return list(self.props.items())
        integer_keys.sort(key=int)
        rest = [k for k in self.props if not _is_array_index(k)]
        return [(k, self.props[k]) for k in integer_keys + rest]

    def get(self, key: str) -> Value | None:
        prop = self.props.get(key)
        return prop.value if prop else None


def _is_array_index(key: str) -> bool:
    canonical = key.isascii() and key.isdigit() and (key == "0" or key[0] != "0")
    return canonical and len(key) <= 10 and int(key) < 2**32 - 1


@dataclass(eq=False)
class JSArray(Value):
    """A JavaScript array."""

    items: list[Value] = field(default_factory=list)
    span: Span | None = None
    frozen: bool = False
    captured: bool = False  # referenced by an index definition: changes must be seen at export
    # Set when code schemalint does not model may have changed the array: its items are unknown.
    unknown: Unknown | None = None

    def describe(self) -> str:
        return "an array"


class ValidatorValue(Value):
    """A Convex validator (`v.*`). The IR node carries its own span and optionality.

    A validator built from objects Convex keeps by reference (`v.object(fields)`, and any
    validator containing one) has a `build` function: its IR is recomputed from those objects
    when one of them changed since (see `Mutations`), as Convex serialises them at `export()`.
    """

    __slots__ = ("_build", "_stamp", "_validator", "fields", "span")

    def __init__(
        self,
        validator: Validator | None = None,
        fields: JSObject | None = None,
        span: Span | None = None,
        build: Callable[[], Validator] | None = None,
    ) -> None:
        if validator is None:
            assert build is not None
            validator = build()
        self._validator = validator
        self._build = build
        self._stamp = Mutations.stamp
        # For object validators: the JS object of field validators (Convex's `.fields`).
        self.fields = fields
        self.span = span

    @property
    def validator(self) -> Validator:
        if self._build is not None and self._stamp != Mutations.stamp:
            self._stamp = Mutations.stamp
            self._validator = self._build()
        return self._validator

    def named(self, name: str) -> ValidatorValue:
        """This validator, remembering the module-level constant it is declared as."""
        if self._build is None:
            return ValidatorValue(dataclasses.replace(self._validator, name=name), self.fields, self.span)
        return ValidatorValue(
            fields=self.fields, span=self.span, build=lambda: dataclasses.replace(self.validator, name=name)
        )

    def replace(self, validator: Validator) -> None:
        """From now on, this validator is `validator` (e.g. unknown after an unmodelled write)."""
        self._validator = validator
        self._build = None

    @property
    def lazy(self) -> bool:
        """Whether this validator depends on objects that may still change."""
        return self._build is not None

    def describe(self) -> str:
        return f"a `{self.validator.kind}` validator"


@dataclass(eq=False)
class TableProblem:
    """Part of a table definition that could not be evaluated (reported with the table's name)."""

    message: str
    span: Span | None
    quiet: bool = False


@dataclass(eq=False)
class TableDefValue(Value):
    """A `defineTable(...)` result; `.index()` and friends mutate it, as in Convex."""

    document: ValidatorValue
    span: Span | None = None
    indexes: list[DbIndex] = field(default_factory=list)
    search_indexes: list[SearchIndex] = field(default_factory=list)
    vector_indexes: list[VectorIndex] = field(default_factory=list)
    staged_document: ValidatorValue | None = None
    problems: list[TableProblem] = field(default_factory=list)
    package: str | None = None
    # Arrays Convex keeps by reference: ("db" | "search" | "vector", position, array).
    live_arrays: list[tuple[str, int, JSArray]] = field(default_factory=list)

    def describe(self) -> str:
        return "a table definition"


@dataclass(eq=False)
class SchemaValue(Value):
    """The value `defineSchema(...)` returns."""

    tables: JSObject
    schema_validation: bool = True
    strict_table_name_types: bool = True
    span: Span | None = None
    problems: list[TableProblem] = field(default_factory=list)

    def describe(self) -> str:
        return "a schema"


@dataclass(eq=False)
class FunctionValue(Value):
    """A registered Convex function (`query({...})`, `internalMutation({...})`, ...)."""

    kind: str
    visibility: str
    args: Validator | None
    returns: Validator | None
    span: Span | None = None
    builder: str | None = None  # a custom builder (`customQuery(...)`, a zod builder), by name
    notice: str | None = None  # what about the builder schemalint could not read

    def describe(self) -> str:
        return f"a {self.visibility} {self.kind}"


class LazySpans(Sequence["Span | None"]):
    """Argument spans of a call, computed from their nodes only when asked for."""

    __slots__ = ("_items", "_source")

    def __init__(self, source: SourceText, items: list[Span | Node | None] | None = None) -> None:
        self._source = source
        self._items: list[Span | Node | None] = [] if items is None else items

    def append(self, item: Span | Node | None) -> None:
        self._items.append(item)

    def extend(self, items: Iterable[Span | Node | None]) -> None:
        self._items.extend(items)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Span | None: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Span | None]: ...
    def __getitem__(self, index: int | slice) -> Span | Sequence[Span | None] | None:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        item = self._items[index]
        return item if item is None or isinstance(item, Span) else self._source.span(item)


class CallSite:
    """Where a builtin is being called from: the call's span and the spans of its arguments.

    A plain class with slots (not a dataclass): one is made for every call evaluated."""

    __slots__ = ("_member", "_source", "arg_spans", "span")

    def __init__(
        self,
        span: Span | None,
        arg_spans: Sequence[Span | None],
        source: SourceText | None = None,
        member: Node | None = None,
    ) -> None:
        self.span = span
        self.arg_spans = arg_spans
        # For method calls (`x.index(...)`): the member expression `x.index`, in `source`.
        self._source = source
        self._member = member

    def __repr__(self) -> str:
        return f"CallSite(span={self.span!r}, arg_spans={self.arg_spans!r})"

    @property
    def method_span(self) -> Span | None:
        """For method calls: from the method's name to the end of the call. Computed only when
        asked for: only table methods need it, and spans are the evaluator's hottest path."""
        source, member = self._source, self._member
        if source is None or member is None or self.span is None:
            return None
        property_node = member.child_by_field_id(source.fields.property)
        if property_node is None:
            return None
        return span_through(source.span(property_node), self.span)

    def arg_span(self, index: int) -> Span | None:
        return self.arg_spans[index] if index < len(self.arg_spans) else self.span


BuiltinImpl = Callable[["Evaluator", CallSite, list[Value]], Value]


@dataclass(eq=False)
class Builtin(Value):
    """A function schemalint knows (e.g. `v.string`, `defineTable`, a bound method)."""

    name: str
    impl: BuiltinImpl

    def describe(self) -> str:
        return f"the function `{self.name}`"


@dataclass(eq=False)
class FunctionBuilder(Builtin):
    """A function builder: Convex's `query`, `internalMutation`, ... or a custom one made with
    convex-helpers (`customQuery(query, mod)`, `zCustomMutation(...)`).

    `added_args` are the args the builder adds to each function's own; `args_unknown` says why
    the args cannot be known (a zod builder, a modifier schemalint cannot read), if so.
    """

    kind: str = "query"
    visibility: str = "public"
    custom: str | None = None
    added_args: JSObject | None = None
    args_unknown: str | None = None

    def describe(self) -> str:
        return f"the function builder `{self.name}`"


@dataclass(eq=False)
class Closure(Value):
    """A function written in the project (arrow function, function expression or declaration)."""

    name: str
    params: Node | None
    body: Node
    module: Module
    scope: Scope
    span: Span | None = None

    def describe(self) -> str:
        return f"the function `{self.name}`" if self.name else "a function"


@dataclass(eq=False)
class NamespaceValue(Value):
    """`import * as ns from "..."`: member access reads the module's exports."""

    module: Module
    span: Span | None = None

    def describe(self) -> str:
        return f"the module `{self.module.display}`"


@dataclass(eq=False)
class OpaqueValue(Value):
    """A known object schemalint does not model further (e.g. `Math`); members are unknown.

    `closed`: `members` lists every member the real object has (as for Convex's `v`), so any
    other name is surely absent.
    """

    name: str
    members: dict[str, Any] = field(default_factory=dict)
    span: Span | None = None
    closed: bool = False

    def describe(self) -> str:
        return f"`{self.name}`"
