"""D109 invalid-vector-index: dimensions, vector field type and filter count Convex rejects."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import (
    JsonScalar,
    Table,
    Validator,
    VAny,
    VArray,
    VectorIndex,
    VFloat64,
    VObject,
    VUnion,
    VUnknown,
)
from schemalint.irquery import IndexRef, describe_validator, index_path, index_path_problem, resolve_field
from schemalint.rules.base import Rule, RuleContext, Violation

MIN_DIMENSIONS = 2
MAX_DIMENSIONS = 4096
MAX_FILTER_FIELDS = 16


class InvalidVectorIndex(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        vector = index.index
        if not isinstance(vector, VectorIndex):
            return
        problem = _dimensions_problem(vector.dimensions)
        if problem is not None:
            yield Violation(
                f'Vector index "{index.name}": {problem}',
                help="Set `dimensions` to the length of the embeddings your model produces "
                "(e.g. 1536 for OpenAI text-embedding-3-small).",
            )
        path = index_path(vector.vector_field)
        checked = ctx.schema.schema_validation and index_path_problem(path) is None
        if checked and not _can_hold_vectors(index.table, path):
            yield Violation(
                f'In table "{index.table.name}" the vector index "{index.name}" is invalid because it '
                f'references the field "{path}" that is neither an array of float64 or optional '
                "array of float64.",
                help=f'Declare "{path}" as v.array(v.float64()) (it is {_found(index.table, path)}).',
            )
        filters = {index_path(f) for f in vector.filter_fields}
        if len(filters) > MAX_FILTER_FIELDS:
            yield Violation(
                f'Vector index "{index.name}" has {len(filters)} filter fields: Search indexes may have '
                f"up to {MAX_FILTER_FIELDS} filter fields.",
                help="Keep the filter fields your vector queries use; filter the rest after the search.",
            )


def _dimensions_problem(dimensions: JsonScalar) -> str | None:
    """Why Convex rejects `dimensions`, or None."""
    if dimensions is None:
        return "Missing dimensions field"
    if isinstance(dimensions, bool | str) or not float(dimensions).is_integer():
        import json  # only this message needs it

        shown = json.dumps(dimensions)
        return f"dimensions must be an integer from {MIN_DIMENSIONS} to {MAX_DIMENSIONS}, got {shown}"
    if not MIN_DIMENSIONS <= dimensions <= MAX_DIMENSIONS:
        return f"Dimensions {int(dimensions)} must be between {MIN_DIMENSIONS} and {MAX_DIMENSIONS}."
    return None


def _can_hold_vectors(table: Table, path: str) -> bool:
    """Convex's `overlaps_with_array_float64` on the current or the staged document."""
    documents = (table.document, table.staged_document)
    parts = path.split(".")
    return any(document is not None and _overlaps(document, parts) for document in documents)


def _overlaps(validator: Validator, parts: list[str]) -> bool:
    if not parts:
        return _is_vector_validator(validator)
    if isinstance(validator, VAny | VUnknown):
        return True
    if isinstance(validator, VUnion):
        return any(_overlaps(member, parts) for member in validator.members)
    if isinstance(validator, VObject):
        f = validator.field(parts[0])
        # A missing field is unknown-index-field's finding, not a type problem.
        return f is None or _overlaps(f.validator, parts[1:])
    return False


def _is_vector_validator(validator: Validator) -> bool:
    if isinstance(validator, VArray):
        return isinstance(validator.element, VFloat64 | VAny | VUnknown)
    if isinstance(validator, VUnion):
        return any(_is_vector_validator(member) for member in validator.members)
    return isinstance(validator, VAny | VUnknown)


def _found(table: Table, path: str) -> str:
    found = resolve_field(table, path)
    return " or ".join(dict.fromkeys(describe_validator(v) for v in found)) or "not a float64 array"
