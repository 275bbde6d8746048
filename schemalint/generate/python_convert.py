"""Where the typed facade converts between `int` and `ConvexInt64`, as `_Conv(...)` expressions.

A `Shape` mirrors the generated module's `_Conv`: `int64` converts a number found here; `items`
applies to list elements, `fields`/`values` to dict entries (named / any other key), and
`tag`/`variants` pick the shape of a dict by the value of its discriminating field.
"""

from __future__ import annotations

from schemalint.generate.python_names import py_string
from schemalint.generate.python_validators import decidable, discriminator, flat_members, is_int64_like
from schemalint.ir import Validator, VArray, VObject, VRecord, VUnion
from schemalint.records import dataclass

INT64 = "_INT64"


@dataclass(frozen=True)
class Shape:
    """Where a value's int64 parts are, as the generated `_Conv` converts them."""

    int64: bool = False
    items: Shape | None = None
    values: Shape | None = None
    fields: tuple[tuple[str, Shape], ...] = ()
    tag: str | None = None
    variants: tuple[tuple[str, Shape], ...] = ()

    def expression(self) -> str:
        """The `_Conv(...)` that builds this shape in the generated module."""
        if self == Shape(int64=True):
            return INT64
        parts: list[str] = []
        if self.int64:
            parts.append("int64=True")
        if self.items is not None:
            parts.append(f"items={self.items.expression()}")
        if self.values is not None:
            parts.append(f"values={self.values.expression()}")
        if self.fields:
            parts.append(f"fields={_mapping(self.fields)}")
        if self.tag is not None:
            parts.append(f"tag={py_string(self.tag)}, variants={_mapping(self.variants)}")
        return f"_Conv({', '.join(parts)})"


def _mapping(entries: tuple[tuple[str, Shape], ...]) -> str:
    return "{" + ", ".join(f"{py_string(key)}: {shape.expression()}" for key, shape in entries) + "}"


def argument_shape(v: Validator) -> Shape | None:
    """How to encode a Python value for `v` (None: send it as it is). Parts inside unions that
    `decidable` rejects are left alone (their type asks for `ConvexInt64` instead of `int`)."""
    if is_int64_like(v):
        return Shape(int64=True)
    if isinstance(v, VArray):
        items = argument_shape(v.element)
        return Shape(items=items) if items else None
    if isinstance(v, VRecord):
        values = argument_shape(v.values)
        return Shape(values=values) if values else None
    if isinstance(v, VObject):
        fields = tuple((f.name, s) for f in v.fields if (s := argument_shape(f.validator)) is not None)
        return Shape(fields=fields) if fields else None
    if isinstance(v, VUnion):
        return _union_argument_shape(flat_members(v))
    return None


def _union_argument_shape(members: list[Validator]) -> Shape | None:
    if not decidable(members):
        return None
    int64 = any(is_int64_like(m) for m in members)
    arrays = [m for m in members if isinstance(m, VArray)]
    items = argument_shape(arrays[0]) if len(arrays) == 1 else None
    dicts = [m for m in members if isinstance(m, VObject | VRecord)]
    shape = Shape(int64=int64, items=items.items if items else None)
    if len(dicts) == 1:
        found = argument_shape(dicts[0])
        if found is not None:
            shape = Shape(int64=int64, items=shape.items, values=found.values, fields=found.fields)
    elif dicts:
        objects = [m for m in dicts if isinstance(m, VObject)]
        tag = discriminator(objects) if len(objects) == len(dicts) else None
        variants = tuple(
            (str(o.field(tag).validator.value), s)  # type: ignore[union-attr]
            for o in objects
            if tag is not None and (s := argument_shape(o)) is not None
        )
        if variants:
            shape = Shape(int64=int64, items=shape.items, tag=tag, variants=variants)
    return None if shape == Shape() else shape


def result_shape(v: Validator) -> Shape | None:
    """How to decode a result for `v`: every `ConvexInt64` where some part of `v` says int64
    becomes an `int` (None: nothing to convert)."""
    if is_int64_like(v):
        return Shape(int64=True)
    if isinstance(v, VArray):
        items = result_shape(v.element)
        return Shape(items=items) if items else None
    if isinstance(v, VRecord):
        values = result_shape(v.values)
        return Shape(values=values) if values else None
    if isinstance(v, VObject):
        fields = tuple((f.name, s) for f in v.fields if (s := result_shape(f.validator)) is not None)
        return Shape(fields=fields) if fields else None
    if isinstance(v, VUnion):
        merged: Shape | None = None
        for member in flat_members(v):
            merged = merge(merged, result_shape(member))
        return merged
    return None


def merge(a: Shape | None, b: Shape | None) -> Shape | None:
    """A shape converting everything either converts (for results, where that is always safe)."""
    if a is None or b is None:
        return a or b
    keys = [k for k, _ in a.fields] + [k for k, _ in b.fields if k not in dict(a.fields)]
    fa, fb = dict(a.fields), dict(b.fields)
    values = merge(a.values, b.values)
    fields = tuple((k, s) for k in keys if (s := merge(merge(fa.get(k), fb.get(k)), values)) is not None)
    return Shape(int64=a.int64 or b.int64, items=merge(a.items, b.items), values=values, fields=fields)
