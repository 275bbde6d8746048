"""D110 invalid-search-index: too many filter fields (error), a search field that is not a string."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from schemalint.diagnostics import Severity
from schemalint.ir import SearchIndex, Table, Validator, VAny, VId, VLiteral, VString, VUnknown
from schemalint.irquery import (
    IndexRef,
    alternatives,
    describe_validator,
    index_path,
    index_path_problem,
    resolve_field,
)
from schemalint.rules.base import Rule, RuleContext, Violation

MAX_FILTER_FIELDS = 16


class InvalidSearchIndex(Rule):
    def check_index(self, ctx: RuleContext, index: IndexRef) -> Iterator[Violation]:
        search = index.index
        if not isinstance(search, SearchIndex):
            return
        filters = {index_path(f) for f in search.filter_fields}
        if len(filters) > MAX_FILTER_FIELDS:
            yield Violation(
                f'Search index "{index.name}" has {len(filters)} filter fields: Search indexes may have '
                f"up to {MAX_FILTER_FIELDS} filter fields.",
                help="Keep the filter fields your search queries use; filter the rest after the search.",
            )
        path = index_path(search.search_field)
        if index_path_problem(path) is not None:
            return
        found = _resolve(index.table, path)
        if found and not any(_is_text(alternative) for v in found for alternative in alternatives(v)):
            types = " or ".join(dict.fromkeys(describe_validator(v) for v in found))
            yield Violation(
                f'The search field "{path}" of index "{index.name}" is {types}, not a string: '
                "text search only indexes string values, so this index never finds a document",
                help=f'Search a string field, or store a searchable text version of "{path}".',
                severity=Severity.WARNING,
            )


def _resolve(table: Table, path: str) -> tuple[Validator, ...]:
    """What the value at `path` can be under the current and the staged document."""
    found = resolve_field(table, path)
    if table.staged_document is not None:
        found += resolve_field(dataclasses.replace(table, document=table.staged_document), path)
    return found


def _is_text(validator: Validator) -> bool:
    """Whether values of `validator` can be strings (ids are strings too; unknowns may be)."""
    if isinstance(validator, VLiteral):
        return validator.value_type == "string"
    return isinstance(validator, VString | VId | VAny | VUnknown)
