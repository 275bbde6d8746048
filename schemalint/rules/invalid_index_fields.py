"""D106 invalid-index-fields: index field lists Convex rejects (InvalidIndexField and friends)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from schemalint.irquery import IndexRef, index_path, index_path_problem
from schemalint.rules.base import Rule, RuleContext, Violation

# Convex appends `_creationTime` to every database index and allows 16 fields in all.
MAX_INDEX_FIELDS = 16
MAX_USER_FIELDS = MAX_INDEX_FIELDS - 1
_CREATION_TIME = "_creationTime"
_ID = "_id"


class InvalidIndexFields(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        malformed = [path for path in index.fields if index_path_problem(path) is not None]
        for path in malformed:
            yield Violation(
                f'In index "{index.name}": Invalid index field: "{path}" ({index_path_problem(path)})',
                help='Write the path as dot-separated field names, e.g. "address.city".',
            )
        if index.kind == "db":
            paths = [index_path(path) for path in index.fields if path not in malformed]
            yield from _db_index_problems(index, paths)


def _db_index_problems(index: IndexRef, paths: list[str]) -> Iterator[Violation]:
    """Convex's checks of a database index's (well-formed) field list."""
    table, staged = index.table.name, "staged " if index.index.staged else ""
    if not index.fields:
        yield Violation(
            f'In table "{table}" {staged}index "{index.name}" must have at least one field.',
            help="List the fields to index; every table already has by_id and by_creation_time.",
        )
    user_fields = [path for path in index.fields if index_path(path) != _CREATION_TIME]
    if len(user_fields) > MAX_USER_FIELDS:
        yield Violation(
            f'In index "{index.name}": Indexes may have up to {MAX_INDEX_FIELDS} fields. This one has '
            f"{len(user_fields)} plus the `_creationTime` Convex appends.",
            help=f"Keep at most {MAX_USER_FIELDS} fields; filter on the rest in the query.",
        )
    if _ID in paths:
        yield Violation(
            f'In index "{index.name}": `_id` is not a valid index field. '
            "To load documents by ID, use `db.get(id)`.",
            help='Remove "_id" from the index fields.',
        )
    if _CREATION_TIME in paths:
        yield Violation(
            f'In index "{index.name}": `_creationTime` is automatically added to the end of each '
            "index. It should not be added explicitly in the index definition.",
            help='Remove "_creationTime": the index is already ordered by it after its fields.',
        )
    reserved = [
        path
        for path in dict.fromkeys(paths)
        if path not in (_ID, _CREATION_TIME) and (path.startswith("_") or "._" in path)
    ]
    for path in reserved:
        yield Violation(
            f'In index "{index.name}": field "{path}": Reserved fields (starting with `_`) are not '
            "allowed in indexes.",
            help="Rename the field so that no part of its path starts with `_`.",
        )
    if len(set(paths)) == len(paths):
        return
    for path, count in Counter(paths).items():
        if count > 1:
            yield Violation(
                f'In index "{index.name}": Duplicate field "{path}". Index fields must be unique '
                "within an index.",
                help=f'List "{path}" once.',
            )
