"""R201 string-foreign-key: a string field named like a reference to a table of the schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemalint.ir import Table, Validator, VArray, VNull, VString
from schemalint.irquery import FieldRef, alternatives, distinct_fields, is_package_table, unwrap_nullable
from schemalint.naming import lower_words, normalize, pluralize_name
from schemalint.rules.base import Rule, RuleContext, Violation

# `<stem>Id`, `<stem>ID`, `<stem>Ids`, `<stem>IDs`, `<stem>_id`, `<stem>_ids`.
_REFERENCE_NAME = re.compile(r"^(?P<stem>[A-Za-z0-9_]*?[a-z0-9])(?:Ids?|IDs?|_ids?)$")
# Sibling fields that say which table a polymorphic reference points to.
_DISCRIMINATORS = ("Type", "Table", "Kind", "_type", "_table", "_kind")


class StringForeignKey(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table):
            return
        tables = ctx.memo("tables", lambda: {normalize(t.name): t.name for t in ctx.schema.tables})
        fields = list(distinct_fields(table))
        paths = {ref.path for ref in fields}
        for ref in fields:
            match = _REFERENCE_NAME.match(ref.name)
            if match is None or not _is_string_shape(ref.validator):
                continue
            stem = match.group("stem")
            target = _referenced_table(stem, tables)
            if target is None or _is_polymorphic(ref, stem, paths):
                continue
            yield Violation(
                f'Field "{ref.path}" is named like a reference to table "{target}" but is a plain string',
                help=f"Use {_suggestion(ref.validator, target)}: Convex then checks every write "
                "and the generated types know the table.",
                span=ref.span,
                field=ref.path,
            )


def _is_string_shape(validator: Validator) -> bool:
    """A string, optional or nullable, or an array of them."""
    inner = unwrap_nullable(validator)
    if isinstance(inner, VArray):
        inner = unwrap_nullable(inner.element)
    return isinstance(inner, VString)


def _referenced_table(stem: str, tables: dict[str, str]) -> str | None:
    """The table the stem names (itself or its plural, in any case style), if the schema has one."""
    for candidate in (stem, pluralize_name(stem)):
        found = tables.get(normalize(candidate))
        if found is not None:
            return found
    # System tables: a file is named after where it is stored (`storageId`, `avatarStorageId`).
    if lower_words(stem)[-1:] == ["storage"]:
        return "_storage"
    if normalize(stem) == "scheduledfunction":
        return "_scheduled_functions"
    return None


def _is_polymorphic(ref: FieldRef, stem: str, paths: set[str]) -> bool:
    """Whether a sibling `<stem>Type`/`<stem>Table`/`<stem>Kind` field says which table is meant."""
    parent = ref.path[: -len(ref.name)]
    return any(f"{parent}{stem}{suffix}" in paths for suffix in _DISCRIMINATORS)


def _suggestion(validator: Validator, table: str) -> str:
    """`validator` rewritten with `v.id(table)` in place of its strings."""
    text = f'v.id("{table}")'
    inner = unwrap_nullable(validator)
    if isinstance(inner, VArray):
        element = f"v.nullable({text})" if inner.element is not unwrap_nullable(inner.element) else text
        text = f"v.array({element})"
    if inner is not validator and any(isinstance(m, VNull) for m in alternatives(validator)):
        text = f"v.nullable({text})"
    if validator.optional:
        text = f"v.optional({text})"
    return text
