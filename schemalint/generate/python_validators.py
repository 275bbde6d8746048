"""Questions about validators the Python generator asks: where int64 sits, whether the facade
can convert it, how unions are tagged, when two validators are the same type."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Literal

from schemalint.convex_syntax import js_number
from schemalint.export import ExportError, validator_json
from schemalint.intdigits import short_int
from schemalint.ir import (
    Field,
    Validator,
    VAny,
    VArray,
    VBoolean,
    VBytes,
    VCommitTs,
    VFloat64,
    VId,
    VInt64,
    VLiteral,
    VNull,
    VObject,
    VRecord,
    VString,
    VUnion,
    VUnknown,
    walk_validators,
)

# `doc`: values as the `convex` client gives them; `arg`/`ret`: the typed facade's arguments
# and results (see `python_types`).
Context = Literal["doc", "arg", "ret"]


def is_int64_like(v: Validator) -> bool:
    return isinstance(v, VInt64 | VCommitTs) or (isinstance(v, VLiteral) and v.value_type == "bigint")


# mypy refuses `Literal[-9223372036854775808]` (int64's minimum): such a bigint literal is `int`.
_LITERAL_INT_LIMIT = 2**63 - 1


def typable_int(value: object) -> bool:
    """Whether `Literal[value]` is a type checkers accept for this bigint literal's value."""
    return isinstance(value, int) and -_LITERAL_INT_LIMIT <= value <= _LITERAL_INT_LIMIT


def has_int64(v: Validator) -> bool:
    return any(is_int64_like(x) for x in walk_validators(v))


def flat_members(union: VUnion) -> list[Validator]:
    """The members of `union`, nested unions spliced in."""
    members: list[Validator] = []
    for member in union.members:
        members.extend(flat_members(member) if isinstance(member, VUnion) else [member])
    return members


def discriminator(objects: list[VObject]) -> str | None:
    """The first field that is a required string literal with a distinct value in every object."""
    for candidate in objects[0].fields:
        values: list[str] = []
        for obj in objects:
            found = obj.field(candidate.name)
            if found is None or found.optional or not _is_string_literal(found.validator):
                break
            values.append(str(found.validator.value))  # type: ignore[attr-defined]
        else:
            if len(set(values)) == len(values):
                return candidate.name
    return None


def _is_string_literal(v: Validator) -> bool:
    return isinstance(v, VLiteral) and v.value_type == "string"


def _is_numeric(v: Validator) -> bool:
    return isinstance(v, VInt64 | VCommitTs | VFloat64) or (
        isinstance(v, VLiteral) and v.value_type in ("number", "bigint")
    )


def decidable(members: list[Validator]) -> bool:
    """Can the facade tell, from a Python value alone, which int64 parts of this union it is in?"""
    if not any(has_int64(m) for m in members):
        return True
    if any(isinstance(m, VAny | VUnknown) for m in members):
        return False
    numbers = [m for m in members if _is_numeric(m)]
    if any(is_int64_like(m) for m in numbers) and not all(is_int64_like(m) for m in numbers):
        return False
    arrays = [m for m in members if isinstance(m, VArray)]
    if len(arrays) > 1 and any(has_int64(m) for m in arrays):
        return False
    dicts = [m for m in members if isinstance(m, VObject | VRecord)]
    if len(dicts) > 1 and any(has_int64(m) for m in dicts):
        objects = [m for m in dicts if isinstance(m, VObject)]
        return len(objects) == len(dicts) and discriminator(objects) is not None
    return True


def has_undecidable_int64(v: Validator) -> bool:
    """True when some int64 inside `v` sits in a union the facade cannot convert."""
    return any(isinstance(x, VUnion) and not decidable(flat_members(x)) for x in walk_validators(v))


def canonical(v: Validator) -> str:
    """A key equal for validators Convex exports identically."""
    try:
        return json.dumps(validator_json(v), sort_keys=True, separators=(",", ":"))
    except ExportError:  # a literal Convex cannot export (reported by invalid-literal)
        return repr(v)


