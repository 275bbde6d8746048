"""Validators → Python type expressions and the named types (`TypedDict`s, aliases) they need.

A `TypeMapper` turns a validator into an annotation string in one of three contexts:

- `doc`: values as the `convex` client hands them over (int64 is `ConvexInt64`);
- `arg`: arguments of the typed facade, which turns a Python `int` into `ConvexInt64` where the
  validator says int64 and that is decidable (else the `doc` spelling is kept for that part);
- `ret`: results of the typed facade, which turns every int64 back into `int`.

Objects become `TypedDict`s named after where they sit (`UserProfilesSettings`), appended to
`definitions` children first, so every name is defined before it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

from schemalint.generate.python_canonical import CanonicalKeys, NamedTypes
from schemalint.generate.python_names import NameRegistry, pascal_case, py_string
from schemalint.generate.python_validators import (
    Context,
    decidable,
    discriminator,
    field_notes,
    flat_members,
    has_int64,
    typable_int,
)
from schemalint.ir import (
    Validator,
    VAny,
    VArray,
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
    VRecord,
    VString,
    VUnion,
    VUnknown,
)
from schemalint.records import dataclass

SYSTEM_ID_TYPES = {"_storage": "StorageId", "_scheduled_functions": "ScheduledFunctionsId"}
# Argument types are abstract (`Sequence`, `Mapping`: a caller may pass a tuple or any mapping);
# results are the concrete `list` and `dict` the client returns.
ABC_NAMES = ("Mapping", "Sequence")
# The type of `v.function(...)` values (a function handle: a string naming a Convex function).
FUNCTION_HANDLE = "FunctionHandle"
_SIMPLE = {VString: "str", VFloat64: "float", VBoolean: "bool", VNull: "None", VBytes: "bytes", VAny: "Any"}


class FieldDef(NamedTuple):
    """A field of a `TypedDictDef`: its key, Python annotation, comment and notes. (A named
    tuple, not a frozen dataclass: one is made per field, and a tuple is made faster.)"""

    key: str
    annotation: str
    optional: bool
    doc: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TypedDictDef:
    """A `TypedDict` (or pydantic model) to define, its fields in order."""

    name: str
    fields: tuple[FieldDef, ...]
    doc: str | None = None


@dataclass(frozen=True)
class AliasDef:
    """A type alias to define: `name = value`."""

    name: str
    value: str
    doc: str | None = None


Definition = TypedDictDef | AliasDef


@dataclass(frozen=True)
class Place:
    """Where a validator sits: name parts for the types made for it, and words for their docs."""

    parts: tuple[str, ...]
    owner: str  # e.g. "`messages` documents", "the arguments of `messages:send`"
    path: str = ""
    condition: str = ""  # e.g. ' whose `kind` is "bot"', for one object of a union

    def name(self, suffix: str = "") -> str:
        return "".join(self.parts) + suffix

    def describe(self, what: str = "object") -> str:
        if self.path == "[]":
            return f"An item of {self.owner}{self.condition}."
        if self.path == "{}":
            return f"A value of {self.owner}{self.condition}."
        if not self.path:
            return f"{self.owner[0].upper()}{self.owner[1:]}{self.condition}."
        return f"The `{self.path}` {what} of {self.owner}{self.condition}."

    def field(self, key: str) -> Place:
        return Place((*self.parts, pascal_case(key)), self.owner, f"{self.path}.{key}" if self.path else key)

    def step(self, part: str, path_suffix: str) -> Place:
        return Place((*self.parts, part), self.owner, self.path + path_suffix)

    def variant(self, part: str, condition: str) -> Place:
        return Place((*self.parts, part), self.owner, self.path, condition)


# --------------------------------------------------------------------------------- mapper


class TypeMapper:
    """Annotations for validators, and the definitions they need (see the module docstring).

    `reuse` maps `canonical(...)` of named types defined elsewhere (the documents module) to
    their names; a validator that has one is spelled with it (and the name lands in
    `reused`). `alias_literals` names unions of literals (else they are written inline);
    `dedupe` gives identical validators in the same context one definition. A mapper that
    neither reuses nor dedupes computes the canonical key of an unnamed validator only if its
    `named` mapping is read.
    """

    # The context the fields' notes are written for (None: the context of the object's type).
    notes_context: Context | None = None

    def __init__(
        self,
        names: NameRegistry,
        id_type: Callable[[str], str],
        *,
        reuse: Mapping[str, str] | None = None,
        alias_literals: bool = True,
        dedupe: bool = False,
    ) -> None:
        self.names = names
        self.id_type = id_type
        self.definitions: list[Definition] = []
        self.reused: set[str] = set()
        self.named = NamedTypes(self._key)  # canonical → name, for `doc`-context definitions
        # (`is not None`: the truth of a `NamedTypes` would compute its keys)
        self._reuse: Mapping[str, str] = reuse if reuse is not None else {}
        self._alias_literals = alias_literals
        self._dedupe = dedupe
        # Whether every definition needs its key now (else only those of named validators).
        self._keys_needed = reuse is not None or dedupe
        self._cache: dict[tuple[str, str], str] = {}
        self._canonical = CanonicalKeys()  # `canonical(v)`, each validator's computed once
        # Types of validators declared as constants, one per constant (and context).
        self._named_cache: dict[tuple[tuple[str, str], str], str] = {}

    def annotation(self, v: Validator, ctx: Context, place: Place) -> str:
        """The Python type of values of `v` in `ctx`."""
        simple = _SIMPLE.get(type(v))
        if simple is not None:
            return simple
        if isinstance(v, VInt64 | VCommitTs):
            return "ConvexInt64" if ctx == "doc" else "int"
        if isinstance(v, VUnknown):
            return "Any"
        if isinstance(v, VId):
            return self.id_type(v.table_name)
        if isinstance(v, VFunction):
            return FUNCTION_HANDLE
        if isinstance(v, VLiteral):
            value = self._literal_value(v, ctx)
            return f"Literal[{value}]" if value is not None else self._literal_fallback(v, ctx)
        if isinstance(v, VArray):
            element = self.annotation(v.element, ctx, place.step("Item", "[]"))
            return f"{'Sequence' if ctx == 'arg' else 'list'}[{element}]"
        if isinstance(v, VRecord):
            values = self.annotation(v.values, ctx, place.step("Value", "{}"))
            return f"{'Mapping' if ctx == 'arg' else 'dict'}[{self._key_annotation(v.keys)}, {values}]"
        if isinstance(v, VObject):
            return self.object_type(v, ctx, place)
        if isinstance(v, VUnion):
            return self._union(v, ctx, place)
        return "Any"

    def object_type(
        self, v: VObject, ctx: Context, place: Place, *, doc: str | None = None, name: str | None = None
    ) -> str:
        """The name of the `TypedDict` for `v`, defined now unless it can be reused. `name`, if
        given, is already claimed and is used as it is."""
        key = self._key_if_needed(v, ctx)
        found = None if name is not None or key is None else self._existing(key, v)
        if found is not None:
            return found
        if name is None and v.name is not None:
            name, place, doc = self._claim_named(v, ctx), _named_place(v.name), doc or _named_doc(v.name)
        name = name if name is not None else self.names.claim(place.name())
        self._remember(key, name, v, ctx)
        notes_ctx = self.notes_context or ctx
        fields = []
        for f in v.fields:
            validator = f.validator
            # (A validator of `_SIMPLE` has the same annotation in every context and mapper, and
            # no place: the common field is typed without making one.)
            annotation = _SIMPLE.get(type(validator)) or self.annotation(validator, ctx, place.field(f.name))
            # (key, annotation, optional, doc, notes)
            fields.append(
                FieldDef(f.name, annotation, validator.optional, f.doc, field_notes(validator, notes_ctx))
            )
        text = doc if doc is not None else place.describe()
        if v.unknown_parts:
            text += "\n\nIt may have more fields: part of it could not be evaluated."
        self.definitions.append(TypedDictDef(name=name, fields=tuple(fields), doc=text))
        return name

    def alias(
        self, name: str, value: str, doc: str | None, v: Validator | None = None, *, claimed: bool = False
    ) -> str:
        """Define `name = value` (remembered for reuse as the spelling of `v`). `claimed`: the
        name is already taken for this alias."""
        claimed_name = name if claimed else self.names.claim(name)
        if v is not None:
            self._remember(self._key_if_needed(v, "doc"), claimed_name, v, "doc")
        self.definitions.append(AliasDef(name=claimed_name, value=value, doc=doc))
        return claimed_name

    # -- helpers

    def _key(self, v: Validator, ctx: Context) -> tuple[str, str]:
        return ("doc" if ctx == "doc" or not has_int64(v) else ctx, self._canonical(v))

    def _key_if_needed(self, v: Validator, ctx: Context) -> tuple[str, str] | None:
        """`_key(v, ctx)`, or None when it can find nothing `_existing` and is needed only
        for `named` (which computes it if it is ever read)."""
        return self._key(v, ctx) if self._keys_needed or v.name is not None else None

    def _existing(self, key: tuple[str, str], v: Validator) -> str | None:
        if v.name is not None and (key, v.name) in self._named_cache:
            return self._named_cache[(key, v.name)]
        if key[0] == "doc":
            reused = self._reuse.get(key[1])
            if reused is not None:
                self.reused.add(reused)
                return reused
        return self._cache.get(key) if self._dedupe else None

    def _remember(self, key: tuple[str, str] | None, name: str, v: Validator, ctx: Context) -> None:
        """Remember `name` as the type of `v` in `ctx`; `key` is `_key(v, ctx)`, or None when
        `_key_if_needed` found it not needed yet."""
        if key is not None:
            self._cache.setdefault(key, name)
            if v.name is not None:
                self._named_cache.setdefault((key, v.name), name)
        self.named.add(v, ctx, name, key)

    def _claim_named(self, v: Validator, ctx: Context) -> str:
        """The name of the type for a validator declared as a constant: `memberRole` →
        `MemberRole` (`MemberRoleArg`/`MemberRoleResult` for the facade's own int64 spelling)."""
        assert v.name is not None
        suffix = "" if self._key(v, ctx)[0] == "doc" else {"arg": "Arg", "ret": "Result"}[ctx]
        return self.names.claim(pascal_case(v.name) + suffix)

    def _literal_value(self, v: Validator, ctx: Context) -> str | None:
        """The `Literal[...]` member for `v`, if it has one in `ctx`."""
        if isinstance(v, VNull):
            return "None"
        if not isinstance(v, VLiteral):
            return None
        if v.value_type == "string":
            return py_string(str(v.value))
        if v.value_type == "boolean":
            return "True" if v.value else "False"
        if v.value_type == "bigint" and ctx != "doc" and typable_int(v.value):
            return str(v.value)
        return None

    def _literal_fallback(self, v: VLiteral, ctx: Context) -> str:
        if v.value_type == "number":
            return "float"
        if v.value_type == "bigint":
            return "ConvexInt64" if ctx == "doc" else "int"
        return "Any"

    def _key_annotation(self, keys: Validator) -> str:
        if isinstance(keys, VId):
            return self.id_type(keys.table_name)
        if isinstance(keys, VUnion):
            parts = _distinct(self._key_annotation(m) for m in flat_members(keys))
            return " | ".join(parts)
        return "str"

    def _union(self, v: VUnion, ctx: Context, place: Place) -> str:
        members = flat_members(v)
        if not members:
            return "Never"
        if ctx == "arg" and not decidable(members):
            ctx = "doc"
        values = [self._literal_value(m, ctx) for m in members]
        if len(members) > 1 and all(values) and any(value != "None" for value in values):
            literal = (
                f"Literal[{', '.join(_distinct(value for value in values if value and value != 'None'))}]"
            )
            if "None" in values:  # `Literal[...] | None`, not `Literal[..., None]`
                literal += " | None"
            return self._literal_union(v, ctx, place, literal)
        objects = [m for m in members if isinstance(m, VObject)]
        tag = discriminator(objects) if len(objects) > 1 else None
        parts: list[str] = []
        literals: list[str] = []
        for member, value in zip(members, values, strict=True):
            if value is not None and value != "None":
                if not literals:
                    parts.append("")  # the place of the Literal[...] of all literal members
                literals.append(value)
            elif isinstance(member, VObject) and len(objects) > 1:
                parts.append(self.object_type(member, ctx, _variant_place(place, member, objects, tag)))
            else:
                parts.append(self.annotation(member, ctx, place))
        parts = [p if p else f"Literal[{', '.join(_distinct(literals))}]" for p in parts]
        distinct = _distinct(parts)
        return " | ".join(distinct)

    def _literal_union(self, v: VUnion, ctx: Context, place: Place, literal: str) -> str:
        key = self._key_if_needed(v, ctx)
        found = None if key is None else self._existing(key, v)
        if found is not None:
            return found
        if v.name is not None:
            return self.alias(self._claim_named(v, ctx), literal, _named_doc(v.name), v, claimed=True)
        if not self._alias_literals or not place.path:
            return literal
        return self.alias(place.name(), literal, place.describe("union"), v)


def _named_place(constant: str) -> Place:
    return Place((pascal_case(constant),), f"`{constant}`")


def _named_doc(constant: str) -> str:
    return f"The validator `{constant}`."


def _variant_place(place: Place, member: VObject, objects: list[VObject], tag: str | None) -> Place:
    if tag is not None:
        value = member.field(tag).validator.value  # type: ignore[union-attr]
        return place.variant(pascal_case(str(value)), f" when its `{tag}` is {py_string(str(value))}")
    index = next(i for i, o in enumerate(objects, start=1) if o is member)
    return place.variant(f"Variant{index}", f" (shape {index} of {len(objects)})")


def _distinct(items: Iterator[str] | list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
