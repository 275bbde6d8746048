"""Why a table's old document validator is not a subset of its new one, in Convex's words.

Each `Difference` names the field path, what an existing document would have to contain to
fail the new validator (phrased after the backend's own errors: a missing required field, an
extra field, a value that does not match), and the first step of the safe way through
(widen, deploy, migrate the data, then narrow).
"""

from __future__ import annotations

from schemalint.diagnostics import Span
from schemalint.diff.documents import object_members
from schemalint.diff.subset import is_subset, same
from schemalint.ir import Field, Validator, VArray, VId, VLiteral, VObject, VRecord, VString, VUnion
from schemalint.irquery import describe_validator
from schemalint.records import dataclass


@dataclass(frozen=True)
class Difference:
    """One reason existing documents may fail the new validator.

    `problem` completes "the push fails if any document …"; `fix` is the safe path for this
    change; `span` is where it is in the new source, or in the old one when `removed`.
    """

    path: str
    problem: str
    fix: str
    span: Span | None
    removed: bool = False


STAGED_NOTE = (
    "On a large table, a `.staged(...)` validator lets Convex check the existing documents in the "
    "background without blocking the deploy."
)


def explain_documents(old: Validator, new: Validator, new_span: Span | None) -> list[Difference]:
    """The differences between two document validators (unions of objects) that make `old ⊆ new`
    false; empty when it holds."""
    if is_subset(old, new):
        return []
    if not object_members(old):
        # `v.any()` documents: nothing is known about what they hold.
        return [
            Difference(
                "",
                f"does not match the new validator (the documents were {describe_validator(old)}, "
                "so any shape may be stored)",
                "Check what the documents hold first (or migrate them to the new shape), then push; "
                "a `.staged(...)` validator can do that check in the background.",
                new_span,
            )
        ]
    new_objects = object_members(new)
    found: list[Difference] = []
    for member in object_members(old):
        if is_subset(member, new):
            continue
        counterpart = _counterpart(member, new_objects)
        if counterpart is None:
            shown = describe_validator(member)
            found.append(
                Difference(
                    "",
                    f"has the shape {shown}, which no member of the new document union accepts",
                    "Keep a union member that accepts the old shape, deploy, migrate every document "
                    "to a new shape, then remove it.",
                    new_span,
                )
            )
        else:
            found.extend(_explain_object(member, counterpart, ""))
    return _unique(found)


def _counterpart(old: VObject, candidates: tuple[VObject, ...]) -> VObject | None:
    """The member of the new union that `old` most likely became: the only one, else the one
    with the same literal discriminators (`kind: v.literal("a")`) and then the most field names
    in common (None when none shares any)."""
    if len(candidates) == 1:
        return candidates[0]
    names = {f.name for f in old.fields}
    literals = {f.name: f.validator for f in old.fields if isinstance(f.validator, VLiteral)}

    def score(candidate: VObject) -> tuple[int, int]:
        tags = sum(
            1
            for f in candidate.fields
            if f.name in literals
            and isinstance(f.validator, VLiteral)
            and same(f.validator, literals[f.name])
        )
        return tags, len(names & {f.name for f in candidate.fields})

    best = max(candidates, key=score)
    return best if score(best) != (0, 0) else None


def _path(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _explain_object(old: VObject, new: VObject, prefix: str) -> list[Difference]:
    found: list[Difference] = []
    new_names = {f.name for f in new.fields}
    for field in old.fields:
        if field.name not in new_names:
            path = _path(prefix, field.name)
            found.append(
                Difference(
                    path,
                    f'still has the removed field `{path}` ("Object contains extra field")',
                    f"Make `{path}` `v.optional(...)` first, deploy, unset it in every document "
                    "(a migration), then remove it.",
                    field.name_span or field.span,
                    removed=True,
                )
            )
    for field in new.fields:
        previous = old.field(field.name)
        path = _path(prefix, field.name)
        if previous is None:
            if not field.optional:
                found.append(_required(path, field, f"lacks the new required field `{path}`"))
            continue
        if previous.optional and not field.optional:
            found.append(
                _required(
                    path,
                    field,
                    f"lacks `{path}`, which is now required (it was optional)",
                    f"Keep `{path}` optional, deploy, backfill it in every document (a migration), "
                    "then make it required.",
                )
            )
        if not is_subset(previous.validator, field.validator):
            found.extend(_explain_value(previous.validator, field.validator, path, field.span))
    return found


def _required(path: str, field: Field, problem: str, fix: str | None = None) -> Difference:
    return Difference(
        path,
        f'{problem} ("Object is missing the required field")',
        fix
        or f"Add `{path}` as `v.optional(...)` first, deploy, backfill it in every document "
        "(a migration), then make it required.",
        field.name_span or field.span,
    )


def _explain_value(old: Validator, new: Validator, path: str, span: Span | None) -> list[Difference]:
    if isinstance(old, VObject) and isinstance(new, VObject):
        return _explain_object(old, new, path)
    if isinstance(old, VArray) and isinstance(new, VArray):
        return _explain_value(old.element, new.element, f"{path}[]", span)
    before, after = describe_validator(old), describe_validator(new)
    widen = (
        f"Widen first: accept both (e.g. `v.union({before}, {after})`), deploy, migrate every "
        f"document's `{path}` to the new form, then narrow to `{after}`."
    )
    if isinstance(old, VUnion):
        rejected = ", ".join(describe_validator(m) for m in old.members if not is_subset(m, new))
        problem = f"stores {rejected} in `{path}`, which the new {after} does not accept (was {before})"
        widen = (
            f"Keep accepting {rejected} for now, deploy, migrate every document's `{path}` off it, "
            "then remove it."
        )
    elif isinstance(old, VString) and isinstance(new, VId):
        problem = f"stores a plain string in `{path}` where {after} is now required"
    elif isinstance(old, VId) and isinstance(new, VId):
        problem = f"stores an id of table `{old.table_name}` in `{path}` where {after} is now required"
    elif isinstance(old, VRecord) and isinstance(new, VRecord):
        problem = (
            f"stores a record in `{path}` that the changed record validator rejects ({before} → "
            f"{after}; Convex compares records only for equality)"
        )
    else:
        problem = f"stores a value in `{path}` that the new validator rejects ({before} → {after})"
    return [Difference(path, problem, widen, span)]


def _unique(found: list[Difference]) -> list[Difference]:
    seen: set[tuple[str, str]] = set()
    result = []
    for difference in found:
        key = (difference.path, difference.problem)
        if key not in seen:
            seen.add(key)
            result.append(difference)
    return result