def with_system_fields(obj: VObject, table: str) -> VObject:
    """A table's object validator as its documents are: `_id` and `_creationTime` first, and
    without the `_`-prefixed fields Convex drops."""
    system = (
        Field(name="_id", validator=VId(table_name=table)),
        Field(name="_creationTime", validator=VFloat64()),
    )
    kept = tuple(f for f in obj.fields if not f.name.startswith("_"))
    return replace(obj, fields=system + kept)


# Validators without children that never need a note: most fields are one of these.
_NOTELESS_LEAVES = frozenset({VString, VFloat64, VInt64, VCommitTs, VBoolean, VNull, VBytes, VAny, VId})


def field_notes(v: Validator, ctx: Context) -> tuple[str, ...]:
    """Comments for a field whose type says less than its validator (not looking into objects)."""
    if type(v) in _NOTELESS_LEAVES:
        return ()
    notes: list[str] = []
    stack = [v]  # depth first, in order; into no object but `v`'s own
    while stack:
        x = stack.pop()
        if type(x) in _NOTELESS_LEAVES:  # (nothing nested, no note)
            continue
        note = _note(x, ctx)
        if note is not None and note not in notes:
            notes.append(note)
        if not isinstance(x, VObject):
            stack.extend(reversed(x.children()))
    return tuple(notes)


def _note(v: Validator, ctx: Context) -> str | None:
    if isinstance(v, VLiteral):
        value_type = v.value_type
        if value_type == "string" or value_type == "boolean":  # the usual ones: typed exactly
            return None
        if value_type == "number":
            return f"v.literal({js_number(float(v.value))}): typed float (typing.Literal has no floats)."
        if value_type == "bigint" and ctx == "doc":
            shown = short_int(int(v.value))
            return f"v.literal({shown}n): typed ConvexInt64 (typing.Literal has no ConvexInt64)."
        if value_type == "bigint" and not typable_int(v.value):
            shown = short_int(int(v.value))
            return f"v.literal({shown}n): typed int (type checkers refuse Literal[{shown}])."
        if value_type == "unsupported":
            return f"Convex rejects this literal ({v.value}); typed as Any."
        return None
    if isinstance(v, VUnknown):
        return f"schemalint could not evaluate this validator ({v.reason}); typed as Any."
    return None


# Python's parser allows 200 nested brackets; Convex stores values at most 16 levels deep.
MAX_TYPE_DEPTH = 32


def within_depth(v: Validator, limit: int = MAX_TYPE_DEPTH) -> Validator:
    """`v` with what is nested more than `limit` levels deep replaced by an unknown validator
    (typed `Any`, with a comment saying why); `v` itself when nothing is."""
    if not _deeper_than(v, limit):
        return v
    return _cut(v, limit, f"it is nested more than {limit} levels deep")


def _deeper_than(v: Validator, limit: int) -> bool:
    """Whether something is nested in `v` more than `limit` levels below it."""
    level, depth = [v], 0
    while level:
        if depth > limit:
            return True
        level = [child for x in level for child in x.children()]
        depth += 1
    return False


def _cut(v: Validator, levels: int, reason: str) -> Validator:
    """`v` with what is more than `levels` levels below it replaced by `VUnknown(reason)`."""
    if not v.children():
        return v
    if levels == 0:
        return VUnknown(reason=reason, optional=v.optional, span=v.span)
    if isinstance(v, VArray):
        return replace(v, element=_cut(v.element, levels - 1, reason))
    if isinstance(v, VRecord):
        return replace(v, keys=_cut(v.keys, levels - 1, reason), values=_cut(v.values, levels - 1, reason))
    if isinstance(v, VUnion):
        return replace(v, members=tuple(_cut(m, levels - 1, reason) for m in v.members))
    if isinstance(v, VObject):
        fields = tuple(replace(f, validator=_cut(f.validator, levels - 1, reason)) for f in v.fields)
        return replace(v, fields=fields)
    return v
