"""Field paths as the docs show them, and the `v.id` references between tables."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from schemalint.convex_syntax import object_key
from schemalint.generate.mermaid import Cardinality, Relationship
from schemalint.ir import Schema, Table, Validator, VArray, VId, VNull, VObject, VRecord, VUnion

SYSTEM_TABLES = {"_storage": "file storage", "_scheduled_functions": "scheduled functions"}
_RANK: dict[Cardinality, int] = {"one": 0, "optional": 1, "many": 2}


# Field names repeat across tables: each is checked for being an identifier once.
_object_key = functools.lru_cache(maxsize=4096)(object_key)


def join_path(prefix: str, name: str) -> str:
    """The display path of field `name` under `prefix`: `a.b`, or `a["odd name"]`."""
    key = _object_key(name)
    if key == name:
        return f"{prefix}.{name}" if prefix else name
    return f"{prefix}[{key}]" if prefix else key


def expandable(validator: Validator) -> tuple[VObject, str] | None:
    """The object whose fields the docs list under a field with this validator, and the path
    suffix to reach it: `(obj, "")` for an object, `(obj, "[]")` for an array of objects."""
    suffix = ""
    while isinstance(validator, VArray):
        validator = validator.element
        suffix += "[]"
    return (validator, suffix) if isinstance(validator, VObject) else None


def variants(document: Validator) -> tuple[VObject, ...] | None:
    """The object members of a union-of-objects document, or None for any other document."""
    if (
        isinstance(document, VUnion)
        and document.members
        and all(isinstance(m, VObject) for m in document.members)
    ):
        return tuple(m for m in document.members if isinstance(m, VObject))
    return None


def table_relationships(table: Table) -> tuple[Relationship, ...]:
    """The references from `table`'s document to other tables, in field order.

    Cardinality: `many` through an array or record, `optional` through an optional field or
    a union (or a field missing from some variant of a union table), `one` otherwise.
    """
    shapes = variants(table.document)
    if shapes is None:
        return _merge(table.name, [_references(table.document)], every=False)
    return _merge(table.name, [_references(shape) for shape in shapes], every=True)


def _references(validator: Validator) -> list[tuple[str, str, Cardinality]]:
    """`(path, target, cardinality)` of each `v.id` in `validator`, in field order."""
    found: list[tuple[str, str, Cardinality]] = []
    _walk(validator, "", False, False, found)
    return found


def schema_relationships(schema: Schema) -> tuple[Relationship, ...]:
    """Every reference of every table, tables in schema order."""
    return tuple(rel for table in schema.tables for rel in table_relationships(table))


def _merge(
    source: str, groups: Sequence[list[tuple[str, str, Cardinality]]], *, every: bool
) -> tuple[Relationship, ...]:
    """One relationship per (path, target); in a union table, one the variants do not all
    have is optional."""
    merged: dict[tuple[str, str], Cardinality] = {}
    seen_in: dict[tuple[str, str], int] = {}
    for group in groups:
        for key in dict.fromkeys((path, target) for path, target, _ in group):
            seen_in[key] = seen_in.get(key, 0) + 1
        for path, target, cardinality in group:
            old = merged.get((path, target))
            merged[(path, target)] = cardinality if old is None or _RANK[cardinality] > _RANK[old] else old
    result: list[Relationship] = []
    for (path, target), cardinality in merged.items():
        if every and seen_in[(path, target)] < len(groups) and cardinality == "one":
            cardinality = "optional"
        result.append(Relationship(source=source, path=path, target=target, cardinality=cardinality))
    return tuple(result)


def _walk(
    validator: Validator, path: str, many: bool, optional: bool, found: list[tuple[str, str, Cardinality]]
) -> None:
    optional = optional or validator.optional
    if isinstance(validator, VId):
        found.append((path, validator.table_name, "many" if many else "optional" if optional else "one"))
    elif isinstance(validator, VObject):
        for f in validator.fields:
            member = f.validator
            if member.children() or isinstance(member, VId):  # other leaves reference nothing
                _walk(member, join_path(path, f.name), many, optional, found)
    elif isinstance(validator, VArray):
        nested = expandable(validator)
        if nested is not None:
            _walk(nested[0], path + nested[1], True, optional, found)
        else:
            _walk(validator.element, path, True, optional, found)
    elif isinstance(validator, VRecord):
        _walk(validator.keys, path, True, optional, found)
        _walk(validator.values, path, True, optional, found)
    elif isinstance(validator, VUnion):
        alternative = len(validator.members) > 1 or any(isinstance(m, VNull) for m in validator.members)
        for member in validator.members:
            _walk(member, path, many, optional or alternative, found)
