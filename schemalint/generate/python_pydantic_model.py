"""The pydantic variant of the generated Python client (`generate python --models pydantic`):
how validators become pydantic annotations, and how an object's type becomes a model class.

The `TypeMapper` of the TypedDict variant does the naming, reuse and unions; `PydanticMapper`
changes what differs: int64 is `Int64` everywhere (a Python `int`, read from and sent as the
client's `ConvexInt64` by the model's validator and serializer), and objects are the same model
class wherever they appear (arguments and results alike). A `TypedDictDef` is printed as a model:
fields keep their Convex name as an alias when it is not a usable Python name (`_id` → `id`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from schemalint.generate.python_format import LINE_LENGTH, lay_out, parenthesized, split_union
from schemalint.generate.python_model import AliasView
from schemalint.generate.python_names import (
    comment,
    comment_line,
    docstring,
    identifiers_in,
    py_string,
    python_identifier,
)
from schemalint.generate.python_types import AliasDef, Definition, Place, TypedDictDef, TypeMapper
from schemalint.generate.python_validators import (
    Context,
    flat_members,
    is_int64_like,
    typable_int,
)
from schemalint.ir import Validator, VCommitTs, VInt64, VLiteral, VObject, VUnion
from schemalint.records import dataclass

INT64 = "Int64"
AS_INT64 = "AS_INT64"  # `Annotated[Literal[5], AS_INT64]`: `v.literal(5n)`, read from ConvexInt64
NO_VALUE = "NoValue"
# `BaseModel`'s public members (pydantic 2.14), which a field must not shadow; any other
# `model_*` name is avoided too (pydantic keeps that prefix for its own).
MODEL_MEMBERS = (
    "construct",
    "copy",
    "dict",
    "from_orm",
    "json",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
)


class PydanticMapper(TypeMapper):
    """Annotations for the pydantic models and the facade: `Int64` for int64,
    `Annotated[Literal[n], AS_INT64]` for bigint literals, one model per object whatever the context
    (`arg` only changes lists and dicts of parameters into `Sequence` and `Mapping`).
    `open_models` names the models of objects with parts schemalint could not evaluate (they
    accept more fields)."""

    open_models: set[str]
    # The fields' notes say how int64 is read as `int` (the TypedDict variant's documents note
    # that bigint literals are `ConvexInt64`; here they are `Literal`s read from it).
    notes_context: Context | None = "ret"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_models = set()

    def annotation(self, v: Validator, ctx: Context, place: Place) -> str:
        if isinstance(v, VInt64 | VCommitTs):
            return INT64
        if isinstance(v, VLiteral) and is_int64_like(v):
            # mypy refuses `Literal[-2**63]`: that one is any `Int64`, with a note saying so.
            return f"Annotated[Literal[{v.value}], {AS_INT64}]" if typable_int(v.value) else INT64
        if isinstance(v, VObject):
            return self.object_type(v, "doc", place)
        if isinstance(v, VUnion) and not flat_members(v):
            return NO_VALUE  # `Never`, which pydantic has no schema for
        return super().annotation(v, ctx, place)

    def object_type(
        self, v: VObject, ctx: Context, place: Place, *, doc: str | None = None, name: str | None = None
    ) -> str:
        made = super().object_type(v, "doc", place, doc=doc, name=name)
        if v.unknown_parts:
            self.open_models.add(made)
        return made

    def _literal_value(self, v: Validator, ctx: Context) -> str | None:
        if isinstance(v, VLiteral) and is_int64_like(v):
            return None  # `Int64`: a `Literal[...]` would not read the client's ConvexInt64
        return super()._literal_value(v, ctx)

    def _key(self, v: Validator, ctx: Context) -> tuple[str, str]:
        return super()._key(v, "doc")


# Module-level names a model's class body uses in its fields' defaults and annotations.
_BODY_NAMES = ("Field", "OMITTED", "Omitted")


@dataclass(frozen=True)
class ModelFieldView:
    """How a model's field is printed."""

    lines: str  # `name: annotation[ = default]`, laid out at 4 spaces
    docstring: str | None
    comments: tuple[str, ...]


