"""T303 deep-nesting: validators that admit values nested deeper than Convex stores."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.ir import Table, Validator, VArray, VObject, VRecord, VUnion
from schemalint.irquery import nesting_depth
from schemalint.rules.base import Rule, RuleContext, Violation


class DeepNesting(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        limit = ctx.options.get_int("max-depth")
        seen: set[int] = set()
        for document in (table.document, table.staged_document):
            if document is None:
                continue
            for validator, path, level in _too_deep(document, limit, 1, ""):
                if id(validator) in seen:
                    continue
                seen.add(id(validator))
                deepest = level - 1 + nesting_depth(validator)
                reach = f" (and reach level {deepest})" if deepest > level else ""
                yield Violation(
                    f"Values of this validator sit at nesting level {level}{reach}: Convex stores "
                    f"documents nested at most {limit} levels deep, so inserting such values fails",
                    help="Flatten the structure, or move the nested part into a table of its own "
                    "and reference it with v.id(...).",
                    span=validator.span,
                    field=path or None,
                )


_Deep = tuple[Validator, str, int]


def _too_deep(
    validator: Validator, limit: int, level: int, path: str, found: list[_Deep] | None = None
) -> list[_Deep]:
    """`(validator, field path, level)` for the first container on each branch whose values sit
    deeper than `limit` (the container at `level` holds values at that level), depth first."""
    if found is None:
        found = []
    if isinstance(validator, VUnion):
        for member in validator.members:
            if isinstance(member, _NESTING):
                _too_deep(member, limit, level, path, found)
    elif isinstance(validator, VObject | VArray | VRecord):
        if level > limit:
            found.append((validator, path, level))
        elif isinstance(validator, VObject):
            for f in validator.fields:
                if isinstance(f.validator, _NESTING):  # nothing else can hold a container
                    _too_deep(f.validator, limit, level + 1, f"{path}.{f.name}" if path else f.name, found)
        else:
            for child in validator.children():
                if isinstance(child, _NESTING):
                    _too_deep(child, limit, level + 1, path, found)
    return found


_NESTING = (VObject, VArray, VRecord, VUnion)
