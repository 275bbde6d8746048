"""Convex's subset relation between validators, ported from the backend.

`is_subset(a, b)` answers "does every value `a` accepts also pass `b`?" exactly as the backend's
`Validator::is_subset` does (`crates/common/src/schemas/validator.rs` in get-convex/
convex-backend), including where it is conservative: it may say no where the true answer is
yes, never the reverse. Convex skips re-validating a table's documents on push when the
validator enforced so far is a subset of the new one, so this port decides the same thing.

Both validators must be fully evaluated (`is_evaluated`): a part the parser could not read
has no Convex meaning, and callers report such tables as unknown instead of asking.
"""

from __future__ import annotations

from schemalint.export import validator_json
from schemalint.ir import (
    Validator,
    VAny,
    VArray,
    VBoolean,
    VCommitTs,
    VFloat64,
    VId,
    VInt64,
    VLiteral,
    VObject,
    VString,
    VUnion,
    VUnknown,
    walk_validators,
)


def is_evaluated(validator: Validator) -> bool:
    """Whether `validator` holds no part the parser could not evaluate (and no literal that
    Convex rejects), so that `is_subset` can decide about it."""
    for node in walk_validators(validator):
        if isinstance(node, VUnknown):
            return False
        if isinstance(node, VObject) and node.unknown_parts:
            return False
        if isinstance(node, VLiteral) and node.value_type == "unsupported":
            return False
    return True


def same(a: Validator, b: Validator) -> bool:
    """Whether `a` and `b` are the same Convex validator (what Convex compares: the exported
    JSON, so spans, comments and the key order of objects do not matter)."""
    return bool(validator_json(a) == validator_json(b))


def is_subset(a: Validator, b: Validator) -> bool:
    """Whether every value `a` accepts is accepted by `b`, by Convex's structural rule."""
    if isinstance(a, VArray) and isinstance(b, VArray):
        return is_subset(a.element, b.element)
    if isinstance(a, VObject) and isinstance(b, VObject):
        return object_is_subset(a, b)
    if same(a, b):
        return True
    if _widens(a, b):
        return True
    if isinstance(a, VUnion):
        return all(is_subset(member, b) for member in a.members)
    if isinstance(b, VUnion):
        if any(is_subset(a, member) for member in b.members):
            return True
        if isinstance(a, VBoolean):
            # `v.boolean()` ⊆ a union accepting both `true` and `false`.
            return is_subset(_bool_literal(True), b) and is_subset(_bool_literal(False), b)
        return False
    return False


def object_is_subset(a: VObject, b: VObject) -> bool:
    """The object rule: no field of `a` disappears, no field goes from optional to required,
    each kept field's type is a subset, and every field new in `b` is optional."""
    b_names = {f.name for f in b.fields}
    if any(f.name not in b_names for f in a.fields):
        return False
    for new_field in b.fields:
        old_field = a.field(new_field.name)
        if old_field is None:
            if not new_field.optional:
                return False
        elif (old_field.optional and not new_field.optional) or not is_subset(
            old_field.validator, new_field.validator
        ):
            return False
    return True


def _widens(a: Validator, b: Validator) -> bool:
    """The base-type rules: anything ⊆ any, a literal ⊆ its base type, id ⊆ string, and the
    int64 / commitTs equivalence."""
    if isinstance(b, VAny):
        return True
    if isinstance(a, VLiteral):
        if a.value_type == "string":
            return isinstance(b, VString)
        if a.value_type == "bigint":
            return isinstance(b, VInt64 | VCommitTs)
        if a.value_type == "number":
            return isinstance(b, VFloat64)
        if a.value_type == "boolean":
            return isinstance(b, VBoolean)
        return False
    if isinstance(a, VId):
        return isinstance(b, VString)
    return (isinstance(a, VInt64) and isinstance(b, VCommitTs)) or (
        isinstance(a, VCommitTs) and isinstance(b, VInt64)
    )


def _bool_literal(value: bool) -> VLiteral:
    return VLiteral(value=value, value_type="boolean")