@dataclass(frozen=True)
class ModelView:
    """How a pydantic model class is printed."""

    kind = "model"
    is_class = True
    name: str
    docstring: str | None
    fields: tuple[ModelFieldView, ...]
    extra_allowed: bool  # the validator has parts schemalint could not evaluate

    @property
    def header(self) -> str:
        return f"class {self.name}(_Model):"


def model_view(definition: TypedDictDef, unknown_parts: bool) -> ModelView:
    """How an object's type is printed as a pydantic model."""
    keys = {f.key for f in definition.fields}
    referenced = identifiers_in(" ".join(f.annotation for f in definition.fields))
    # A Python name must not be another field's Convex name (pydantic would read that key for
    # it), nor a `BaseModel` member, nor a name the class body uses (a field with a default
    # binds its name there: `Field: str | Omitted = OMITTED` would hide `Field(...)` below it).
    taken = set(MODEL_MEMBERS) | referenced | {definition.name, *_BODY_NAMES}
    fields = []
    for f in definition.fields:
        name = _field_name(f.key)  # the first of name, name_... in neither `taken` nor other keys
        while name in taken or (name in keys and name != f.key):
            name = f"{name}_"
        taken.add(name)
        annotation = f"{f.annotation} | Omitted" if f.optional else f.annotation
        default = "OMITTED" if f.optional else None
        if name != f.key:
            default = f"Field({'OMITTED, ' if f.optional else ''}alias={py_string(f.key)})"
        notes = tuple(comment_line(note) for note in f.notes) if f.notes else ()
        fields.append(
            ModelFieldView(
                lines=_field_lines(name, annotation, default), docstring=docstring(f.doc), comments=notes
            )
        )
    return ModelView(
        name=definition.name,
        docstring=docstring(definition.doc),
        fields=tuple(fields),
        extra_allowed=unknown_parts,
    )


@functools.lru_cache(maxsize=65536)  # field names repeat across a schema
def _field_name(key: str) -> str:
    """A Python name for a field: no leading `_` (pydantic keeps those for private attributes)."""
    stripped = key.lstrip("_")
    name = python_identifier(stripped) if stripped else "field"
    return f"f{name}" if name.startswith("_") else f"f_{name}" if name.startswith("model_") else name


def _field_lines(name: str, annotation: str, default: str | None) -> str:
    """`name: annotation[ = default]` in a class body, laid out as ruff format lays it out."""
    if default is None or not default.startswith("Field("):
        return "\n".join(parenthesized(f"{name}: ", annotation, f" = {default}" if default else "", 4))
    head = f"    {name}: {annotation} = "
    if len(head + default) <= LINE_LENGTH:
        return head + default
    if len(head) + len("Field(") <= LINE_LENGTH or len(split_union(annotation)) == 1:
        return "\n".join(lay_out(default, 4, lead=f"{name}: {annotation} = "))
    return "\n".join(parenthesized(f"{name}: ", annotation, f" = {default}", 4))


PydanticDefinitionView = ModelView | AliasView


def uses_field(views: Iterable[PydanticDefinitionView]) -> bool:
    return any("Field(" in f.lines for v in views if isinstance(v, ModelView) for f in v.fields)


def definition_view(definition: Definition, mapper: PydanticMapper) -> PydanticDefinitionView:
    if isinstance(definition, AliasDef):
        return AliasView(name=definition.name, value=definition.value, comments=comment(definition.doc))
    return model_view(definition, definition.name in mapper.open_models)


def definition_annotations(definitions: list[Definition]) -> list[str]:
    return [
        d.value if isinstance(d, AliasDef) else " ".join(f.annotation for f in d.fields) for d in definitions
    ]
